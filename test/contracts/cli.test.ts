import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractCli } from '../../contracts/cli.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { PATHS } from '../helpers.js';

const SECRET = 'sEcReT-not-for-logs';
const TOKEN = 'tOkEn-not-for-logs-0123456789';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runContractCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** A "real API" whose stable_token works and whose getSpeed sends speed as a string. */
function brokenRealApi(): Server {
  return createServer((req, res) => {
    const type = { 'content-type': 'application/json; encoding=utf-8' };
    if (req.url?.startsWith(PATHS.getStableAccessToken)) return void res.writeHead(200, type).end(JSON.stringify({ access_token: TOKEN, expires_in: 7200 }));
    if (req.url?.startsWith(PATHS.getSpeed) && req.url.includes(TOKEN)) return void res.writeHead(200, type).end('{"speed":"0","realspeed":80}');
    // Echoes the credentials in an errmsg, which the report quotes: redaction must catch them.
    if (req.url?.startsWith(PATHS.setSpeed) && req.url.includes(TOKEN)) {
      return void res.writeHead(200, type).end(JSON.stringify({ errcode: 40014, errmsg: `invalid access_token ${TOKEN} (secret ${SECRET})` }));
    }
    if (req.url?.startsWith('/cgi-bin/')) return void res.writeHead(200, type).end('{"errcode":40001,"errmsg":"invalid credential"}');
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let mock: MockServer;
let broken: Server;
let brokenUrl: string;
let dir: string;

beforeAll(async () => {
  mock = await startMockServer({ clock: { mode: 'manual' } });
  broken = brokenRealApi();
  brokenUrl = await listen(broken);
  dir = await mkdtemp(join(tmpdir(), 'contract-cli-'));
});

afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => broken.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('wechat-mass-mock contract', () => {
  it('prints its usage with --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: wechat-mass-mock contract --target URL');
    expect(stdout).toContain('--allow-writes');
  });

  it.each([
    [[], '--target URL is required'],
    [['--target', 'nope'], '--target must be a URL, got "nope"'],
    [['--target', 'ftp://example.com'], '--target must be an http(s) URL, got ftp:'],
    [['--target', 'http://127.0.0.1:1', '--token', 't', '--appid', 'wx1'], 'give --token, or --appid and --secret, not both'],
    [['--target', 'http://127.0.0.1:1', '--appid', 'wx1'], '--appid and --secret go together'],
    [['--target', 'http://127.0.0.1:1', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 2 when the target does not answer', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const { code, stderr } = await cli(['--target', url]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('exits 2 when the real API is given no credentials', async () => {
    const { code, stderr } = await cli(['--target', brokenUrl]);
    expect(code).toBe(2);
    expect(stderr).toContain('treated as the real API, which needs --token, or --appid and --secret');
  });

  it('exits 0 against the mock, and writes JUnit and JSON reports', async () => {
    const junit = join(dir, 'reports', 'contract.xml');
    const json = join(dir, 'reports', 'contract.json');
    const { code, stdout } = await cli(['--target', mock.url, '--junit', junit, '--json', json]);
    expect(stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(code).toBe(0);
    expect(await readFile(junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="wechat-mass-mock contract" tests="\d+" failures="0"/);
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ failed: 0, target: { kind: 'mock' } });
  });

  it('exits 1 on a violation and shows it under its check', async () => {
    const { code, stdout } = await cli(['--target', brokenUrl, '--appid', 'wx1234567890abcdef', '--secret', SECRET]);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL getSpeed answers speed and realspeed\n       [schema] body.speed: must be integer, got string "0"');
    expect(stdout).toMatch(/\n\d+ passed, [1-9]\d* failed\n$/);
  });

  it('never prints or writes the secret or the token', async () => {
    const json = join(dir, 'secret.json');
    const junit = join(dir, 'secret.xml');
    const { stdout, stderr } = await cli(['--target', brokenUrl, '--appid', 'wx1234567890abcdef', '--secret', SECRET, '--json', json, '--junit', junit]);
    const given = await cli(['--target', brokenUrl, '--token', TOKEN]);
    expect(stdout).toContain('expected errcode 45083, got 40014 "invalid access_token <redacted> (secret <redacted>)"');
    for (const text of [stdout, stderr, await readFile(json, 'utf8'), await readFile(junit, 'utf8')]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
    }
    expect(given.stdout).toContain('invalid access_token <redacted>');
    expect(given.stdout + given.stderr).not.toContain(TOKEN);
  });
});
