/**
 * Cross-site writes: a page on any site can POST text/plain or a form to the mock without a
 * preflight, and a sandboxed frame does so with `Origin: null`. Every state-changing /__mock request
 * that carries an Origin must come from the mock's own page or an allowedOrigins entry; requests
 * without Origin (curl, SDKs, supertest) are not asked.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../mock/index.js';
import { MPNEWS_TO_ALL, PATHS, newMock, type TestMock } from '../helpers.js';

/** The mock as a browser on this machine would address it. */
const HOST = '127.0.0.1:3000';

/** A mock with a send waiting for the administrator, so that approve and reset have something to change. */
async function mockWithPendingSend(): Promise<{ mock: TestMock; msgId: number }> {
  const mock = newMock();
  const app = await mock.createApp({ protection: true });
  const res = await mock.post(PATHS.sendAll, await mock.token(app.appid), MPNEWS_TO_ALL);
  expect(res.body.errcode, JSON.stringify(res.body)).toBe(0);
  return { mock, msgId: res.body.msg_id as number };
}

/** Everything a write could change: apps, messages, clocks and faults. */
async function snapshot(mock: TestMock): Promise<unknown> {
  return { state: (await mock.http.get('/__mock/state')).body, faults: (await mock.http.get('/__mock/faults')).body };
}

/** Each write a page could aim at the mock, with a body the mock would act on. */
const WRITES: { path: (msgId: number) => string; body: string }[] = [
  { path: () => '/__mock/apps', body: '{"appid":"wx00000000000000aa","fans":1}' },
  { path: () => '/__mock/clock', body: '{"advance_ms":3600000}' },
  { path: (msgId) => `/__mock/messages/${msgId}/approve`, body: '' },
  { path: () => '/__mock/reset', body: '' },
  { path: () => '/__mock/faults', body: '{"operation":"getSpeed","errcode":-1}' },
];
const WRITE_PATHS = WRITES.map((write) => [write.path(0).replace('/0/', '/{msg_id}/'), write] as const);

/** What a browser sends for each attack: none of them needs a preflight. */
const ATTACKS = [
  ['a text/plain fetch from another site', { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.invalid' }],
  ['a form posted from another site', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.invalid' }],
  ['a sandboxed frame (Origin: null)', { 'content-type': 'text/plain;charset=UTF-8', origin: 'null' }],
] as const;

function post(mock: TestMock, path: string, body: string, headers: Record<string, string>) {
  return mock.http.post(path).set({ host: HOST, ...headers }).send(body);
}

describe('cross-site writes', () => {
  describe.each(ATTACKS)('%s', (_attack, headers) => {
    it.each(WRITE_PATHS)('is refused at %s with 403 origin_not_allowed, and changes nothing', async (_path, write) => {
      const { mock, msgId } = await mockWithPendingSend();
      const before = await snapshot(mock);
      const res = await post(mock, write.path(msgId), write.body, headers);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('origin_not_allowed');
      expect(await snapshot(mock)).toEqual(before);
    });
  });

  it.each(WRITE_PATHS)('leaves %s to clients that send no Origin, as the README\'s curl -d does', async (_path, write) => {
    const { mock, msgId } = await mockWithPendingSend();
    const before = await snapshot(mock);
    const res = await post(mock, write.path(msgId), write.body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(await snapshot(mock)).not.toEqual(before);
  });

  it('names the origin and the flag that would admit it', async () => {
    const res = await post(newMock(), '/__mock/clock', '{"advance_ms":1}', { origin: 'http://evil.invalid' });
    expect(res.body.message).toContain('--allowed-origins http://evil.invalid');
    expect(res.body.message).toContain('WXMOCK_ALLOWED_ORIGINS');
  });

  it('says that no flag admits Origin null', async () => {
    const res = await post(newMock(), '/__mock/reset', '', { origin: 'null' });
    expect(res.body.message).toContain('Origin null');
    expect(res.body.message).not.toContain('--allowed-origins null');
  });

  it('asks nothing of reads: a GET with a foreign Origin is answered (the browser keeps the answer from the page)', async () => {
    const res = await newMock().http.get('/__mock/state').set({ host: HOST, origin: 'http://evil.invalid' });
    expect(res.status).toBe(200);
  });
});

describe('the mock\'s own pages', () => {
  it.each(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000', 'HTTP://LOCALHOST:3000'])('may write from %s: http, an admitted host, the port the request came to', async (origin) => {
    const mock = newMock();
    const res = await post(mock, '/__mock/clock', '{"advance_ms":1000}', { 'content-type': 'application/json', origin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it.each(['http://127.0.0.1:5173', 'https://127.0.0.1:3000', 'http://localhost', 'http://evil.invalid:3000', 'http://127.0.0.1:3000/x', 'http://127.0.0.1:3000.evil.invalid'])(
    'may not write from %s: another port, scheme or host',
    async (origin) => {
      const res = await post(newMock(), '/__mock/clock', '{"advance_ms":1000}', { origin });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('origin_not_allowed');
    },
  );

  it('take a Host and an Origin without a port as port 80, as browsers write them', async () => {
    const mock = newMock();
    for (const host of ['localhost', 'localhost:80']) {
      const res = await mock.http.post('/__mock/clock').set({ host, origin: 'http://localhost' }).send({ advance_ms: 1 });
      expect(res.status, host).toBe(200);
    }
    expect((await mock.http.post('/__mock/clock').set({ host: 'localhost', origin: 'http://localhost:3000' }).send({ advance_ms: 1 })).status).toBe(403);
  });
});

describe('allowedOrigins', () => {
  it('admits the origins it names, and no others', async () => {
    const mock = newMock({ allowedOrigins: ['http://localhost:5173', 'https://dev.example.test/'] });
    for (const origin of ['http://localhost:5173', 'https://dev.example.test']) {
      expect((await post(mock, '/__mock/clock', '{"advance_ms":1}', { origin })).status, origin).toBe(200);
    }
    for (const origin of ['http://localhost:5174', 'http://dev.example.test', 'null']) {
      expect((await post(mock, '/__mock/clock', '{"advance_ms":1}', { origin })).status, origin).toBe(403);
    }
  });

  it.each(['localhost:5173', 'http://localhost:5173/app', 'null', 'file:///tmp/page.html'])('refuses %j, which is not an origin, when the mock is created', (entry) => {
    expect(() => createApp({ allowedOrigins: [entry] })).toThrow(/is not an origin/);
  });
});
