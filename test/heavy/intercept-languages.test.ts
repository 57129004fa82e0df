/**
 * Intercept mode for the stacks that ignore HTTPS_PROXY or a CA variable, each an unmodified program under
 * the CLI's env.sh: Node through the preload env.sh sets in NODE_OPTIONS, Java through JAVA_TOOL_OPTIONS
 * and truststore.p12, PHP through PHP_INI_SCAN_DIR. The Node programs run on the Node that runs the tests,
 * so CI's two runs cover Node 20 and Node 24. A preload of the test's own refuses every name lookup in
 * them, so a request that bypassed the proxy fails here, naming its host, instead of reaching the network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../cli-process.js';
import { clientEnv, underEnvSh } from './client-shell.js';

const CLIENTS = fileURLToPath(new URL('./intercept-clients/', import.meta.url));
const NO_LOOKUPS = join(CLIENTS, 'no-name-lookups.cjs');
const TOKEN_ANSWER = /^200 \{"access_token":"[^"]+","expires_in":7200\}$/;

let work: string;
let caDir: string;
let javaClasses: string;
let mock: ReturnType<typeof startCli>;
let url: string;

interface App {
  appid: string;
  secret: string;
}

/** An app of each test's own, so each journal query sees that test's calls only. */
async function createApp(): Promise<App> {
  const res = await fetch(`${url}/__mock/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return (await res.json()) as App;
}

/** What the mock journaled for `appid`: the operation and the host each call came through. */
async function journaled(appid: string): Promise<Array<{ operation: string; host: string | undefined }>> {
  const { requests } = (await (await fetch(`${url}/__mock/requests?appid=${appid}`)).json()) as { requests: Array<{ operation: string; host?: string }> };
  return requests.map(({ operation, host }) => ({ operation, host }));
}

async function interceptEnv(): Promise<Record<string, string>> {
  return ((await (await fetch(`${url}/__mock/intercept`)).json()) as { env: Record<string, string> }).env;
}

/** A Node program under env.sh, on this Node, with the lookup guard after env.sh's preload; `nodeOptions` replaces env.sh's NODE_OPTIONS. */
function node(script: string, args: string[], { nodeOptions = '$NODE_OPTIONS', after = '' } = {}): { status: number | null; out: string } {
  return underEnvSh(join(caDir, 'env.sh'), work, [process.execPath, join(CLIENTS, script), ...args], `NODE_OPTIONS="${nodeOptions} --require \\"${NO_LOOKUPS}\\"" ${after}`);
}

/** The last line a client printed, parsed: its one JSON line of results. */
function results(out: string): Record<string, unknown> {
  return JSON.parse(out.split('\n').at(-1)!) as Record<string, unknown>;
}

/** Whether this Node reads proxy variables under NODE_USE_ENV_PROXY=1: from 22.21 on 22, and on 24. */
function honoursEnvProxy(): boolean {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  return major > 22 || (major === 22 && minor >= 21);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wxmock-languages-'));
  caDir = join(work, 'ca');
  javaClasses = join(work, 'java');
  execFileSync('javac', ['-d', javaClasses, join(CLIENTS, 'WechatToken.java')], { env: clientEnv(work), stdio: 'pipe' });
  mock = startCli(['--intercept', '--port', '0', '--clock', 'manual', '--ca-dir', caDir]);
  url = await mock.ready;
});

afterAll(async () => {
  mock?.child.kill('SIGTERM');
  await mock?.exited;
});

describe(`Node ${process.versions.node} under env.sh`, () => {
  it('runs co-wechat-api with its default prefix through token, setSpeed, getSpeed, sendall and massmsgget, and a global fetch, all answered by the mock', async () => {
    const { appid, secret } = await createApp();
    const { status, out } = node('co-wechat-api-client.mjs', [appid, secret]);
    expect(status, out).toBe(0);
    const answers = results(out);
    expect(answers.prefix).toBe('https://api.weixin.qq.com/cgi-bin/');
    expect(answers.setSpeed).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(answers.getSpeed).toEqual({ speed: 2, realspeed: 45 });
    const sent = answers.sendall as { errcode: number; msg_id: number };
    expect(sent.errcode).toBe(0);
    expect(answers.massmsgget).toEqual({ msg_id: sent.msg_id, msg_status: 'SENDING' });
    expect(answers.fetch).toEqual({ status: 200, body: { speed: 2, realspeed: 45 } });
    const host = 'api.weixin.qq.com';
    expect(await journaled(appid)).toEqual(['getAccessToken', 'setSpeed', 'getSpeed', 'sendAll', 'massmsgget', 'getSpeed'].map((operation) => ({ operation, host })));
  });

  it('sends fetch, https with the global agent or an agent of its own, and plain http with an agent of its own through the proxy', async () => {
    const { appid, secret } = await createApp();
    const { status, out } = node('node-probe.mjs', [appid, secret]);
    expect(status, out).toBe(0);
    expect(results(out)).toEqual({ fetch: 200, globalAgent: 200, ownAgent: 200, plainHttpOwnAgent: 200 });
    expect((await journaled(appid)).map(({ host }) => host)).toEqual(['api.weixin.qq.com', 'api.weixin.qq.com', 'api.weixin.qq.com', 'file.api.weixin.qq.com']);
  });

  it('without the preload, NODE_USE_ENV_PROXY=1 proxies fetch and the global agent on Node 22.21 and later but never an agent of its own, and Node 20 ignores it', async () => {
    const { appid, secret } = await createApp();
    const { status, out } = node('node-probe.mjs', [appid, secret], { nodeOptions: '', after: 'NODE_USE_ENV_PROXY=1' });
    expect(status, out).toBe(0);
    const direct = (host: string) => `lookup refused: ${host}`;
    const proxied = honoursEnvProxy() ? 200 : direct('api.weixin.qq.com');
    expect(results(out)).toEqual({ fetch: proxied, globalAgent: proxied, ownAgent: direct('api.weixin.qq.com'), plainHttpOwnAgent: direct('file.api.weixin.qq.com') });
  });
});

describe('Java and PHP under env.sh', () => {
  it('a Java 17 program using java.net.http.HttpClient gets a token through JAVA_TOOL_OPTIONS alone, and fails PKIX path building without the truststore', async () => {
    const { appid, secret } = await createApp();
    const options = (await interceptEnv()).JAVA_TOOL_OPTIONS!;
    const java = (toolOptions: string) => spawnSync('java', ['-cp', javaClasses, 'WechatToken', appid, secret], { env: { ...clientEnv(work), JAVA_TOOL_OPTIONS: toolOptions }, encoding: 'utf8', timeout: 60_000 });
    const served = java(options);
    expect(served.stdout.trim(), served.stderr).toMatch(TOKEN_ANSWER);
    expect(await journaled(appid)).toEqual([{ operation: 'getAccessToken', host: 'api.weixin.qq.com' }]);

    const proxyOnly = java(options.split(' ').filter((option) => !option.startsWith('-Djavax.net.ssl.')).join(' '));
    expect(proxyOnly.status).toBe(1);
    expect(proxyOnly.stderr).toContain('PKIX path building failed');
  });

  it('a PHP program using Debian\'s Guzzle gets a token through env.sh alone, and fails with cURL error 60 without PHP_INI_SCAN_DIR', async () => {
    const { appid, secret } = await createApp();
    const php = (after = '') => underEnvSh(join(caDir, 'env.sh'), work, ['php', join(CLIENTS, 'wechat_token.php'), appid, secret], after);
    const served = php();
    expect(served.out).toMatch(TOKEN_ANSWER);
    expect(await journaled(appid)).toEqual([{ operation: 'getAccessToken', host: 'api.weixin.qq.com' }]);

    const untrusted = php('unset PHP_INI_SCAN_DIR &&');
    expect(untrusted.status).toBe(1);
    expect(untrusted.out).toContain('cURL error 60: SSL certificate problem');
  });

  it('without keytool on its PATH, the CLI leaves JAVA_TOOL_OPTIONS and truststore.p12 out, says why in env.sh, and keeps every other language\'s lines', async () => {
    const dir = join(work, 'no-keytool');
    const bare = startCli(['--intercept', '--port', '0', '--ca-dir', dir], { PATH: join(work, 'empty-path') });
    try {
      const info = (await (await fetch(`${await bare.ready}/__mock/intercept`)).json()) as { env: Record<string, string>; files: Record<string, string> };
      expect(info.env.JAVA_TOOL_OPTIONS).toBeUndefined();
      expect(info.env).toMatchObject({ NODE_OPTIONS: expect.stringContaining('node-preload.cjs'), PHP_INI_SCAN_DIR: `:${join(dir, 'php')}`, REQUESTS_CA_BUNDLE: join(dir, 'ca-bundle.pem') });
      expect(info.files.truststore).toBeUndefined();
      expect(existsSync(join(dir, 'truststore.p12'))).toBe(false);
      const envSh = readFileSync(join(dir, 'env.sh'), 'utf8');
      expect(envSh).toContain('# No JAVA_TOOL_OPTIONS: keytool was not on the PATH of the mock');
      expect(envSh).not.toContain('JAVA_TOOL_OPTIONS=');
    } finally {
      bare.child.kill('SIGTERM');
      await bare.exited;
    }
  });
});
