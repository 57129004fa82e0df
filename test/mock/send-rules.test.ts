/**
 * What WeChat refuses and how it numbers: duplicate sends without clientmsgid, account types, ids
 * as real answers show them, stable_token's rotation, and which calls answer 8950x while a send waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../../mock/domain/app-settings.js';
import { DEFAULT_NEWS_MEDIA_ID } from '../../mock/domain/media-library.js';
import { MPNEWS_TO_ALL, PATHS, TEXT_TO_TAG, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

const TO_TAG = { filter: { is_to_all: false, tag_id: 100 } };

describe('duplicate sends without clientmsgid', () => {
  it('answers the same content to the same scope 45066 within a minute and 45065 with its msg_id within 24 hours', async () => {
    mock = newMock();
    const token = await mock.token();
    const first = await mock.post(PATHS.sendAll, token, TEXT_TO_TAG);
    expect(first.body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.sendAll, token, TEXT_TO_TAG), 45066);
    mock.advance(61_000);
    const again = await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, filter: { tag_id: '100', is_to_all: false } });
    expect(again.body).toMatchObject({ errcode: 45065, msg_id: first.body.msg_id });
    mock.advance(24 * 3600_000);
    expect((await mock.post(PATHS.sendAll, await mock.token(), TEXT_TO_TAG)).body.errcode).toBe(0);
  });

  it('tells sends apart by content, scope and msgtype', async () => {
    mock = newMock();
    const token = await mock.token();
    const sends = [
      TEXT_TO_TAG,
      { ...TEXT_TO_TAG, text: { content: 'another' } },
      { ...TEXT_TO_TAG, filter: { is_to_all: true } },
      { ...TO_TAG, msgtype: 'mpnews', mpnews: { media_id: DEFAULT_NEWS_MEDIA_ID } },
      { ...TO_TAG, msgtype: 'image', images: { media_ids: [await mock.uploaded(token, 'image')] } },
    ];
    for (const body of sends) expect((await mock.post(PATHS.sendAll, token, body)).body.errcode, JSON.stringify(body)).toBe(0);
  });

  it('counts an openid list as a set: another order is the same send', async () => {
    mock = newMock();
    const token = await mock.token();
    const openids = await mock.followers(token);
    const body = { touser: openids, msgtype: 'text', text: { content: 'hi' } };
    expect((await mock.post(PATHS.massSend, token, body)).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.massSend, token, { ...body, touser: [...openids].reverse() }), 45066);
  });

  it('lets a send whose earlier copy failed or was rejected go again', async () => {
    mock = newMock();
    const token = await mock.token();
    const failed = (await mock.post(PATHS.sendAll, token, TEXT_TO_TAG)).body.msg_id as number;
    expect((await mock.http.post(`/__mock/messages/${failed}/fail`).send({})).status).toBe(200);
    expect((await mock.post(PATHS.sendAll, token, TEXT_TO_TAG)).body.errcode).toBe(0);
  });

  it('leaves repeats alone with dedupe_without_clientmsgid off, and an explicit clientmsgid still counts', async () => {
    mock = newMock();
    const app = await mock.createApp({ dedupe_without_clientmsgid: false, tags: [{ id: 100, name: 't', count: 10 }] });
    const token = await mock.token(app.appid);
    expect((await mock.post(PATHS.sendAll, token, TEXT_TO_TAG)).body.errcode).toBe(0);
    expect((await mock.post(PATHS.sendAll, token, TEXT_TO_TAG)).body.errcode).toBe(0);
    expect((await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, clientmsgid: 'once' })).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, clientmsgid: 'once' }), 45066);
  });
});

describe('account types', () => {
  it('gives a subscription account one sendall a day (45028 after) and refuses it mass/send (48001)', async () => {
    mock = newMock();
    const app = await mock.createApp({ account_type: 'subscription', tags: [{ id: 100, name: 't', count: 10 }] });
    const token = await mock.token(app.appid);
    expect((await mock.post(PATHS.sendAll, token, TEXT_TO_TAG)).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, text: { content: 'second' } }), 45028);
    expectWxError(await mock.post(PATHS.massSend, token, { touser: await mock.followers(token), msgtype: 'text', text: { content: 'hi' } }), 48001);
    mock.advance(24 * 3600_000, app.appid);
    const fresh = await mock.token(app.appid);
    expect((await mock.post(PATHS.sendAll, fresh, { ...TEXT_TO_TAG, text: { content: 'next day' } })).body.errcode).toBe(0);
  });

  it('gives a service account 100 sendall calls a day', async () => {
    mock = newMock();
    const app = await mock.createApp({ tags: [{ id: 100, name: 't', count: 10 }] });
    const token = await mock.token(app.appid);
    for (let i = 0; i < 100; i++) expect((await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, text: { content: `n${i}` } })).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, text: { content: 'n100' } }), 45028);
    // mass/send has no daily quota of its own.
    expect((await mock.post(PATHS.massSend, token, { touser: await mock.followers(token), msgtype: 'text', text: { content: 'hi' } })).body.errcode).toBe(0);
  });

  it('lets explicit limits override the account type, higher, lower or lifted with null', async () => {
    mock = newMock();
    const higher = await mock.createApp({ account_type: 'subscription', limits: { daily_mass_quota: 3 }, tags: [{ id: 100, name: 't', count: 1 }] });
    const lifted = await mock.createApp({ limits: { daily_mass_quota: null }, tags: [{ id: 100, name: 't', count: 1 }] });
    const higherToken = await mock.token(higher.appid);
    for (let i = 0; i < 3; i++) expect((await mock.post(PATHS.sendAll, higherToken, { ...TEXT_TO_TAG, text: { content: `h${i}` } })).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.sendAll, higherToken, { ...TEXT_TO_TAG, text: { content: 'h3' } }), 45028);
    const liftedToken = await mock.token(lifted.appid);
    for (let i = 0; i < 101; i++) expect((await mock.post(PATHS.sendAll, liftedToken, { ...TEXT_TO_TAG, text: { content: `l${i}` } })).body.errcode).toBe(0);
    expect((await mock.http.get('/__mock/state').query({ appid: lifted.appid })).body.apps[0]).toMatchObject({ account_type: 'service', limits: { daily_mass_quota: null } });
  });
});

describe('ids as real answers show them', () => {
  it('numbers msg_ids and msg_data_ids between 2^31 and 2^32, increasing and unique across apps and previews', async () => {
    mock = newMock();
    // Media policy "any": twenty sends of made-up news, each its own content.
    await mock.http.patch(`/__mock/apps/${DEFAULT_APPID}`).send({ media: 'any' });
    const other = await mock.createApp({ tags: [{ id: 100, name: 't', count: 10 }], media: 'any' });
    const tokens = [await mock.token(), await mock.token(other.appid)];
    const msgIds: number[] = [];
    const dataIds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const token = tokens[i % 2]!;
      const sent = (await mock.post(PATHS.sendAll, token, { ...TO_TAG, msgtype: 'mpnews', mpnews: { media_id: `M${i}` } })).body;
      msgIds.push(sent.msg_id);
      dataIds.push(sent.msg_data_id);
      if (i % 5 === 0) msgIds.push((await mock.post(PATHS.previewMassMsg, token, { touser: (await mock.followers(token, 1))[0], msgtype: 'text', text: { content: `p${i}` } })).body.msg_id);
    }
    for (const ids of [msgIds, dataIds]) {
      expect(ids.every((id) => Number.isInteger(id) && id > 2 ** 31 && id < 2 ** 32)).toBe(true);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    }
  });

  it('numbers the same way under the same seed', async () => {
    const first = newMock();
    const second = newMock();
    const ids = async (m: TestMock) => {
      const token = await m.token();
      return [(await m.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body, (await m.post(PATHS.sendAll, token, TEXT_TO_TAG)).body];
    };
    expect(await ids(first)).toEqual(await ids(second));
    mock = first;
  });
});

describe('stable_token as WeChat rotates it', () => {
  const stable = (extra: Record<string, unknown> = {}) =>
    mock.http.post(PATHS.getStableAccessToken).send({ grant_type: 'client_credential', appid: DEFAULT_APPID, secret: DEFAULT_SECRET, ...extra });

  it('issues a new token only in the old one’s last 5 minutes, and the old one works until its own expiry', async () => {
    mock = newMock();
    const old = (await stable()).body.access_token as string;
    mock.advance(7200_000 - 250_000);
    const renewed = await stable();
    expect(renewed.body.access_token).not.toBe(old);
    expect(renewed.body.expires_in).toBe(7200);
    expect((await mock.post(PATHS.getSpeed, old)).body.speed).toBe(0);
    mock.advance(249_999);
    expect((await mock.post(PATHS.getSpeed, old)).body.speed).toBe(0);
    mock.advance(1);
    expectWxError(await mock.post(PATHS.getSpeed, old), 42001);
    expect((await mock.post(PATHS.getSpeed, renewed.body.access_token)).body.speed).toBe(0);
  });

  it('rotates on force_refresh at once, but not again within 30 seconds', async () => {
    mock = newMock();
    const a = (await stable()).body.access_token as string;
    const b = (await stable({ force_refresh: true })).body.access_token as string;
    expect(b).not.toBe(a);
    expectWxError(await mock.post(PATHS.getSpeed, a), 40001);
    mock.advance(29_999);
    expect((await stable({ force_refresh: true })).body.access_token).toBe(b);
    mock.advance(1);
    const c = (await stable({ force_refresh: true })).body.access_token as string;
    expect(c).not.toBe(b);
    expectWxError(await mock.post(PATHS.getSpeed, b), 40001);
  });
});

describe('protection_codes', () => {
  it('answers 89505 then 89504 after switch_after_ms, on the calls it names only', async () => {
    mock = newMock();
    const app = await mock.createApp({ protection: true, protection_codes: { operations: ['massmsgget'], switch_after_ms: 10_000 } });
    const token = await mock.token(app.appid);
    const held = (await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.msg_id as number;
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id: held }), 89505);
    // setSpeed is not named: it goes through while the send waits.
    expect((await mock.post(PATHS.setSpeed, token, { speed: 2 })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    mock.advance(10_000, app.appid);
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id: held }), 89504);
  });

  it('reads a waiting send as SENDING where massmsgget is not named', async () => {
    mock = newMock();
    const app = await mock.createApp({ protection: true, protection_codes: { operations: ['setSpeed'] } });
    const token = await mock.token(app.appid);
    const held = (await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.msg_id as number;
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: held })).body).toEqual({ msg_id: held, msg_status: 'SENDING' });
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 2 }), 89505);
    mock.advance(60_000, app.appid);
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 2 }), 89504);
  });
});

describe('delete, article by article', () => {
  /** A successful send of a three-article draft to the default app's tag. */
  async function sentNews(): Promise<{ token: string; msgId: number; dataId: number }> {
    mock = newMock();
    const token = await mock.token();
    const sent = await mock.post(PATHS.sendAll, token, { ...TO_TAG, msgtype: 'mpnews', mpnews: { media_id: await mock.draft(token, 3) } });
    expect(sent.body.errcode, JSON.stringify(sent.body)).toBe(0);
    mock.advance(60_000);
    return { token, msgId: sent.body.msg_id, dataId: sent.body.msg_data_id };
  }
  const viewOf = async (msgId: number) => {
    const apps = (await mock.http.get('/__mock/state')).body.apps as { messages: { msg_id: number; status: string; deleted_articles: number[] }[] }[];
    return apps.flatMap((app) => app.messages).find((message) => message.msg_id === msgId)!;
  };

  it('deletes only article N, and the send once every article is gone', async () => {
    const { token, msgId } = await sentNews();
    expect((await mock.post(PATHS.deleteMassMsg, token, { msg_id: msgId, article_idx: 2 })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await viewOf(msgId)).toMatchObject({ status: 'SEND_SUCCESS', deleted_articles: [2] });
    await mock.post(PATHS.deleteMassMsg, token, { msg_id: msgId, article_idx: 1 });
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: msgId })).body.msg_status).toBe('SEND_SUCCESS');
    await mock.post(PATHS.deleteMassMsg, token, { msg_id: msgId, article_idx: '3' });
    expect(await viewOf(msgId)).toMatchObject({ status: 'DELETE', deleted_articles: [2, 1, 3] });
  });

  it('deletes the whole send with article_idx 0 or none, and refuses an index past its articles with 40060', async () => {
    const { token, msgId } = await sentNews();
    expectWxError(await mock.post(PATHS.deleteMassMsg, token, { msg_id: msgId, article_idx: 4 }), 40060);
    expect((await mock.post(PATHS.deleteMassMsg, token, { msg_id: msgId })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: msgId })).body.msg_status).toBe('DELETE');
  });

  it('finds the send by an article URL carrying its msg_data_id, as the event pushed it', async () => {
    const { token, msgId, dataId } = await sentNews();
    const url = `http://mp.weixin.qq.com/s?__biz=mock&mid=${dataId}&idx=2`;
    expect((await mock.post(PATHS.deleteMassMsg, token, { url, article_idx: 2 })).body.errcode).toBe(0);
    expect(await viewOf(msgId)).toMatchObject({ deleted_articles: [2] });
    expectWxError(await mock.post(PATHS.deleteMassMsg, token, { url: `http://mp.weixin.qq.com/s?mid=${msgId}&idx=1` }), 40059);
  });
});
