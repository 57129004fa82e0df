/**
 * The request journal (GET/DELETE /__mock/requests): what it records, its filters, its bound, and
 * that no access_token, secret or callback token ever reaches it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../../mock/domain/app-settings.js';
import { JOURNAL_BODY_LIMIT, REDACTED } from '../../mock/harness/journal.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { MPNEWS_TO_ALL, PATHS, T0, newMock, type TestMock } from '../helpers.js';

let mock: TestMock | undefined;
let server: MockServer | undefined;

afterEach(async () => {
  mock?.assertNoViolations();
  mock = undefined;
  await server?.close();
  server = undefined;
});

type Entry = { time: string; direction: string; operation: string | null; appid: string | null; method: string; path: string; query: Record<string, string>; body: unknown; errcode: number | null; status?: number | null; fault?: string };

async function journal(m: TestMock, query: Record<string, string> = {}): Promise<Entry[]> {
  const res = await m.http.get('/__mock/requests').query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.requests as Entry[];
}

describe('the request journal', () => {
  it('records every /cgi-bin call with its operation, app, mock time, query, parsed body and errcode', async () => {
    mock = newMock();
    const token = await mock.token();
    mock.advance(5_000);
    await mock.post(PATHS.setSpeed, token, { speed: 2 });
    await mock.post(PATHS.setSpeed, token, { speed: 9 });
    const entries = await journal(mock);
    expect(entries).toEqual([
      {
        time: new Date(T0).toISOString(),
        direction: 'in',
        operation: 'getAccessToken',
        appid: DEFAULT_APPID,
        method: 'GET',
        path: PATHS.getAccessToken,
        query: { grant_type: 'client_credential', appid: DEFAULT_APPID, secret: REDACTED },
        body: null,
        errcode: 0,
      },
      {
        time: new Date(T0 + 5_000).toISOString(),
        direction: 'in',
        operation: 'setSpeed',
        appid: DEFAULT_APPID,
        method: 'POST',
        path: PATHS.setSpeed,
        query: { access_token: REDACTED },
        body: { speed: 2 },
        errcode: 0,
      },
      expect.objectContaining({ operation: 'setSpeed', body: { speed: 9 }, errcode: 45083 }),
    ]);
  });

  it('stamps each entry with its app\'s own time when the app has moved its clock', async () => {
    mock = newMock();
    const app = await mock.createApp();
    mock.advance(3_600_000, app.appid);
    const token = await mock.token(app.appid);
    await mock.post(PATHS.getSpeed, await mock.token(), {});
    const [own] = await journal(mock, { appid: app.appid });
    expect(own).toMatchObject({ operation: 'getAccessToken', time: new Date(T0 + 3_600_000).toISOString() });
    expect(token).toBeTypeOf('string');
    const [, defaultCall] = await journal(mock, { appid: DEFAULT_APPID });
    expect(defaultCall).toMatchObject({ operation: 'getSpeed', time: new Date(T0).toISOString() });
  });

  it('records a call refused before its app is known with appid null, and an unknown path with operation null and its status', async () => {
    mock = newMock();
    await mock.http.post(PATHS.getSpeed).query({ access_token: 'ACCESS_TOKEN_THAT_NOBODY_ISSUED' });
    await mock.http.post('/cgi-bin/message/custom/send').query({ access_token: 'XYZ' }).send({ touser: 'x' });
    expect(await journal(mock)).toEqual([
      expect.objectContaining({ operation: 'getSpeed', appid: null, errcode: 40001, query: { access_token: REDACTED } }),
      expect.objectContaining({ operation: null, appid: null, path: '/cgi-bin/message/custom/send', errcode: null, status: 404, query: { access_token: REDACTED } }),
    ]);
  });

  it('records a body that is not JSON as its text, cut when it is huge, and an empty one as null', async () => {
    mock = newMock();
    const token = await mock.token();
    await mock.post(PATHS.setSpeed, token).set('content-type', 'text/plain').send('speed=1');
    await mock.post(PATHS.setSpeed, token).set('content-type', 'application/json').send('');
    await mock.post(PATHS.sendAll, token).set('content-type', 'text/plain').send(`{"filler":"${'x'.repeat(JOURNAL_BODY_LIMIT)}"}`);
    const [, notJson, empty, huge] = await journal(mock);
    expect(notJson).toMatchObject({ body: 'speed=1', errcode: 47001 });
    expect(empty).toMatchObject({ body: null, errcode: 44002 });
    expect(huge?.body).toBeTypeOf('string');
    expect((huge?.body as string).length).toBeLessThan(JOURNAL_BODY_LIMIT + 100);
    expect(huge?.body).toMatch(/… \(cut: \d+ characters\)$/);
  });

  it('records the fault that shaped an answer, and the status of one that replaced it', async () => {
    mock = newMock();
    const token = await mock.token();
    const { body: errcodeFault } = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: -1 });
    const { body: statusFault } = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', http_status: 503 });
    await mock.post(PATHS.getSpeed, token, {});
    await mock.post(PATHS.getSpeed, token, {});
    expect(await journal(mock, { operation: 'getSpeed' })).toEqual([
      expect.objectContaining({ errcode: -1, fault: errcodeFault.id }),
      expect.objectContaining({ errcode: null, status: 503, fault: statusFault.id }),
    ]);
  });
});

describe('filtering the journal', () => {
  it('filters by operation, by appid and by since, together or alone', async () => {
    mock = newMock();
    const a = await mock.createApp();
    const b = await mock.createApp();
    const ta = await mock.token(a.appid);
    const tb = await mock.token(b.appid);
    await mock.post(PATHS.sendAll, ta, MPNEWS_TO_ALL);
    mock.advance(60_000);
    const since = new Date(T0 + 60_000).toISOString();
    await mock.post(PATHS.sendAll, tb, MPNEWS_TO_ALL);
    await mock.post(PATHS.getSpeed, ta, {});

    expect((await journal(mock, { operation: 'sendAll' })).map((e) => e.appid)).toEqual([a.appid, b.appid]);
    expect((await journal(mock, { appid: a.appid })).map((e) => e.operation)).toEqual(['getAccessToken', 'sendAll', 'getSpeed']);
    expect((await journal(mock, { since })).map((e) => e.operation)).toEqual(['sendAll', 'getSpeed']);
    expect((await journal(mock, { since, appid: a.appid })).map((e) => e.operation)).toEqual(['getSpeed']);
    expect(await journal(mock, { operation: 'sendAll', appid: a.appid, since })).toEqual([]);
    expect(await journal(mock, { direction: 'out' })).toEqual([]);
  });

  it('lists refusals by direction "refused" with the host asked for, and shows host only on entries that have one', async () => {
    mock = newMock();
    const token = await mock.token();
    mock.app.mock.journal.record({ direction: 'refused', operation: null, appid: null, method: 'CONNECT', path: 'wechat-escape.invalid:443', host: 'wechat-escape.invalid', status: 403 });
    await mock.post(PATHS.getSpeed, token, {});
    expect(await journal(mock, { direction: 'refused' })).toEqual([
      expect.objectContaining({ direction: 'refused', operation: null, appid: null, method: 'CONNECT', path: 'wechat-escape.invalid:443', host: 'wechat-escape.invalid', query: {}, body: null, errcode: null, status: 403 }),
    ]);
    const direct = await journal(mock, { direction: 'in' });
    expect(direct.map((e) => e.operation)).toEqual(['getAccessToken', 'getSpeed']);
    for (const entry of direct) expect(entry).not.toHaveProperty('host');
  });

  it('refuses a since that is not an ISO time, and an unknown parameter, with 400', async () => {
    mock = newMock();
    for (const since of ['yesterday', '2026-11-22', '1700000000']) {
      const res = await mock.http.get('/__mock/requests').query({ since });
      expect(res.status, since).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_request', message: expect.stringContaining('since') });
    }
    const unknown = await mock.http.get('/__mock/requests').query({ operationId: 'sendAll' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('query has an unknown field "operationId"');
  });
});

describe('the journal\'s bound', () => {
  it('keeps the newest journalLimit entries, dropping the oldest first and counting them', async () => {
    mock = newMock({ journalLimit: 3 });
    const token = await mock.token();
    for (const speed of [0, 1, 2, 3]) await mock.post(PATHS.setSpeed, token, { speed });
    const res = await mock.http.get('/__mock/requests');
    expect(res.body.requests.map((e: Entry) => e.body)).toEqual([{ speed: 1 }, { speed: 2 }, { speed: 3 }]);
    expect(res.body.dropped).toBe(2);
  });

  it('keeps nothing with journalLimit 0', async () => {
    mock = newMock({ journalLimit: 0 });
    await mock.post(PATHS.getSpeed, await mock.token(), {});
    expect(await journal(mock)).toEqual([]);
  });

  it('refuses a journalLimit that is not a non-negative integer', () => {
    expect(() => newMock({ journalLimit: -1 })).toThrow(RangeError);
    expect(() => newMock({ journalLimit: 1.5 })).toThrow(RangeError);
  });
});

describe('clearing the journal', () => {
  it('DELETE /__mock/requests?appid= removes that app\'s entries; without it, every entry', async () => {
    mock = newMock({ journalLimit: 4 });
    const app = await mock.createApp();
    const ta = await mock.token(app.appid);
    const td = await mock.token();
    for (let i = 0; i < 3; i += 1) await mock.post(PATHS.getSpeed, ta, {});
    await mock.post(PATHS.getSpeed, td, {});
    expect((await mock.http.delete('/__mock/requests').query({ appid: app.appid })).body).toEqual({ ok: true, removed: 3 });
    expect((await journal(mock)).map((e) => e.appid)).toEqual([DEFAULT_APPID]);
    // The kept entries still obey the bound as new ones arrive.
    for (let i = 0; i < 4; i += 1) await mock.post(PATHS.getSpeed, td, {});
    expect(await journal(mock)).toHaveLength(4);
    expect((await mock.http.delete('/__mock/requests')).body).toEqual({ ok: true, removed: 4 });
    const res = await mock.http.get('/__mock/requests');
    expect(res.body).toEqual({ requests: [], dropped: 0 });
  });

  it('POST /__mock/reset empties the journal, or removes one app\'s entries', async () => {
    mock = newMock();
    const app = await mock.createApp();
    await mock.token(app.appid);
    await mock.token();
    await mock.http.post('/__mock/reset').query({ appid: app.appid });
    expect((await journal(mock)).map((e) => e.appid)).toEqual([DEFAULT_APPID]);
    await mock.http.post('/__mock/reset');
    expect(await journal(mock)).toEqual([]);
  });
});

describe('secrets never reach the journal', () => {
  it('leaves no access_token or secret anywhere in GET /__mock/requests', async () => {
    mock = newMock();
    const secret = 'S3cretThatMustNeverLeak';
    const app = await mock.createApp({ secret });
    const token = await mock.token(app.appid);
    const stable = await mock.http.post(PATHS.getStableAccessToken).send({ grant_type: 'client_credential', appid: app.appid, secret, force_refresh: true });
    const stableToken = stable.body.access_token as string;
    await mock.post(PATHS.setSpeed, token, { speed: 1 });
    await mock.post(PATHS.getSpeed, stableToken, {});
    await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: 'job-1' });
    // A token repeated in the query, one in the body, one a \u escape spells, and text that is not JSON.
    await mock.http.post(PATHS.getSpeed).query(`access_token=${token}&access_token=${stableToken}`).send({});
    await mock.post(PATHS.setSpeed, token).set('content-type', 'application/json').send(`{"speed":1,"access_token":"${token}","nested":[{"secret":"${secret}"}]}`);
    await mock.post(PATHS.setSpeed, token).set('content-type', 'application/json').send(`{"speed":1,"acc\\u0065ss_token":"${token}","callback_token":"CallbackTok3n"}`);
    await mock.post(PATHS.setSpeed, token).set('content-type', 'text/plain').send(`secret=${secret}&token=${token}`);
    await mock.http.get(PATHS.getAccessToken).query({ grant_type: 'client_credential', appid: app.appid, secret: `${secret}-wrong` });

    const res = await mock.http.get('/__mock/requests');
    const text = JSON.stringify(res.body);
    expect(res.body.requests.length).toBeGreaterThanOrEqual(10);
    for (const leaked of [token, stableToken, secret, DEFAULT_SECRET, 'CallbackTok3n']) expect(text).not.toContain(leaked);
    expect(text).toContain(REDACTED);
    const entries = res.body.requests as Entry[];
    expect(entries.find((e) => e.operation === 'getStableAccessToken')?.body).toEqual({ grant_type: 'client_credential', appid: app.appid, secret: REDACTED, force_refresh: true });
  });
});

describe('pushes and the control client', () => {
  it('records a push with direction "out" through journal.record, and the control client reads and clears', async () => {
    server = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 5 });
    const app = await server.control.createApp();
    server.app.mock.journal.record({
      direction: 'out',
      operation: 'MASSSENDJOBFINISH',
      appid: app.appid,
      method: 'POST',
      path: '/wechat/callback',
      query: { signature: 'abc', timestamp: '1795392000', nonce: '42', token: 'CallbackTok3n' },
      body: '<xml><Event><![CDATA[MASSSENDJOBFINISH]]></Event></xml>',
      status: 500,
    });
    await fetch(`${server.url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`);
    const out = await server.control.requests({ direction: 'out' });
    expect(out).toEqual([
      {
        time: new Date(T0).toISOString(),
        direction: 'out',
        operation: 'MASSSENDJOBFINISH',
        appid: app.appid,
        method: 'POST',
        path: '/wechat/callback',
        query: { signature: 'abc', timestamp: '1795392000', nonce: '42', token: REDACTED },
        body: '<xml><Event><![CDATA[MASSSENDJOBFINISH]]></Event></xml>',
        errcode: null,
        status: 500,
      },
    ]);
    expect((await server.control.requests({ appid: app.appid, since: new Date(T0) })).map((e) => e.operation)).toEqual(['MASSSENDJOBFINISH', 'getAccessToken']);
    expect(await server.control.requests({ operation: 'getAccessToken', since: new Date(T0 + 1) })).toEqual([]);
    await expect(server.control.requests({ since: 'soon' })).rejects.toMatchObject({ status: 400 });
    expect(await server.control.clearRequests(app.appid)).toEqual({ ok: true, removed: 2 });
    expect(await server.control.requests()).toEqual([]);
    expect(await server.control.clearRequests()).toEqual({ ok: true, removed: 0 });
  });
});
