/**
 * DNS rebinding: a page on a name whose DNS an attacker points at 127.0.0.1 reaches the mock with
 * that name in Host, and its Origin agrees with it, so only the Host check stops it. On loopback the
 * mock answers 127.0.0.1, localhost, [::1] and allowedHosts; bound beyond loopback with a control
 * token, any Host unless allowedHosts is given.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../mock/index.js';
import { PATHS, T0, newMock, type TestMock } from '../helpers.js';

const TOKEN_QUERY = { grant_type: 'client_credential', appid: 'wx0000000000000001', secret: 'mocksecret' };

/** What a rebound page would do: read the state (app secrets included), load the dashboard, move the clock, take a token. */
const TARGETS = [
  ['GET /__mock/state', (mock: TestMock, host: string) => mock.http.get('/__mock/state').set('host', host)],
  ['the dashboard page', (mock: TestMock, host: string) => mock.http.get('/__mock/').set('host', host)],
  ['the dashboard script', (mock: TestMock, host: string) => mock.http.get('/__mock/dashboard/dashboard.js').set('host', host)],
  ['GET /__mock/health', (mock: TestMock, host: string) => mock.http.get('/__mock/health').set('host', host)],
  ['POST /__mock/clock', (mock: TestMock, host: string) => mock.http.post('/__mock/clock').set({ host, origin: `http://${host}` }).send({ advance_ms: 3_600_000 })],
  ['GET /cgi-bin/token', (mock: TestMock, host: string) => mock.http.get(PATHS.getAccessToken).set('host', host).query(TOKEN_QUERY)],
] as const;

describe('a rebound Host', () => {
  it.each(TARGETS)('is refused at %s with 403 host_not_allowed, and the clock stays', async (_target, send) => {
    const mock = newMock();
    const res = await send(mock, 'evil.invalid:3000');
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('host_not_allowed');
    expect(res.body.message).toContain('--allowed-hosts evil.invalid');
    expect(mock.app.mock.sim.clock.now()).toBe(T0);
  });

  it.each(['evil.invalid', 'EVIL.invalid:80', '127.0.0.1.evil.invalid:3000', 'localhost.evil.invalid', 'localhost.:3000', '[::2]:3000', '', 'localhost@evil.invalid:3000'])(
    'is refused when it reads %j',
    async (host) => {
      const res = await newMock().http.get('/__mock/state').set('host', host);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('host_not_allowed');
    },
  );
});

describe('this machine\'s names', () => {
  it.each(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', '127.0.0.1', 'localhost', '[::1]', 'LocalHost:3000'])('are answered as %j everywhere', async (host) => {
    const mock = newMock();
    for (const [target, send] of TARGETS) expect((await send(mock, host)).status, target).toBe(200);
    expect(mock.app.mock.sim.clock.now()).toBe(T0 + 3_600_000);
  });
});

describe('allowedHosts', () => {
  it('admits the names it gives, a leading dot admitting a domain and its subdomains, and still refuses others', async () => {
    const mock = newMock({ allowedHosts: ['wechat-mock', '.dev.example.test', 'FD00::1'] });
    for (const host of ['wechat-mock:3000', 'dev.example.test', 'api.dev.example.test:8080', '[fd00::1]:3000', 'localhost:3000']) {
      expect((await mock.http.get('/__mock/state').set('host', host)).status, host).toBe(200);
    }
    for (const host of ['evil.invalid:3000', 'evildev.example.test', 'wechat-mock.evil.invalid']) {
      expect((await mock.http.get('/__mock/state').set('host', host)).status, host).toBe(403);
    }
  });

  it('lets the pages of an admitted name write, on the port they came to', async () => {
    const mock = newMock({ allowedHosts: ['wechat-mock'] });
    const write = (origin: string) => mock.http.post('/__mock/clock').set({ host: 'wechat-mock:3000', origin }).send({ advance_ms: 1 });
    expect((await write('http://wechat-mock:3000')).status).toBe(200);
    expect((await write('http://wechat-mock:3001')).status).toBe(403);
  });

  it.each(['http://wechat-mock', 'wechat-mock:3000', 'wechat mock', '-wechat', ''])('refuses %j, which is not a host name, when the mock is created', (entry) => {
    expect(() => createApp({ allowedHosts: [entry] })).toThrow(/is not a host name/);
  });
});

describe('bound beyond loopback', () => {
  const write = (mock: TestMock, host: string, origin: string) => mock.http.post('/__mock/clock').set({ host, origin, authorization: 'Bearer ci-token-1' }).send({ advance_ms: 1 });

  it('with a control token, answers a service name, while the token still guards /__mock', async () => {
    const mock = newMock({ host: '0.0.0.0', controlToken: 'ci-token-1' });
    const token = await mock.http.get(PATHS.getAccessToken).set('host', 'wechat-mock:3000').query(TOKEN_QUERY);
    expect(token.body.access_token).toBeTypeOf('string');
    expect((await mock.http.get('/__mock/state').set('host', 'wechat-mock:3000')).status).toBe(401);
    expect((await mock.http.get('/__mock/state').set({ host: 'wechat-mock:3000', authorization: 'Bearer ci-token-1' })).status).toBe(200);
    expect((await write(mock, 'wechat-mock:3000', 'http://wechat-mock:3000')).status).toBe(200);
    // Any Host is answered, but a page may only write to the name it was served from.
    expect((await write(mock, 'wechat-mock:3000', 'http://evil.invalid:3000')).status).toBe(403);
  });

  it('with allowedHosts, answers only those names and this machine\'s', async () => {
    const mock = newMock({ host: '::', controlToken: 'ci-token-1', allowedHosts: ['wechat-mock'] });
    for (const host of ['wechat-mock:3000', '127.0.0.1:3000']) expect((await mock.http.get('/__mock/health').set('host', host)).status, host).toBe(200);
    expect((await mock.http.get('/__mock/health').set('host', 'other.invalid:3000')).status).toBe(403);
  });

  it('without a control token, still answers only this machine\'s names, since nothing else would keep a rebound page out', async () => {
    const mock = newMock({ host: '0.0.0.0' });
    expect((await mock.http.get('/__mock/state').set('host', 'wechat-mock:3000')).status).toBe(403);
    expect((await mock.http.get('/__mock/state').set('host', '127.0.0.1:3000')).status).toBe(200);
  });
});
