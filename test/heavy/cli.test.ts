/** The built CLI as a user runs it: flags, the ready line, exit codes, shutdown on signals. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, CLI_ENV, runCli as run, startCli as start } from '../cli-process.js';
import { PATHS } from '../helpers.js';
import { freePort } from '../prism-process.js';

/**
 * A request to the mock on loopback with the Host (and Origin) a browser on another name would send:
 * fetch cannot set Host, node:http can. Resolves to the status.
 */
function statusFor(url: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the CLI', () => {
  it('prints a help that names every flag, and exits 0', () => {
    const res = run(['--help']);
    expect(res.status).toBe(0);
    for (const flag of ['--port', '--host', '--seed', '--config', '--clock', '--time-scale', '--control-token', '--allowed-hosts', '--allowed-origins', '--intercept', '--ca-dir', '--intercept-hosts', '--version']) expect(res.stdout).toContain(flag);
  });

  it('prints its version', () => {
    const res = run(['--version']);
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--clock', 'sundial'], /--clock must be real or manual/],
    [['--log-level', 'loud'], /--log-level must be one of warn, info, debug/],
    [['--time-scale=-1'], /--time-scale must be a positive number/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--host', '0.0.0.0'], /--control-token/],
    [['--allowed-hosts', 'wechat-mock,http://evil.invalid'], /--allowed-hosts: "http:\/\/evil.invalid" is not a host name/],
    [['--allowed-origins', 'localhost:5173'], /--allowed-origins: "localhost:5173" is not an origin/],
    [['--config', '/nonexistent/wxmock.json'], /cannot read config/],
    [['--ca-dir', '/tmp/wxmock-ca'], /--ca-dir and --intercept-hosts need --intercept/],
    [['--intercept', '--intercept-hosts', 'api.weixin.qq.com,10.0.0.1'], /--intercept-hosts: "10.0.0.1" is not a DNS name/],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const res = run(args);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain('--help');
  });

  it('refuses a config that breaks its schema, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmock-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ apps: [{ appid: 'wx1111111111111111', fans: 'many' }] }));
    const res = run(['--config', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('config.apps.0.fans');
  });

  it('refuses a config app whose callback URL leaves loopback, with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmock-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ apps: [{ appid: 'wx1111111111111111', callback_url: 'http://example.com/cb', callback_token: 'tok123' }] }));
    const res = run(['--config', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`config ${file}: app wx1111111111111111`);
    expect(res.stderr).toContain('--help');
  });

  it('reads intercept mode\'s variables only in intercept mode', () => {
    expect(run(['--version'], { WXMOCK_INTERCEPT_HOSTS: '10.0.0.1' }).status).toBe(0);
    const res = run(['--version'], { WXMOCK_INTERCEPT: '1', WXMOCK_INTERCEPT_HOSTS: '10.0.0.1' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('"10.0.0.1" is not a DNS name');
  });

  it('refuses a config app whose tags WeChat would not hold, with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmock-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ apps: [{ appid: 'wx1111111111111111', tags: [{ id: 7, name: 'vip', count: 1 }] }] }));
    const res = run(['--config', file]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`config ${file}: app wx1111111111111111: tag id 7 is not available`);
  });

  it('reads flags from the environment', () => {
    const res = run([], { PORT: 'x' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--port must be an integer/);
  });

  it('serves the default app and a config\'s apps, prints credentials and a curl line, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmock-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ apps: [{ appid: 'wx1111111111111111', secret: 'other', fans: 5, media: 'any' }] }));
    const mock = start(['--port', '0', '--clock', 'manual', '--seed', '5', '--config', file]);
    const url = await mock.ready;
    expect(mock.output()).toContain('appid wx0000000000000001, secret mocksecret');
    const token = await fetch(`${url}${PATHS.getAccessToken}?grant_type=client_credential&appid=wx1111111111111111&secret=other`).then((r) => r.json());
    expect(token.expires_in).toBe(7200);
    // The config's media policy "any": a media_id nobody issued is sent.
    const sent = await fetch(`${url}${PATHS.sendAll}?access_token=${token.access_token}`, { method: 'POST', body: JSON.stringify({ filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: 'made-up' } }) }).then((r) => r.json());
    expect(sent.errcode).toBe(0);
    expect((await fetch(`${url}/__mock/clock`).then((r) => r.json())).mode).toBe('manual');
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const mock = start(['--port', '0']);
    await mock.ready;
    mock.child.kill('SIGINT');
    expect(await mock.exited).toBe(0);
  });

  it('says clearly when the port is taken, and exits 1', async () => {
    const first = start(['--port', '0']);
    const url = await first.ready;
    const port = new URL(url).port;
    const res = run(['--port', port]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('logs one line per request at --log-level debug, and no token or secret in any output', async () => {
    const mock = start(['--port', '0', '--clock', 'manual', '--log-level', 'debug']);
    const url = await mock.ready;
    const app = await fetch(`${url}/__mock/apps`, { method: 'POST', body: JSON.stringify({ secret: 'S3cretNeverPrinted' }) }).then((r) => r.json());
    const { access_token: token } = await fetch(`${url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=S3cretNeverPrinted`).then((r) => r.json());
    const stable = await fetch(`${url}${PATHS.getStableAccessToken}`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: app.appid, secret: 'S3cretNeverPrinted' }) }).then((r) => r.json());
    await fetch(`${url}${PATHS.setSpeed}?access_token=${token}`, { method: 'POST', body: '{"speed":9}' });
    await fetch(`${url}${PATHS.getSpeed}?access_token=${stable.access_token}`, { method: 'POST' });
    await fetch(`${url}/__mock/requests`);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    const output = mock.output() + mock.errors();
    expect(output).toMatch(/ POST \/cgi-bin\/message\/mass\/speed\/set 200 [0-9.]+ms/);
    expect(output).toMatch(/ GET \/cgi-bin\/token 200 /);
    for (const secret of [token, stable.access_token, 'S3cretNeverPrinted']) expect(output).not.toContain(secret);
  });

  it('prints nothing but warnings at --log-level warn, even while serving', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, '--port', String(port), '--log-level', 'warn'], { env: CLI_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/__mock/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 100) throw new Error('the mock did not come up');
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toBe('');
  });

  it.each([
    ['flags', ['--allowed-hosts', 'wechat-mock,.dev.example.test', '--allowed-origins', 'http://localhost:5173'], {}],
    ['the environment', [], { WXMOCK_ALLOWED_HOSTS: 'wechat-mock, .dev.example.test', WXMOCK_ALLOWED_ORIGINS: 'http://localhost:5173' }],
  ])('admits the hosts and origins given as %s, and refuses others', async (_how, args, env) => {
    const mock = start(['--port', '0', '--clock', 'manual', ...args], env);
    const url = await mock.ready;
    const port = new URL(url).port;
    const clock = (host: string, origin?: string) => statusFor(url, 'POST', '/__mock/clock', { host, ...(origin && { origin }) }, '{"advance_ms":1}');
    expect(await statusFor(url, 'GET', '/__mock/state', { host: `wechat-mock:${port}` })).toBe(200);
    expect(await statusFor(url, 'GET', '/__mock/state', { host: `api.dev.example.test:${port}` })).toBe(200);
    expect(await statusFor(url, 'GET', '/__mock/state', { host: `evil.invalid:${port}` })).toBe(403);
    expect(await clock(`localhost:${port}`, 'http://localhost:5173')).toBe(200);
    expect(await clock(`localhost:${port}`, `http://localhost:${port}`)).toBe(200);
    expect(await clock(`localhost:${port}`, 'http://evil.invalid')).toBe(403);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  });

  it('bound to every address with a control token, answers a service name, and the token guards /__mock', async () => {
    const mock = start(['--port', '0', '--host', '0.0.0.0', '--control-token', 'ci-token-7']);
    const url = await mock.ready;
    const host = `wechat-mock:${new URL(url).port}`;
    expect(await statusFor(url, 'GET', `${PATHS.getAccessToken}?grant_type=client_credential&appid=wx0000000000000001&secret=mocksecret`, { host })).toBe(200);
    expect(await statusFor(url, 'GET', '/__mock/state', { host })).toBe(401);
    expect(await statusFor(url, 'GET', '/__mock/state', { host, authorization: 'Bearer ci-token-7' })).toBe(200);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  });
});
