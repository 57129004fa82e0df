import { afterEach, describe, expect, it } from 'vitest';
import { sendAll } from '../../mock/domain/sends.js';
import { MPNEWS_TO_ALL, PATHS, T0, TEXT_TO_TAG, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

describe('the control API', () => {
  it('answers health', async () => {
    mock = newMock();
    expect((await mock.http.get('/__mock/health')).body).toEqual({ ok: true });
  });

  it('creates an app with generated credentials and the whole app in the answer', async () => {
    mock = newMock();
    const res = await mock.http.post('/__mock/apps').send({ fans: 42, tags: [{ id: 107, name: 'vip', count: 3 }], protection: true });
    expect(res.status).toBe(201);
    expect(res.body.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(res.body.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.original_id).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(res.body).toMatchObject({ fans: 42, tags: [{ id: 2, name: '星标组', count: 0 }, { id: 107, name: 'vip', count: 3 }], protection: true, speed: 0, realspeed: 80, messages: [] });
  });

  it('refuses an appid that exists (409) and a bad body (400) with a clear message', async () => {
    mock = newMock();
    const taken = await mock.http.post('/__mock/apps').send({ appid: 'wx0000000000000001' });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ error: 'conflict', message: 'app wx0000000000000001 exists' });
    const bad = await mock.http.post('/__mock/apps').send({ fans: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_request');
    expect(bad.body.message).toContain('body.fans');
    const unknown = await mock.http.post('/__mock/apps').send({ fanz: 1 });
    expect(unknown.body.message).toContain('unknown field "fanz"');
    const notJson = await mock.http.post('/__mock/apps').set('content-type', 'application/json').send('{');
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toBe('the body must be a JSON object');
  });

  it("refuses tags WeChat would not hold: ids 0 to 99 but 星标组's 2, a renamed 星标组, names used twice or over 30 bytes, over 100 tags", async () => {
    mock = newMock();
    const refusals: [unknown[], RegExp][] = [
      [[{ id: 3, name: 'vip', count: 1 }], /tag id 3 is not available: ids 0 to 2 are WeChat's own, created tags have ids from 100/],
      [[{ id: 0, name: 'untagged', count: 1 }], /tag id 0 is not available/],
      [[{ id: 2, name: 'starred', count: 1 }], /tag 2 is WeChat's own "星标组"/],
      [[{ id: 100, name: '星标组', count: 1 }], /"星标组" is used twice/],
      [[{ id: 100, name: 'a', count: 1 }, { id: 101, name: 'a', count: 1 }], /"a" is used twice \(tag 101\)/],
      [[{ id: 100, name: 'a', count: 1 }, { id: 100, name: 'b', count: 1 }], /tag id 100 appears twice/],
      [[{ id: 100, name: '广'.repeat(11), count: 1 }], /over 30 bytes/],
      [Array.from({ length: 101 }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 0 })), /at most 100 tags of its own \(45056\); got 101/],
    ];
    for (const [tags, message] of refusals) {
      const res = await mock.http.post('/__mock/apps').send({ tags });
      expect(res.status, JSON.stringify(tags).slice(0, 80)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    const patched = await mock.http.patch('/__mock/apps/wx0000000000000001').send({ tags: [{ id: 50, name: 'x', count: 1 }] });
    expect(patched.status).toBe(400);
    expect(mock.app.mock.sim.store.apps.size).toBe(1);
  });

  it("gives every app WeChat's 星标组 with the count given or 0, and the default app 测试组 as tag 100", async () => {
    mock = newMock();
    const created = await mock.http.post('/__mock/apps').send({ tags: [{ id: 100, name: 'vip', count: 5 }, { id: 2, name: '星标组', count: 7 }] });
    expect(created.body.tags).toEqual([{ id: 2, name: '星标组', count: 7 }, { id: 100, name: 'vip', count: 5 }]);
    const state = await mock.http.get('/__mock/state').query({ appid: 'wx0000000000000001' });
    expect(state.body.apps[0].tags).toEqual([{ id: 2, name: '星标组', count: 0 }, { id: 100, name: '测试组', count: 1000 }]);
    // A tag never has more fans than its app.
    const small = await mock.http.post('/__mock/apps').send({ fans: 3, tags: [{ id: 100, name: 'vip', count: 50 }] });
    expect(small.body.tags[1]).toEqual({ id: 100, name: 'vip', count: 3 });
  });

  it('moves the clock forward by advance_ms or to a time, and never backwards', async () => {
    mock = newMock();
    expect((await mock.http.get('/__mock/clock')).body).toEqual({ now: new Date(T0).toISOString(), mode: 'manual', scale: 1 });
    expect((await mock.http.post('/__mock/clock').send({ advance_ms: 1500 })).body.now).toBe(new Date(T0 + 1500).toISOString());
    const to = new Date(T0 + 3600_000).toISOString();
    expect((await mock.http.post('/__mock/clock').send({ now: to })).body.now).toBe(to);
    const back = await mock.http.post('/__mock/clock').send({ now: new Date(T0).toISOString() });
    expect(back.status).toBe(400);
    expect(back.body.message).toMatch(/time only moves forward/);
    expect((await mock.http.post('/__mock/clock').send({ advance_ms: -5 })).status).toBe(400);
    expect((await mock.http.post('/__mock/clock').send({})).status).toBe(400);
    expect((await mock.http.post('/__mock/clock').send({ advance_ms: 1, appid: 'wx9999999999999999' })).status).toBe(404);
  });

  it('lists messages in the state with their timing, newest last, and limits them on request', async () => {
    mock = newMock();
    const token = await mock.token();
    const first = (await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.msg_id;
    const second = (await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, mpnews: { media_id: await mock.draft(token) } })).body.msg_id;
    const all = await mock.http.get('/__mock/state');
    const app = all.body.apps[0];
    expect(app.message_count).toBe(2);
    expect(app.messages.map((m: { msg_id: number }) => m.msg_id)).toEqual([first, second]);
    expect(app.messages[0]).toMatchObject({ status: 'SENDING', audience: 1_000_000, sent: 0, due_at: new Date(T0 + 75_000).toISOString() });
    const newest = await mock.http.get('/__mock/state').query({ messages: 1 });
    expect(newest.body.apps[0].messages.map((m: { msg_id: number }) => m.msg_id)).toEqual([second]);
    expect((await mock.http.get('/__mock/state').query({ messages: 'many' })).status).toBe(400);
  });

  it('lists the newest 1000 messages per app unless asked for more, and counts them all', async () => {
    mock = newMock();
    const { sim } = mock.app.mock;
    const created = sim.createApp({ limits: { daily_mass_quota: null }, tags: [{ id: 100, name: 'all', count: 1000 }] });
    const app = created.ok ? created.value : expect.unreachable();
    // Each send differs, so none is a repeat of another.
    for (let i = 0; i < 1005; i++) expect(sim.unit(() => sendAll(sim.ctx, app, { ...TEXT_TO_TAG, text: { content: `n${i}` } })).ok).toBe(true);
    const state = await mock.http.get('/__mock/state').query({ appid: app.appid });
    expect(state.body.apps[0].message_count).toBe(1005);
    expect(state.body.apps[0].messages).toHaveLength(1000);
    expect(state.body.apps[0].messages.at(-1).msg_id).toBe(app.message_ids.at(-1));
    expect((await mock.http.get('/__mock/state').query({ appid: app.appid, messages: 2000 })).body.apps[0].messages).toHaveLength(1005);
  });

  it('answers 404 for an unknown msg_id and 400 for one that is not a number', async () => {
    mock = newMock();
    expect((await mock.http.post('/__mock/messages/3147494522/approve')).status).toBe(404);
    const bad = await mock.http.post('/__mock/messages/abc/reject');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_request');
    expect((await mock.http.post('/__mock/messages/3147494522/fail').send({ status: 'broken' })).status).toBe(400);
  });

  it('serves the WeChat contract and its own', async () => {
    mock = newMock();
    const wechat = await mock.http.get('/__mock/openapi.yaml');
    expect(wechat.text).toContain('operationId: massmsgget');
    const control = await mock.http.get('/__mock/control.yaml');
    expect(control.text).toContain('operationId: moveClock');
  });

  it('demands the control token when one is set, except for health', async () => {
    mock = newMock({ controlToken: 's3cret' });
    expect((await mock.http.get('/__mock/health')).status).toBe(200);
    const denied = await mock.http.get('/__mock/state');
    expect(denied.status).toBe(401);
    expect(denied.body.error).toBe('unauthorized');
    expect((await mock.http.get('/__mock/state').set('authorization', 'Bearer wrong')).status).toBe(401);
    expect((await mock.http.get('/__mock/state').set('authorization', 'Bearer s3cret')).status).toBe(200);
  });
});

describe('bad input', () => {
  it('answers an unknown /cgi-bin path with a JSON 404 naming the path', async () => {
    mock = newMock();
    const res = await mock.http.post('/cgi-bin/message/mass/unknown');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.message).toContain('/cgi-bin/message/mass/unknown');
  });

  it('answers anything outside /cgi-bin and /__mock with a JSON 404, never HTML', async () => {
    mock = newMock();
    for (const path of ['/', '/index.html', '/%E0%A4%A', '/__mock/nothing']) {
      const res = await mock.http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toMatch(/^application\/json/);
    }
  });

  it('parses JSON whatever the Content-Type, and ignores unknown fields', async () => {
    mock = newMock();
    const token = await mock.token();
    const res = await mock.http.post(PATHS.setSpeed).query({ access_token: token }).set('content-type', 'text/plain').send('{"speed":"3","extra":[1,2]}');
    expect(res.body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await mock.post(PATHS.getSpeed, token)).body.speed).toBe(3);
  });

  it.each([
    [{ speed: 4.5 }, 45083],
    [{ speed: -1 }, 45083],
    [{ speed: '' }, 45083],
    [{ speed: true }, 45083],
    [{ speed: [1] }, 45083],
    [{ speed: 1e300 }, 45083],
    [{ speed: null }, 45084],
    [{ speed: '05' }, 45083],
  ])('answers setSpeed %j with %i', async (body, errcode) => {
    mock = newMock();
    const res = await mock.post(PATHS.setSpeed, await mock.token(), body);
    expect(res.body.errcode).toBe(errcode);
  });

  it('answers a JSON body that is not an object with 47001', async () => {
    mock = newMock();
    const token = await mock.token();
    for (const text of ['[1]', '"x"', '12', 'null']) {
      const res = await mock.http.post(PATHS.massmsgget).query({ access_token: token }).set('content-type', 'application/json').send(text);
      expect(res.body.errcode, text).toBe(47001);
    }
  });

  it('keeps a __proto__ key in a body from polluting anything', async () => {
    mock = newMock();
    const token = await mock.token();
    const res = await mock.http.post(PATHS.sendAll).query({ access_token: token }).set('content-type', 'application/json').send('{"__proto__":{"polluted":1},"filter":{"is_to_all":true,"__proto__":{"tag_id":1}},"msgtype":"text","text":{"content":"x"}}');
    expect(res.body.errcode).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts filter shapes SDKs send: tag_id null with is_to_all, tag_id alone, tag_id as a string', async () => {
    mock = newMock();
    const token = await mock.token();
    for (const [i, filter] of [{ is_to_all: true, tag_id: null }, { tag_id: 100 }, { is_to_all: false, tag_id: '100' }].entries()) {
      const res = await mock.post(PATHS.sendAll, token, { filter, msgtype: 'text', text: { content: `x${i}` }, send_ignore_reprint: '0' });
      expect(res.body.errcode, JSON.stringify(filter)).toBe(0);
    }
  });

  it('answers a body nested deeper than 64 levels with 47001, and the journal still reads', async () => {
    mock = newMock();
    const token = await mock.token();
    const deep = `{"speed":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await mock.http.post(PATHS.setSpeed).query({ access_token: token }).set('content-type', 'application/json').send(deep);
    expect(res.body.errcode).toBe(47001);
    const shallow = `{"speed":1,"x":${'['.repeat(60)}${']'.repeat(60)}}`;
    expect((await mock.http.post(PATHS.setSpeed).query({ access_token: token }).set('content-type', 'application/json').send(shallow)).body.errcode).toBe(0);
    const journal = await mock.http.get('/__mock/requests');
    expect(journal.status).toBe(200);
    const control = await mock.http.post('/__mock/apps').set('content-type', 'application/json').send(`{"tags":${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(control.status).toBe(400);
  });

  it('answers a clientmsgid that is an object with 47001, and reads a number as its digits', async () => {
    mock = newMock();
    const token = await mock.token();
    expect((await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: { a: 1 } })).body.errcode).toBe(47001);
    expect((await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: 42 })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: '42' })).body.errcode).toBe(45066);
  });

  it('refuses to move any clock past the year 9999', async () => {
    mock = newMock();
    const huge = await mock.http.post('/__mock/clock').send({ advance_ms: Number.MAX_SAFE_INTEGER });
    expect(huge.status).toBe(400);
    expect(huge.body.message).toMatch(/past 9999-12-31/);
    const app = await mock.createApp();
    expect((await mock.http.post('/__mock/clock').send({ advance_ms: 200_000 * 365 * 86_400_000, appid: app.appid })).status).toBe(400);
    expect((await mock.http.get('/__mock/clock')).status).toBe(200);
    expect((await mock.http.get('/__mock/state')).status).toBe(200);
  });
});

