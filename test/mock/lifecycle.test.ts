import { afterEach, describe, expect, it } from 'vitest';
import { REALSPEED } from '../../mock/domain/store.js';
import { MPNEWS_TO_ALL, PATHS, T0, TEXT_TO_TAG, expectWxError, newMock, type TestMock } from '../helpers.js';

/** Mock ms a send of `audience` takes at `speed`: audience / (realspeed × 10,000) minutes. */
const duration = (audience: number, speed: number) => Math.ceil((audience / (REALSPEED[speed]! * 10_000)) * 60_000);

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

async function status(token: string, msg_id: number): Promise<string> {
  const res = await mock.post(PATHS.massmsgget, token, { msg_id });
  expect(res.body.msg_id, JSON.stringify(res.body)).toBe(msg_id);
  return res.body.msg_status as string;
}

describe('the lifecycle of a send', () => {
  it('is SENDING until audience / realspeed minutes have passed, then SEND_SUCCESS', async () => {
    mock = newMock();
    const token = await mock.token();
    const { body } = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    expect(body).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    expect(body.msg_id).toBeGreaterThan(2 ** 31);
    expect(String(body.msg_id)).toHaveLength(10);
    expect(body.msg_data_id).toBeTypeOf('number');
    const total = duration(1_000_000, 0); // 1,000,000 fans at 80 万 a minute: 75 s
    expect(total).toBe(75_000);
    expect(await status(token, body.msg_id)).toBe('SENDING');
    mock.advance(total - 1);
    expect(await status(token, body.msg_id)).toBe('SENDING');
    mock.advance(1);
    expect(await status(token, body.msg_id)).toBe('SEND_SUCCESS');
  });

  it('times a send to a tag by the tag\'s member count, and accepts msg_id as a string', async () => {
    mock = newMock();
    const token = await mock.token();
    await mock.post(PATHS.setSpeed, token, { speed: 4 });
    const { body } = await mock.post(PATHS.sendAll, token, TEXT_TO_TAG);
    expect(body.msg_data_id).toBeUndefined();
    mock.advance(duration(1000, 4) - 1); // 1,000 fans at 10 万 a minute
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: String(body.msg_id) })).body.msg_status).toBe('SENDING');
    mock.advance(1);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: String(body.msg_id) })).body.msg_status).toBe('SEND_SUCCESS');
  });

  it('applies a speed change to what is left of a send', async () => {
    mock = newMock();
    const token = await mock.token();
    const { body } = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    mock.advance(30_000); // 400,000 of 1,000,000 sent at 80 万 a minute
    expect((await mock.post(PATHS.setSpeed, token, { speed: '4' })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await mock.post(PATHS.getSpeed, token)).body).toEqual({ speed: 4, realspeed: 10 });
    const rest = duration(600_000, 4); // the other 600,000 at 10 万 a minute: 6 minutes
    mock.advance(rest - 1);
    expect(await status(token, body.msg_id)).toBe('SENDING');
    mock.advance(1);
    expect(await status(token, body.msg_id)).toBe('SEND_SUCCESS');
  });

  it('applies every speed change to what is left of each send in flight, to the ms, and counts sent as it goes', async () => {
    mock = newMock();
    const { appid } = await mock.createApp({ fans: 1_200_000, tags: [{ id: 2, name: '星标组', count: 600_001 }] });
    const token = await mock.token(appid);
    const messageAt = async (msg_id: number) => (await mock.http.get('/__mock/state').query({ appid })).body.apps[0].messages.find((m: { msg_id: number }) => m.msg_id === msg_id);
    const a = (await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.msg_id as number;
    mock.advance(30_000, appid); // A: 400,000 of 1,200,000 at 80 万 a minute
    const b = (await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, filter: { tag_id: 2 } })).body.msg_id as number;
    expect((await mock.post(PATHS.setSpeed, token, { speed: 2 })).body.errcode).toBe(0);
    mock.advance(20_000, appid); // 150,000 more each at 45 万 a minute
    expect((await mock.post(PATHS.setSpeed, token, { speed: 4 })).body.errcode).toBe(0);
    mock.advance(60_000, appid); // 100,000 more each at 10 万 a minute
    expect((await mock.post(PATHS.setSpeed, token, { speed: 1 })).body.errcode).toBe(0);
    expect(await messageAt(a)).toMatchObject({ status: 'SENDING', sent: 650_000, due_at: new Date(T0 + 110_000 + 55_000).toISOString() });
    expect(await messageAt(b)).toMatchObject({ status: 'SENDING', sent: 250_000, due_at: new Date(T0 + 110_000 + 35_001).toISOString() });
    // At 60 万 a minute (10 a ms): B's other 350,001 take 35,000.1 ms, rounded up; A's 550,000 take 55 s.
    mock.advance(35_000, appid);
    expect(await status(token, b)).toBe('SENDING');
    mock.advance(1, appid);
    expect(await status(token, b)).toBe('SEND_SUCCESS');
    expect(await messageAt(b)).toMatchObject({ sent: 600_001, finished_at: new Date(T0 + 145_001).toISOString() });
    mock.advance(19_998, appid);
    expect(await status(token, a)).toBe('SENDING');
    mock.advance(1, appid);
    expect(await messageAt(a)).toMatchObject({ status: 'SEND_SUCCESS', sent: 1_200_000, finished_at: new Date(T0 + 165_000).toISOString() });
  });

  it('ends a send that was done before a speed change at the time the old speed gave it', async () => {
    mock = newMock();
    const token = await mock.token();
    const { body } = await mock.post(PATHS.sendAll, token, TEXT_TO_TAG); // 1,000 fans: 75 ms at 80 万 a minute
    // Not yet settled by a tick (a real clock ticks now and then): the speed change must not stretch it.
    mock.app.mock.sim.clock.advance(10_000);
    expect((await mock.post(PATHS.setSpeed, token, { speed: 4 })).body.errcode).toBe(0);
    const state = await mock.http.get('/__mock/state');
    expect(state.body.apps[0].messages.at(-1)).toMatchObject({ msg_id: body.msg_id, status: 'SEND_SUCCESS', finished_at: new Date(T0 + 75).toISOString() });
  });

  it('sends to an openid list and ends DELETE once a successful mpvideo send is deleted', async () => {
    mock = newMock();
    const token = await mock.token();
    const { body } = await mock.post(PATHS.massSend, token, { touser: await mock.followers(token), msgtype: 'mpvideo', mpvideo: { media_id: await mock.mpvideo(token), title: 't' } });
    expectWxError(await mock.post(PATHS.deleteMassMsg, token, { msg_id: body.msg_id }), 40059);
    mock.advance(1);
    expect(await status(token, body.msg_id)).toBe('SEND_SUCCESS');
    expect((await mock.post(PATHS.deleteMassMsg, token, { msg_id: String(body.msg_id), article_idx: 0 })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await status(token, body.msg_id)).toBe('DELETE');
    expectWxError(await mock.post(PATHS.deleteMassMsg, token, { msg_id: body.msg_id }), 40059);
  });

  it('ends a send SEND_FAIL through the control API', async () => {
    mock = newMock();
    const token = await mock.token();
    const { body } = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    const failed = await mock.http.post(`/__mock/messages/${body.msg_id}/fail`).send({ status: 'err(20001)' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ msg_id: body.msg_id, status: 'SEND_FAIL', event_status: 'err(20001)' });
    expect(await status(token, body.msg_id)).toBe('SEND_FAIL');
    const again = await mock.http.post(`/__mock/messages/${body.msg_id}/fail`);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('conflict');
  });
});

describe('API mass-send protection', () => {
  async function protectedApp() {
    const app = await mock.createApp({ protection: true });
    const token = await mock.token(app.appid);
    const { body } = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    expect(body.errcode).toBe(0);
    return { appid: app.appid, token, msg_id: body.msg_id as number };
  }

  it('answers 89505 in the first minute and 89504 after, and holds the speed meanwhile', async () => {
    mock = newMock();
    const { appid, token, msg_id } = await protectedApp();
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id }), 89505);
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 3 }), 89505);
    mock.advance(59_999, appid);
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id }), 89505);
    mock.advance(1, appid);
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id }), 89504);
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 3 }), 89504);
    expect((await mock.post(PATHS.getSpeed, token)).body.speed).toBe(0);
  });

  it('starts SENDING when the administrator approves, timed from the approval', async () => {
    mock = newMock();
    const { appid, token, msg_id } = await protectedApp();
    mock.advance(10 * 60_000, appid);
    const approved = await mock.http.post(`/__mock/messages/${msg_id}/approve`);
    expect(approved.body).toMatchObject({ status: 'SENDING', sent: 0 });
    expect(await status(token, msg_id)).toBe('SENDING');
    mock.advance(duration(1_000_000, 0) - 1, appid);
    expect(await status(token, msg_id)).toBe('SENDING');
    mock.advance(1, appid);
    expect(await status(token, msg_id)).toBe('SEND_SUCCESS');
    expect((await mock.post(PATHS.setSpeed, token, { speed: 3 })).body.errcode).toBe(0);
  });

  it('times an approved send from the approval at the speed then set, and applies later changes to what is left', async () => {
    mock = newMock();
    const app = await mock.createApp({ protection: true, fans: 900_000, tags: [{ id: 103, name: 'vip', count: 100_000 }] });
    const token = await mock.token(app.appid);
    expect((await mock.post(PATHS.setSpeed, token, { speed: 3 })).body.errcode).toBe(0);
    const tagged = (await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, filter: { tag_id: 103 } })).body.msg_id as number;
    const held = (await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.msg_id as number;
    mock.advance(5_000, app.appid); // tagged: 25,000 of 100,000 at 30 万 a minute
    // setSpeed is refused while a send waits; the control API still changes the speed.
    expect((await mock.http.patch(`/__mock/apps/${app.appid}`).send({ speed: 4 })).status).toBe(200);
    mock.advance(10 * 60_000 - 5_000, app.appid);
    const state = (await mock.http.get('/__mock/state').query({ appid: app.appid })).body.apps[0];
    // The other 75,000 at 10 万 a minute: 45 s after the change.
    expect(state.messages[0]).toMatchObject({ msg_id: tagged, status: 'SEND_SUCCESS', finished_at: new Date(T0 + 50_000).toISOString() });
    const approved = await mock.http.post(`/__mock/messages/${held}/approve`);
    // 900,000 at 10 万 a minute: 9 minutes from the approval.
    expect(approved.body).toMatchObject({ status: 'SENDING', sent: 0, due_at: new Date(T0 + 600_000 + 540_000).toISOString() });
    mock.advance(60_000, app.appid); // 100,000 sent
    expect((await mock.post(PATHS.setSpeed, token, { speed: 0 })).body.errcode).toBe(0);
    // The other 800,000 at 80 万 a minute: 60 s.
    mock.advance(59_999, app.appid);
    expect(await status(token, held)).toBe('SENDING');
    mock.advance(1, app.appid);
    expect(await status(token, held)).toBe('SEND_SUCCESS');
    const ended = (await mock.http.get('/__mock/state').query({ appid: app.appid })).body.apps[0].messages[1];
    expect(ended).toMatchObject({ msg_id: held, finished_at: new Date(T0 + 720_000).toISOString() });
  });

  it('fails the send with err(40001) when the administrator rejects it', async () => {
    mock = newMock();
    const { token, msg_id } = await protectedApp();
    const rejected = await mock.http.post(`/__mock/messages/${msg_id}/reject`);
    expect(rejected.body).toMatchObject({ status: 'SEND_FAIL', event_status: 'err(40001)' });
    expect(await status(token, msg_id)).toBe('SEND_FAIL');
    expect((await mock.http.post(`/__mock/messages/${msg_id}/approve`)).status).toBe(409);
  });

  it('fails the send with err(40002) when nobody answers within 30 minutes', async () => {
    mock = newMock();
    const { appid, token, msg_id } = await protectedApp();
    mock.advance(30 * 60_000 - 1, appid);
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id }), 89504);
    mock.advance(1, appid);
    expect(await status(token, msg_id)).toBe('SEND_FAIL');
    const state = await mock.http.get('/__mock/state').query({ appid });
    expect(state.body.apps[0].messages[0]).toMatchObject({ msg_id, status: 'SEND_FAIL', event_status: 'err(40002)' });
  });

  it('does not hold sends to a tag or to an openid list', async () => {
    mock = newMock();
    const app = await mock.createApp({ protection: true, tags: [{ id: 2, name: '星标组', count: 10 }] });
    const token = await mock.token(app.appid);
    const { body } = await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, filter: { tag_id: '2' } });
    expect(await status(token, body.msg_id)).toBe('SENDING');
  });
});

describe('clientmsgid', () => {
  it('answers 45066 within a minute, 45065 with the first msg_id within 24 h, and a new send after', async () => {
    mock = newMock();
    const token = await mock.token();
    const send = { ...MPNEWS_TO_ALL, clientmsgid: 'campaign-42' };
    const first = (await mock.post(PATHS.sendAll, token, send)).body.msg_id;
    expectWxError(await mock.post(PATHS.sendAll, token, send), 45066);
    mock.advance(60_000);
    const exist = await mock.post(PATHS.sendAll, token, send);
    expectWxError(exist, 45065);
    expect(exist.body.msg_id).toBe(first);
    mock.advance(24 * 3600_000);
    const later = await mock.post(PATHS.sendAll, await mock.token(), send);
    expect(later.body.errcode).toBe(0);
    expect(later.body.msg_id).not.toBe(first);
  });

  it('counts 64 bytes of UTF-8, not characters', async () => {
    mock = newMock();
    const token = await mock.token();
    expect((await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: '群'.repeat(21) + 'a' })).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: '群'.repeat(21) + 'ab' }), 45067);
  });
});

describe('the daily mass-send quota', () => {
  it('answers 45028 once the quota is spent, and resets at midnight China time', async () => {
    mock = newMock();
    const app = await mock.createApp({ limits: { daily_mass_quota: 1 } });
    const token = await mock.token(app.appid);
    expect((await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.errcode).toBe(0);
    // Another content: the same one again would be a repeat (45066), not a new send.
    const another = { ...MPNEWS_TO_ALL, mpnews: { media_id: await mock.draft(token) } };
    expectWxError(await mock.post(PATHS.sendAll, token, another), 45028);
    mock.advance(24 * 3600_000, app.appid);
    const fresh = await mock.token(app.appid);
    expect((await mock.post(PATHS.sendAll, fresh, another)).body.errcode).toBe(0);
  });
});
