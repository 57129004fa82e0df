import { afterEach, describe, expect, it } from 'vitest';
import { MPNEWS_TO_ALL, PATHS, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

describe('apps are tenants', () => {
  it('never lets two apps see each other\'s speed or messages, even when called in parallel', async () => {
    mock = newMock();
    const [a, b] = await Promise.all([mock.createApp({ fans: 10 }), mock.createApp({ fans: 20 })]);
    const [ta, tb] = await Promise.all([mock.token(a.appid), mock.token(b.appid)]);
    const [, , sa, sb] = await Promise.all([
      mock.post(PATHS.setSpeed, ta, { speed: 1 }),
      mock.post(PATHS.setSpeed, tb, { speed: 3 }),
      mock.post(PATHS.sendAll, ta, MPNEWS_TO_ALL),
      mock.post(PATHS.sendAll, tb, MPNEWS_TO_ALL),
    ]);
    expect((await mock.post(PATHS.getSpeed, ta)).body).toEqual({ speed: 1, realspeed: 60 });
    expect((await mock.post(PATHS.getSpeed, tb)).body).toEqual({ speed: 3, realspeed: 30 });
    expectWxError(await mock.post(PATHS.massmsgget, ta, { msg_id: sb.body.msg_id }), 40059);
    expectWxError(await mock.post(PATHS.massmsgget, tb, { msg_id: sa.body.msg_id }), 40059);
    expectWxError(await mock.post(PATHS.deleteMassMsg, tb, { msg_id: sa.body.msg_id }), 40059);
    const state = await mock.http.get('/__mock/state').query({ appid: a.appid });
    expect(state.body.apps).toHaveLength(1);
    expect(state.body.apps[0].messages.map((m: { msg_id: number }) => m.msg_id)).toEqual([sa.body.msg_id]);
    expect(state.body.apps[0].messages[0].audience).toBe(10);
  });

  it('moves one app\'s clock without moving anyone else\'s', async () => {
    mock = newMock();
    const a = await mock.createApp();
    const ta = await mock.token(a.appid);
    const td = await mock.token();
    const { body } = await mock.post(PATHS.sendAll, td, MPNEWS_TO_ALL);
    const moved = await mock.http.post('/__mock/clock').send({ advance_ms: 7200_000, appid: a.appid });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.app_now) - Date.parse(moved.body.now)).toBe(7200_000);
    expectWxError(await mock.post(PATHS.getSpeed, ta), 42001);
    expect((await mock.post(PATHS.massmsgget, td, { msg_id: body.msg_id })).body.msg_status).toBe('SENDING');
  });

  it('resets one app to its start-up settings and leaves the others alone', async () => {
    mock = newMock();
    const a = await mock.createApp({ fans: 5 });
    const ta = await mock.token(a.appid);
    const td = await mock.token();
    await mock.post(PATHS.setSpeed, ta, { speed: 4 });
    await mock.post(PATHS.setSpeed, td, { speed: 2 });
    expect((await mock.http.post('/__mock/reset').query({ appid: a.appid })).body).toEqual({ ok: true });
    expectWxError(await mock.post(PATHS.getSpeed, ta), 40001);
    const fresh = await mock.token(a.appid);
    expect((await mock.post(PATHS.getSpeed, fresh)).body.speed).toBe(0);
    expect((await mock.post(PATHS.getSpeed, td)).body.speed).toBe(2);
    const state = await mock.http.get('/__mock/state').query({ appid: a.appid });
    expect(state.body.apps[0]).toMatchObject({ appid: a.appid, secret: a.secret, fans: 5 });
  });

  it('resets everything to the start-up config: run-time apps are gone', async () => {
    mock = newMock();
    const a = await mock.createApp();
    await mock.http.post('/__mock/reset');
    const state = await mock.http.get('/__mock/state');
    expect(state.body.apps.map((app: { appid: string }) => app.appid)).toEqual(['wx0000000000000001']);
    expect((await mock.http.get('/__mock/state').query({ appid: a.appid })).status).toBe(404);
  });
});

describe('determinism', () => {
  async function script(seed: number) {
    const m = newMock({ seed });
    const token = await m.token();
    const sent = await m.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    const bad = await m.post(PATHS.setSpeed, token, { speed: 9 });
    const app = await m.createApp();
    return { token, sent: sent.body, bad: bad.body, app };
  }

  it('gives the same answers for the same seed and requests on the manual clock', async () => {
    mock = newMock();
    expect(await script(42)).toEqual(await script(42));
  });

  it('gives other ids for another seed', async () => {
    mock = newMock();
    const [a, b] = [await script(1), await script(2)];
    expect(a.sent.msg_id).not.toBe(b.sent.msg_id);
    expect(a.token).not.toBe(b.token);
  });
});
