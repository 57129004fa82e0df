import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPID } from '../../mock/domain/app-settings.js';
import { CONFIRMATION_WINDOW_MS, EVENT_STATUS } from '../../mock/domain/lifecycle.js';
import type { Body } from '../../mock/domain/loose.js';
import {
  CLIENTMSGID_WINDOW_MS,
  articleUrl,
  changeSpeed,
  deleteMassMsg,
  getSpeed,
  massSend,
  massmsgget,
  previewMassMsg,
  sendAll,
  setSpeed,
} from '../../mock/domain/sends.js';
import { DEFAULT_PROTECTION_CODES, type App } from '../../mock/domain/store.js';
import { applyAppPatch } from '../../mock/domain/update-app.js';
import { sendDigest } from '../../mock/domain/send-digest.js';
import { addDraft } from '../../mock/domain/articles.js';
import { getFollowers } from '../../mock/domain/followers.js';
import { openidCodec } from '../../mock/domain/openid-codec.js';
import { DEFAULT_NEWS_MEDIA_ID, TEMPORARY_MEDIA_MS, issueMedia } from '../../mock/domain/media-library.js';
import {
  MPNEWS_TO_ALL,
  T0,
  addApp,
  appOf,
  distinct,
  expectDone,
  expectFail,
  expectOk,
  messageFields,
  messageOf,
  newSim,
  only,
  openids,
  textTo,
  textToTag,
  touched,
  type TestSim,
} from './simulator-fixtures.js';

/** By default massmsgget and setSpeed answer 89505 in the first minute of waiting, then 89504. */
const CONFIRMATION_RETRY_MS = DEFAULT_PROTECTION_CODES.switch_after_ms;

let t: TestSim;
/** The default app: 1,000,000 fans, tag 100 with 1,000. */
let app: App;

beforeEach(() => {
  t = newSim();
  app = appOf(t.sim, DEFAULT_APPID);
});

/** Runs `work` as the request path does: one unit of work. */
const run = <T>(work: () => T): T => t.sim.unit(work);
const send = (body: Body, on: App = app) => run(() => sendAll(t.sim.ctx, on, body));
const sendOk = (body: Body, on: App = app) => expectOk(send(body, on)).msg_id;
const massSendOk = (body: Body, on: App = app) => expectOk(run(() => massSend(t.sim.ctx, on, body))).msg_id;
const get = (msg_id: unknown, on: App = app) => run(() => massmsgget(t.sim.ctx, on, { msg_id }));
const statusOf = (msg_id: number, on: App = app) => expectOk(get(msg_id, on)).msg_status;
const speedTo = (speed: unknown, on: App = app) => run(() => setSpeed(t.sim.ctx, on, speed === undefined ? {} : { speed }));
const del = (body: Body, on: App = app) => run(() => deleteMassMsg(t.sim.ctx, on, body));
/** Global mock time moves without the clock's tick (as between two ticks of the real clock). */
const passWithoutTick = (ms: number) => t.clock.advance(ms);

const MPNEWS_TO_TAG: Body = { msgtype: 'mpnews', mpnews: { media_id: 'media-1' }, filter: { tag_id: 100 } };
const MPVIDEO_TO_TAG: Body = { msgtype: 'mpvideo', mpvideo: { media_id: 'video-1' }, filter: { tag_id: 100 } };
/** 1,000 fans at speed 0 (80 万 a minute, 80 units a ms of 6 a message): 75 ms. */
const TAG_AT_SPEED_0_MS = 75;
/** 1,000,000 fans at speed 0: 75 s. */
const ALL_AT_SPEED_0_MS = 75_000;

/** A draft of `articles` articles in `on`'s draft box: its media_id, which an mpnews send takes. */
function newsOf(articles: number, on: App = app): string {
  const thumb = run(() => issueMedia(t.sim.ctx, on, t.sim.appNow(on), { type: 'thumb', source: 'material' })).media_id;
  const article = { title: 'a', content: 'c', thumb_media_id: thumb };
  return expectOk(run(() => addDraft(t.sim.ctx, on, { articles: Array.from({ length: articles }, () => article) }))).media_id;
}

/** A successful mpnews send to tag 100 of a new draft of `articles` articles, ended by the clock's tick. */
function successfulNews(articles: number): number {
  const msgId = sendOk({ ...MPNEWS_TO_TAG, mpnews: { media_id: newsOf(articles) } });
  expectDone(t.sim.advance(TAG_AT_SPEED_0_MS));
  expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', articles });
  return msgId;
}

/** A successful send to tag 100 of `body`'s type (its content made distinct), ended by the clock's tick. */
function successful(body: Body): number {
  const msgId = sendOk(distinct(body));
  expectDone(t.sim.advance(TAG_AT_SPEED_0_MS));
  expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
  return msgId;
}

describe('setSpeed and getSpeed', () => {
  it('starts every app at speed 0, 80 万 a minute', () => {
    expect(getSpeed(app)).toEqual({ speed: 0, realspeed: 80 });
  });

  it('answers 45084 when speed is absent or null, and leaves the speed alone', () => {
    expectFail(speedTo(undefined), 45084);
    expectFail(speedTo(null), 45084);
    expect(getSpeed(app).speed).toBe(0);
  });

  it.each([
    [2, 2, 45],
    ['2', 2, 45],
    [0, 0, 80],
    ['0', 0, 80],
    [1, 1, 60],
    [3, 3, 30],
    [4, 4, 10],
    ['4', 4, 10],
  ])('accepts speed %j and getSpeed reflects it at once', (given, speed, realspeed) => {
    if (speed === 0) expectOk(speedTo(3));
    expect(expectOk(speedTo(given))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(getSpeed(app)).toEqual({ speed, realspeed });
    expect(appOf(t.sim, DEFAULT_APPID).speed).toBe(speed);
  });

  it.each([[5], [-1], [1.5], [''], [true], ['5'], [' 2'], ['2.0'], ['-1'], [[2]], [{ speed: 2 }], [Number.NaN]])('answers 45083 for speed %j and leaves the speed alone', (given: unknown) => {
    expectOk(speedTo(1));
    expectFail(speedTo(given), 45083);
    expect(getSpeed(app)).toEqual({ speed: 1, realspeed: 60 });
  });

  it('records the app as changed, in the unit that set the speed', () => {
    expectOk(speedTo(3));
    expect(t.commits).toHaveLength(1);
    expect(touched(t.commits[0])).toEqual(only({ apps: [app] }));
  });

  describe('while a send waits for the administrator', () => {
    let guarded: App;
    let waiting: number;
    beforeEach(() => {
      guarded = addApp(t.sim, { protection: true, fans: 80_000 });
      waiting = sendOk(MPNEWS_TO_ALL, guarded);
    });

    it('answers 89505 in the first minute and 89504 after it, without changing the speed, even for a bad speed', () => {
      expectFail(speedTo(3, guarded), 89505);
      expectFail(speedTo(undefined, guarded), 89505);
      passWithoutTick(CONFIRMATION_RETRY_MS - 1);
      expectFail(speedTo(3, guarded), 89505);
      passWithoutTick(1);
      expectFail(speedTo(3, guarded), 89504);
      expectFail(speedTo(9, guarded), 89504);
      passWithoutTick(CONFIRMATION_WINDOW_MS - CONFIRMATION_RETRY_MS - 1);
      expectFail(speedTo(3, guarded), 89504);
      expect(getSpeed(guarded).speed).toBe(0);
    });

    it('counts the minute on the app\'s own clock', () => {
      expectDone(t.sim.advance(CONFIRMATION_RETRY_MS, guarded.appid));
      expectFail(speedTo(3, guarded), 89504);
      expectOk(speedTo(3));
    });

    it('accepts a speed again once the send timed out, which its own tick ends', () => {
      passWithoutTick(CONFIRMATION_WINDOW_MS);
      expect(messageOf(t.sim, waiting).status).toBe('AWAITING_CONFIRMATION');
      expectOk(speedTo(3, guarded));
      expect(messageOf(t.sim, waiting)).toMatchObject({ status: 'SEND_FAIL', event_status: EVENT_STATUS.timeout, finished_at: T0 + CONFIRMATION_WINDOW_MS });
      expect(getSpeed(guarded).speed).toBe(3);
    });

    it('accepts a speed once the send was approved or rejected', () => {
      expectDone(t.sim.approve(waiting));
      expectOk(speedTo(2, guarded));
      const second = sendOk(distinct(MPNEWS_TO_ALL), guarded);
      expectFail(speedTo(3, guarded), 89505);
      expectDone(t.sim.reject(second));
      expectOk(speedTo(3, guarded));
    });

    it('answers for the oldest send still waiting', () => {
      passWithoutTick(CONFIRMATION_RETRY_MS);
      sendOk(distinct(MPNEWS_TO_ALL), guarded);
      expectFail(speedTo(3, guarded), 89504);
      expectDone(t.sim.reject(waiting));
      expectFail(speedTo(3, guarded), 89505);
    });

    it('does not hold other apps', () => {
      expectOk(speedTo(4));
      expect(getSpeed(app).speed).toBe(4);
    });
  });

  describe('a speed change in the middle of a send', () => {
    it('applies the new rate to what is left, to the ms', () => {
      const msgId = sendOk(MPNEWS_TO_ALL);
      passWithoutTick(30_000); // 400,000 of 1,000,000 sent at 80 万 a minute
      expectOk(speedTo(4)); // the other 600,000 at 10 万 a minute: 360 s
      passWithoutTick(360_000 - 1);
      expect(statusOf(msgId)).toBe('SENDING');
      passWithoutTick(1);
      expect(statusOf(msgId)).toBe('SEND_SUCCESS');
      t.sim.tick();
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 390_000, event_status: EVENT_STATUS.complete });
    });

    it('applies it to every send in flight, each from where it stands', () => {
      const a = sendOk(MPNEWS_TO_ALL);
      passWithoutTick(30_000);
      const b = sendOk(textToTag()); // 6,000 units
      expectOk(speedTo(1)); // 60 units a ms: B in 100 ms; A's other 3,600,000 units in 60 s
      t.sim.tick();
      passWithoutTick(99);
      t.sim.tick();
      expect(messageOf(t.sim, b).status).toBe('SENDING');
      passWithoutTick(1);
      t.sim.tick();
      expect(messageOf(t.sim, b)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 30_100 });
      passWithoutTick(60_000 - 101);
      t.sim.tick();
      expect(messageOf(t.sim, a).status).toBe('SENDING');
      passWithoutTick(1);
      t.sim.tick();
      expect(messageOf(t.sim, a)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 90_000 });
    });

    it('ends a send already due at the time the old rate gave it, before the new rate applies', () => {
      const msgId = sendOk(textToTag());
      passWithoutTick(1000);
      run(() => changeSpeed(t.sim.ctx, t.sim.ctx.changes.app(app), 4));
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_AT_SPEED_0_MS });
      expect(t.finished).toEqual([messageOf(t.sim, msgId)]);
      expect(getSpeed(app).speed).toBe(4);
    });

    it('times a send started after the change at the new rate from its start', () => {
      expectOk(speedTo(4));
      passWithoutTick(5000);
      const msgId = sendOk(textToTag()); // 6,000 units at 10 a ms
      passWithoutTick(599);
      expect(statusOf(msgId)).toBe('SENDING');
      passWithoutTick(1);
      expect(statusOf(msgId)).toBe('SEND_SUCCESS');
    });

    it('rounds a due time up to the next whole ms', () => {
      const odd = addApp(t.sim, { tags: [{ id: 5, name: 'odd', count: 1001 }] });
      const msgId = sendOk(textToTag(5), odd); // 6,006 units at 80 a ms: 75.075 ms
      passWithoutTick(75);
      expect(statusOf(msgId, odd)).toBe('SENDING');
      passWithoutTick(1);
      expect(statusOf(msgId, odd)).toBe('SEND_SUCCESS');
    });
  });
});

describe('massmsgget', () => {
  it('answers 40059 for an unknown msg_id, a missing one, and one that is no number', () => {
    expectFail(get(3_000_000_000), 40059);
    expectFail(run(() => massmsgget(t.sim.ctx, app, {})), 40059);
    expectFail(get('abc'), 40059);
    expectFail(get(-1), 40059);
    expectFail(get(null), 40059);
  });

  it('answers 40059 for another app\'s send, and the status to its own app', () => {
    const other = addApp(t.sim, { tags: [{ id: 100, name: 't', count: 1000 }] });
    const msgId = sendOk(textToTag(), other);
    expectFail(get(msgId), 40059);
    expect(expectOk(get(msgId, other))).toEqual({ msg_id: msgId, msg_status: 'SENDING' });
  });

  it('accepts msg_id as a numeric string and answers it as a number', () => {
    const msgId = sendOk(textToTag());
    expect(expectOk(get(String(msgId)))).toEqual({ msg_id: msgId, msg_status: 'SENDING' });
  });

  it('shows a send whose time is up as ended without ending it: the store says SENDING until the tick', () => {
    const msgId = sendOk(MPNEWS_TO_ALL);
    const commits = t.commits.length;
    passWithoutTick(ALL_AT_SPEED_0_MS - 1);
    expect(statusOf(msgId)).toBe('SENDING');
    passWithoutTick(1);
    expect(statusOf(msgId)).toBe('SEND_SUCCESS');
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SENDING', finished_at: undefined });
    expect(t.finished).toEqual([]);
    expect(t.commits).toHaveLength(commits);
    t.sim.tick();
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + ALL_AT_SPEED_0_MS });
    expect(t.finished).toHaveLength(1);
  });

  it('reads the status at the app\'s own time', () => {
    const other = addApp(t.sim, { tags: [{ id: 100, name: 't', count: 1000 }] });
    const mine = sendOk(textToTag());
    const theirs = sendOk(textToTag(), other);
    expectDone(t.sim.advance(TAG_AT_SPEED_0_MS, other.appid));
    expect(statusOf(theirs, other)).toBe('SEND_SUCCESS');
    expect(statusOf(mine)).toBe('SENDING');
  });

  it('answers 89505, then 89504, for a send waiting for the administrator, and SEND_FAIL once it timed out', () => {
    const guarded = addApp(t.sim, { protection: true });
    const msgId = sendOk(MPNEWS_TO_ALL, guarded);
    expectFail(get(msgId, guarded), 89505);
    passWithoutTick(CONFIRMATION_RETRY_MS - 1);
    expectFail(get(msgId, guarded), 89505);
    passWithoutTick(1);
    expectFail(get(msgId, guarded), 89504);
    passWithoutTick(CONFIRMATION_WINDOW_MS - CONFIRMATION_RETRY_MS - 1);
    expectFail(get(msgId, guarded), 89504);
    passWithoutTick(1);
    expect(statusOf(msgId, guarded)).toBe('SEND_FAIL');
    expect(messageOf(t.sim, msgId).status).toBe('AWAITING_CONFIRMATION');
  });

  it('answers SEND_FAIL for a failed send and DELETE for a deleted one', () => {
    const failed = sendOk(textToTag());
    expectDone(t.sim.fail(failed));
    expect(statusOf(failed)).toBe('SEND_FAIL');
    const deleted = successful(MPNEWS_TO_TAG);
    expectOk(del({ msg_id: deleted }));
    expect(statusOf(deleted)).toBe('DELETE');
  });
});

describe('deleteMassMsg', () => {
  it('deletes a successful mpnews send by msg_id, as a number or a string', () => {
    const a = successful(MPNEWS_TO_TAG);
    const b = successful(MPNEWS_TO_TAG);
    expect(expectOk(del({ msg_id: a }))).toEqual({ errcode: 0, errmsg: 'ok' });
    expectOk(del({ msg_id: String(b) }));
    expect(messageOf(t.sim, a)).toMatchObject({ status: 'DELETE', finished_at: T0 + TAG_AT_SPEED_0_MS, event_status: EVENT_STATUS.complete });
    expect(messageOf(t.sim, b).status).toBe('DELETE');
  });

  it('deletes a successful mpvideo send', () => {
    const msgId = successful(MPVIDEO_TO_TAG);
    expectOk(del({ msg_id: msgId }));
    expect(messageOf(t.sim, msgId).status).toBe('DELETE');
  });

  it('records the deleted message in its unit', () => {
    const msgId = successful(MPNEWS_TO_TAG);
    const before = t.commits.length;
    expectOk(del({ msg_id: msgId }));
    expect(t.commits).toHaveLength(before + 1);
    expect(touched(t.commits.at(-1))).toEqual(only({ messages: [msgId] }));
  });

  it('records nothing when it refuses: a send not yet successful stays out of the unit', () => {
    const sending = sendOk(MPNEWS_TO_TAG);
    const before = t.commits.length;
    expectFail(del({ msg_id: sending }), 40059);
    expect(t.commits).toHaveLength(before);
  });

  it('answers 40059 for an unknown msg_id, another app\'s send, or no msg_id nor url', () => {
    expectFail(del({ msg_id: 3_000_000_000 }), 40059);
    expectFail(del({}), 40059);
    expectFail(del({ msg_id: 'abc' }), 40059);
    const other = addApp(t.sim, { tags: [{ id: 100, name: 't', count: 1000 }] });
    const theirs = sendOk(MPNEWS_TO_TAG, other);
    expectDone(t.sim.advance(TAG_AT_SPEED_0_MS));
    expectFail(del({ msg_id: theirs }), 40059);
    expectFail(del({ url: articleUrl(messageOf(t.sim, theirs)) }), 40059);
    expect(messageOf(t.sim, theirs).status).toBe('SEND_SUCCESS');
  });

  it('answers 40059 for a send not yet successful, failed, or already deleted', () => {
    const sending = sendOk(MPNEWS_TO_TAG);
    expectFail(del({ msg_id: sending }), 40059);
    expect(messageOf(t.sim, sending).status).toBe('SENDING');
    expectDone(t.sim.fail(sending));
    expectFail(del({ msg_id: sending }), 40059);
    const guarded = addApp(t.sim, { protection: true });
    const waiting = sendOk(MPNEWS_TO_ALL, guarded);
    expectFail(del({ msg_id: waiting }, guarded), 40059);
    const done = successful(MPNEWS_TO_TAG);
    expectOk(del({ msg_id: done }));
    expectFail(del({ msg_id: done }), 40059);
  });

  it('ends a send whose time is up first, so it can be deleted before the clock\'s tick', () => {
    const msgId = sendOk(MPNEWS_TO_TAG);
    passWithoutTick(TAG_AT_SPEED_0_MS);
    expectOk(del({ msg_id: msgId }));
    expect(messageOf(t.sim, msgId).status).toBe('DELETE');
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('answers 40008 for a type that cannot be deleted, before looking at its status or article_idx', () => {
    const text = successful(textToTag());
    expectFail(del({ msg_id: text }), 40008);
    const sending = sendOk(distinct(textToTag()));
    expectFail(del({ msg_id: sending, article_idx: 99 }), 40008);
    expect(messageOf(t.sim, text).status).toBe('SEND_SUCCESS');
  });

  it.each([0, null])('deletes the whole send for article_idx %j, whatever its articles', (article_idx) => {
    const msgId = successfulNews(8);
    expectOk(del({ msg_id: msgId, article_idx }));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'DELETE', deleted_articles: [] });
  });

  it.each([
    [1, 1],
    [8, 8],
    ['3', 3],
  ])('accepts article_idx %j of an 8-article send and deletes that article only', (article_idx, idx) => {
    const msgId = successfulNews(8);
    expect(expectOk(del({ msg_id: msgId, article_idx }))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', deleted_articles: [idx] });
  });

  it('ends the send DELETE once every article is deleted, one by one; an article deleted again changes nothing', () => {
    const msgId = successfulNews(3);
    expectOk(del({ msg_id: msgId, article_idx: 2 }));
    expectOk(del({ msg_id: msgId, article_idx: '2' }));
    expectOk(del({ msg_id: msgId, article_idx: 3 }));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', deleted_articles: [2, 3] });
    expectOk(del({ msg_id: msgId, article_idx: 1 }));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'DELETE', deleted_articles: [2, 3, 1] });
    expectFail(del({ msg_id: msgId, article_idx: 1 }), 40059);
  });

  it('deletes a one-article send with article_idx 1', () => {
    const msgId = successful(MPNEWS_TO_TAG);
    expectOk(del({ msg_id: msgId, article_idx: 1 }));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'DELETE', deleted_articles: [1] });
  });

  it('answers 40060 for an article_idx past the send\'s articles', () => {
    const three = successfulNews(3);
    expectFail(del({ msg_id: three, article_idx: 4 }), 40060);
    const one = successful(MPNEWS_TO_TAG);
    expectFail(del({ msg_id: one, article_idx: 2 }), 40060);
    expect(messageOf(t.sim, three)).toMatchObject({ status: 'SEND_SUCCESS', deleted_articles: [] });
    expect(messageOf(t.sim, one)).toMatchObject({ status: 'SEND_SUCCESS', deleted_articles: [] });
  });

  it.each([9, -1, 1.5, 'x', '', true])('answers 40060 for article_idx %j, before the status', (article_idx) => {
    const msgId = successful(MPNEWS_TO_TAG);
    expectFail(del({ msg_id: msgId, article_idx }), 40060);
    expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
    const sending = sendOk(distinct(MPNEWS_TO_TAG));
    expectFail(del({ msg_id: sending, article_idx }), 40060);
  });

  describe('by url', () => {
    it('deletes the send whose article URL the event carried: its mid is the msg_data_id, and idx the article', () => {
      const msgId = successful(MPNEWS_TO_TAG);
      const message = messageOf(t.sim, msgId);
      const url = articleUrl(message);
      expect(url).toBe(`http://mp.weixin.qq.com/s?__biz=mock&mid=${message.msg_data_id}&idx=1`);
      expect(articleUrl(message, 2)).toBe(`http://mp.weixin.qq.com/s?__biz=mock&mid=${message.msg_data_id}&idx=2`);
      expectOk(del({ url }));
      expect(messageOf(t.sim, msgId).status).toBe('DELETE');
    });

    it('takes the msg_id as mid for a send without msg_data_id', () => {
      const msgId = successful(MPVIDEO_TO_TAG);
      const url = articleUrl(messageOf(t.sim, msgId));
      expect(url).toBe(`http://mp.weixin.qq.com/s?__biz=mock&mid=${msgId}&idx=1`);
      expectOk(del({ url }));
      expect(messageOf(t.sim, msgId).status).toBe('DELETE');
    });

    it('answers 40059 for the url of an mpnews send that carries its msg_id as mid', () => {
      const msgId = successful(MPNEWS_TO_TAG);
      expectFail(del({ url: `http://mp.weixin.qq.com/s?__biz=mock&mid=${msgId}&idx=1` }), 40059);
      expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
    });

    it('deletes by url the article article_idx names', () => {
      const msgId = successfulNews(2);
      const message = messageOf(t.sim, msgId);
      expectOk(del({ url: articleUrl(message, 2), article_idx: 2 }));
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', deleted_articles: [2] });
      expectOk(del({ url: articleUrl(message, 1), article_idx: 1 }));
      expect(messageOf(t.sim, msgId).status).toBe('DELETE');
    });

    it('reads mid as the first query field or the last, and with msg_id null', () => {
      const a = successful(MPNEWS_TO_TAG);
      const b = successful(MPNEWS_TO_TAG);
      expectOk(del({ url: `http://mp.weixin.qq.com/s?mid=${messageOf(t.sim, a).msg_data_id}&idx=1` }));
      expectOk(del({ msg_id: null, url: `http://mp.weixin.qq.com/s?__biz=mock&mid=${messageOf(t.sim, b).msg_data_id}` }));
      expect(messageOf(t.sim, a).status).toBe('DELETE');
      expect(messageOf(t.sim, b).status).toBe('DELETE');
    });

    it('answers 40059 for a url whose mid is no field of its own, not only digits, or missing', () => {
      const msgId = successful(MPNEWS_TO_TAG);
      const mid = messageOf(t.sim, msgId).msg_data_id!;
      for (const url of [
        `http://mp.weixin.qq.com/s?xmid=${mid}`,
        `http://mp.weixin.qq.com/s/mid=${mid}`,
        `http://mp.weixin.qq.com/s?mid=${mid}x`,
        `http://mp.weixin.qq.com/s?mid=${mid}#idx`,
        `http://mp.weixin.qq.com/s?mid=&idx=1`,
        `http://mp.weixin.qq.com/s?mid=${mid}0000000`,
        `http://mp.weixin.qq.com/s?idx=1`,
      ]) {
        expectFail(del({ url }), 40059);
      }
      expectFail(del({ url: mid }), 40059);
      expectFail(del({ url: [articleUrl(messageOf(t.sim, msgId))] }), 40059);
      expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
    });

    it('is not read when msg_id is given', () => {
      const msgId = successful(MPNEWS_TO_TAG);
      expectFail(del({ msg_id: 3_000_000_000, url: articleUrl(messageOf(t.sim, msgId)) }), 40059);
      expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
    });
  });
});

describe('sendAll', () => {
  it('answers the msg_id and msg_data_id of an mpnews send and creates it SENDING at the app\'s time', () => {
    const answer = expectOk(send(MPNEWS_TO_ALL));
    expect(answer).toEqual({ errcode: 0, errmsg: 'send job submission success', msg_id: answer.msg_id, msg_data_id: answer.msg_data_id });
    expect(answer.msg_id).toBeGreaterThan(2 ** 31);
    expect(String(answer.msg_id)).toHaveLength(10);
    expect(answer.msg_data_id).toBeGreaterThan(2 ** 31);
    expect(messageFields(t.sim, answer.msg_id)).toEqual({
      msg_id: answer.msg_id,
      msg_data_id: answer.msg_data_id,
      appid: DEFAULT_APPID,
      msgtype: 'mpnews',
      articles: 1,
      deleted_articles: [],
      audience: 1_000_000,
      created_at: T0,
      status: 'SENDING',
      start_work: 0,
      finished_at: undefined,
      event_status: undefined,
      pushes: [],
    });
    expect(app.message_ids).toEqual([answer.msg_id]);
  });

  it('answers no msg_data_id for a type other than mpnews', () => {
    const answer = expectOk(send(textToTag()));
    expect(answer).toStrictEqual({ errcode: 0, errmsg: 'send job submission success', msg_id: answer.msg_id });
    expect(messageOf(t.sim, answer.msg_id).msg_data_id).toBeUndefined();
  });

  it('records the app and the new message in one unit', () => {
    const msgId = sendOk(textToTag());
    expect(t.commits).toHaveLength(1);
    expect(touched(t.commits[0])).toEqual(only({ apps: [app], messages: [msgId], created: [msgId] }));
  });

  it('stamps a send with its app\'s time, offset included, and keeps each app\'s sends apart in creation order', () => {
    const other = addApp(t.sim, { tags: [{ id: 100, name: 't', count: 5 }] });
    expectDone(t.sim.advance(5000, other.appid));
    const first = sendOk(textToTag(), other);
    const mine = sendOk(textToTag());
    const second = sendOk(distinct(textToTag()), other);
    expect(messageOf(t.sim, first)).toMatchObject({ appid: other.appid, created_at: T0 + 5000, audience: 5 });
    expect(messageOf(t.sim, mine)).toMatchObject({ appid: DEFAULT_APPID, created_at: T0 });
    expect(other.message_ids).toEqual([first, second]);
    expect(app.message_ids).toEqual([mine]);
  });

  describe('its audience', () => {
    it.each([
      [{ is_to_all: true }, 1_000_000],
      [{ is_to_all: 'true' }, 1_000_000],
      [{ is_to_all: true, tag_id: null }, 1_000_000],
      [{ is_to_all: true, tag_id: 100 }, 1_000_000],
      [{ tag_id: 100 }, 1000],
      [{ is_to_all: false, tag_id: 100 }, 1000],
      [{ is_to_all: 'false', tag_id: '100' }, 1000],
      [{ is_to_all: 1, tag_id: 100 }, 1000],
    ])('reaches filter %j: %i fans', (filter, audience) => {
      const msgId = sendOk({ ...MPNEWS_TO_ALL, filter });
      expect(messageOf(t.sim, msgId).audience).toBe(audience);
    });

    it('follows the app\'s fans and tags as they are at the send', () => {
      const small = addApp(t.sim, { fans: 7, tags: [{ id: 100, name: 'a', count: 3 }, { id: 2, name: '星标组', count: 4 }] });
      expect(messageOf(t.sim, sendOk(MPNEWS_TO_ALL, small)).audience).toBe(7);
      expect(messageOf(t.sim, sendOk(textToTag(2), small)).audience).toBe(4);
      expect(messageOf(t.sim, sendOk(textToTag(100), small)).audience).toBe(3);
    });

    it('reaches nobody with an unknown tag, and the tick that follows the send ends it', () => {
      const answer = expectOk(send(textToTag(999)));
      expect(messageOf(t.sim, answer.msg_id)).toMatchObject({ audience: 0, status: 'SEND_SUCCESS', created_at: T0, finished_at: T0, event_status: EVENT_STATUS.complete });
      expect(t.finished.map((m) => m.msg_id)).toEqual([answer.msg_id]);
      expect(t.commits).toHaveLength(1);
    });

    it.each([
      ['no filter', undefined],
      ['a filter that is an array', [{ is_to_all: true }]],
      ['a filter that is a string', 'all'],
      ['a filter without is_to_all true nor tag_id', { is_to_all: false }],
      ['a tag_id that is no number', { tag_id: 'abc' }],
      ['a negative tag_id', { tag_id: -1 }],
    ])('answers 47001 for %s, and creates nothing', (_, filter) => {
      const body: Body = { msgtype: 'text', text: { content: 'x' } };
      if (filter !== undefined) body.filter = filter;
      expectFail(send(body), 47001);
      expect(t.sim.store.messages.size).toBe(0);
      expect(t.commits).toHaveLength(0);
    });
  });

  it('passes on the content check: 40008 for a bad msgtype, 40007 for a media_id the app does not hold, before the audience', () => {
    const strict = addApp(t.sim, { media: 'strict' });
    expectFail(send({ msgtype: 'video', video: { media_id: 'v' }, filter: { is_to_all: true } }), 40008);
    expectFail(send({ msgtype: 'mpnews', mpnews: { media_id: 'media-1' }, filter: { is_to_all: true } }, strict), 40007);
    expectFail(send({ msgtype: 'mpnews', mpnews: { media_id: 'media-1' } }, strict), 40007);
    expectFail(send({ msgtype: 'video' }), 40008);
    expect(t.sim.store.messages.size).toBe(0);
  });

  it('judges media in the sending app at its own time: a temporary media_id expires 3 days on, at the app\'s clock', () => {
    const strict = addApp(t.sim, { media: 'strict', tags: [{ id: 100, name: 't', count: 1 }] });
    const voice = run(() => issueMedia(t.sim.ctx, strict, t.sim.appNow(strict), { type: 'voice', source: 'upload' })).media_id;
    const body = { msgtype: 'voice', voice: { media_id: voice }, filter: { tag_id: 100 } };
    expectFail(send(body, addApp(t.sim, { media: 'strict' })), 40007);
    expectDone(t.sim.advance(TEMPORARY_MEDIA_MS - 1, strict.appid));
    sendOk(body, strict);
    expectDone(t.sim.advance(1, strict.appid));
    // The content is checked before the dedupe: the same send answers 40007, not 45066.
    expectFail(send(body, strict), 40007);
  });

  it('records how many articles the send\'s news has, and 1 for any other type', () => {
    const strict = addApp(t.sim, { media: 'strict' });
    const thumb = run(() => issueMedia(t.sim.ctx, strict, t.sim.appNow(strict), { type: 'thumb', source: 'material' })).media_id;
    const article = { title: 'a', content: 'c', thumb_media_id: thumb };
    const draft = expectOk(run(() => addDraft(t.sim.ctx, strict, { articles: [article, article, article] }))).media_id;
    expect(messageOf(t.sim, sendOk({ ...MPNEWS_TO_ALL, mpnews: { media_id: draft } }, strict)).articles).toBe(3);
    expect(messageOf(t.sim, sendOk({ ...MPNEWS_TO_ALL, mpnews: { media_id: DEFAULT_NEWS_MEDIA_ID } }, strict)).articles).toBe(1);
    expect(messageOf(t.sim, sendOk(textToTag())).articles).toBe(1);
  });

  describe('with API mass-send protection', () => {
    it('holds a send to all for the administrator', () => {
      const guarded = addApp(t.sim, { protection: true });
      const msgId = sendOk(MPNEWS_TO_ALL, guarded);
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'AWAITING_CONFIRMATION', start_work: undefined });
    });

    it('does not hold a send to a tag or to an openid list', () => {
      const guarded = addApp(t.sim, { protection: true, tags: [{ id: 100, name: 't', count: 10 }] });
      expect(messageOf(t.sim, sendOk(textToTag(), guarded)).status).toBe('SENDING');
      expect(messageOf(t.sim, massSendOk(textTo(openids(guarded, 2)), guarded)).status).toBe('SENDING');
    });

    it('does not hold a send to all of an app without it', () => {
      expect(messageOf(t.sim, sendOk(MPNEWS_TO_ALL)).status).toBe('SENDING');
    });
  });
});

describe('massSend', () => {
  it.each([2, 3, 10_000])('reaches a list of %i distinct openids', (n) => {
    const msgId = massSendOk(textTo(openids(app, n)));
    expect(messageOf(t.sim, msgId)).toMatchObject({ audience: n, status: 'SENDING', msgtype: 'text' });
  });

  it('counts a duplicated openid once', () => {
    const [a, b] = openids(app, 2);
    const msgId = massSendOk(textTo([a, b, a, a]));
    expect(messageOf(t.sim, msgId).audience).toBe(2);
    expect(messageOf(t.sim, massSendOk(textTo([a, a]))).audience).toBe(1);
  });

  it.each([0, 1, 10_001])('answers 40130 for a list of %i', (n) => {
    expectFail(run(() => massSend(t.sim.ctx, app, textTo(openids(app, n)))), 40130);
    expect(t.sim.store.messages.size).toBe(0);
  });

  it.each([['bad id!'], ['short'], [''], [42], [null], ['openid_000001']])('answers 40003 when one openid is %j', (bad) => {
    expectFail(run(() => massSend(t.sim.ctx, app, textTo([...openids(app, 2), bad]))), 40003);
    expect(t.sim.store.messages.size).toBe(0);
  });

  it('takes the openids user/get lists, and answers 40003 for one of another app\'s followers or one past the app\'s fans', () => {
    const listed = expectOk(getFollowers(t.sim.ctx, app, {})).data!.openid;
    expect(listed.slice(0, 3)).toEqual(openids(app, 3));
    expect(messageOf(t.sim, massSendOk(textTo(listed.slice(0, 3)))).audience).toBe(3);
    const small = addApp(t.sim, { fans: 5 });
    expectFail(run(() => massSend(t.sim.ctx, small, textTo([...openids(small, 2), openids(app, 1)[0]]))), 40003);
    const pastTheFans = openidCodec(small).encode([5])[0]!;
    expectFail(run(() => massSend(t.sim.ctx, small, textTo([...openids(small, 2), pastTheFans]))), 40003);
    expect(messageOf(t.sim, massSendOk(textTo(openids(small, 5)), small)).audience).toBe(5);
    expect(small.message_ids).toHaveLength(1);
  });

  it('answers 40130 for a list of the wrong size before looking at the openids', () => {
    expectFail(run(() => massSend(t.sim.ctx, app, textTo(['bad id!']))), 40130);
  });

  it('answers 47001 when touser is no list', () => {
    expectFail(run(() => massSend(t.sim.ctx, app, textTo('openid_000001'))), 47001);
    expectFail(run(() => massSend(t.sim.ctx, app, textTo(undefined))), 47001);
    expectFail(run(() => massSend(t.sim.ctx, app, textTo({ 0: 'openid_000001', 1: 'openid_000002' }))), 47001);
  });

  it('passes on the content check first', () => {
    expectFail(run(() => massSend(t.sim.ctx, app, { msgtype: 'video', touser: ['x'] })), 40008);
  });

  it('answers like sendAll, with msg_data_id for mpnews', () => {
    const answer = expectOk(run(() => massSend(t.sim.ctx, app, { msgtype: 'mpnews', mpnews: { media_id: 'm' }, touser: openids(app, 2) })));
    expect(answer).toEqual({ errcode: 0, errmsg: 'send job submission success', msg_id: answer.msg_id, msg_data_id: messageOf(t.sim, answer.msg_id).msg_data_id });
    expect(answer.msg_data_id).toBeTypeOf('number');
  });
});

describe('clientmsgid', () => {
  const withId = (clientmsgid: unknown, body: Body = textToTag()): Body => ({ ...body, clientmsgid });

  it('accepts 64 bytes of UTF-8 and answers 45067 over that, counting bytes, not characters', () => {
    expectOk(send(withId('a'.repeat(64))));
    expectFail(send(withId('b'.repeat(65))), 45067);
    expectOk(send(withId('汉'.repeat(21)))); // 63 bytes
    expectFail(send(withId('字'.repeat(22))), 45067); // 66 bytes, 22 characters
    expect(t.sim.store.messages.size).toBe(2);
  });

  it('answers 45066 for the same clientmsgid within a minute, then 45065 with the first msg_id for 24 hours, then sends afresh', () => {
    const first = sendOk(withId('job-1'));
    expectFail(send(withId('job-1')), 45066);
    passWithoutTick(59_999);
    expectFail(send(withId('job-1')), 45066);
    passWithoutTick(1);
    expectFail(send(withId('job-1')), 45065, first);
    passWithoutTick(CLIENTMSGID_WINDOW_MS - 60_000 - 1);
    expectFail(send(withId('job-1')), 45065, first);
    expect(t.sim.store.messages.size).toBe(1);
    passWithoutTick(1);
    const again = sendOk(withId('job-1'));
    expect(again).not.toBe(first);
    expectFail(send(withId('job-1')), 45066);
    passWithoutTick(60_000);
    expectFail(send(withId('job-1')), 45065, again);
  });

  it('is a 24-hour window of 86,400,000 ms', () => {
    expect(CLIENTMSGID_WINDOW_MS).toBe(86_400_000);
  });

  it('applies to massSend too, and whatever the content, per app', () => {
    const first = massSendOk(withId('job-2', textTo(openids(app, 2))));
    expectFail(send(withId('job-2', MPNEWS_TO_ALL)), 45066);
    passWithoutTick(60_000);
    expectFail(run(() => massSend(t.sim.ctx, app, withId('job-2', textTo(openids(app, 3))))), 45065, first);
    expectOk(send(withId('job-2'), addApp(t.sim, { tags: [{ id: 100, name: 't', count: 1 }] })));
  });

  it('reads a number as its digits', () => {
    sendOk(withId(12345));
    expectFail(send(withId('12345')), 45066);
  });

  it('is no check when absent or null on an app with dedupe off, and nothing is remembered then', () => {
    const plain = addApp(t.sim, { dedupe_without_clientmsgid: false, tags: [{ id: 100, name: 't', count: 1 }] });
    sendOk(withId(null), plain);
    sendOk(withId(null), plain);
    sendOk(textToTag(), plain);
    sendOk(textToTag(), plain);
    expect(plain.message_ids).toHaveLength(4);
    expect(plain.clientmsgids.size).toBe(0);
  });

  it('when null, is read as absent: the send is deduplicated by its digest', () => {
    const first = sendOk(withId(null));
    expectFail(send(textToTag()), 45066);
    passWithoutTick(60_000);
    expectFail(send(withId(null)), 45065, first);
    expect([...app.clientmsgids.keys()]).toEqual([expect.stringMatching(/^digest:/)]);
  });

  it('remembers a clientmsgid with its send\'s msg_id and app time', () => {
    passWithoutTick(5);
    const msgId = sendOk(withId('job-6'));
    expect([...app.clientmsgids]).toEqual([['job-6', { msg_id: msgId, at: T0 + 5 }]]);
  });

  it.each([[{ id: 'x' }], [['x']], [true]])('answers 47001 for a clientmsgid %j', (clientmsgid) => {
    expectFail(send(withId(clientmsgid)), 47001);
  });

  it('remembers only clientmsgids of sends that were accepted', () => {
    expectFail(send({ ...withId('job-3'), msgtype: 'video' }), 40008);
    expectFail(send(withId('job-3', { msgtype: 'text', text: { content: 'x' }, filter: {} })), 47001);
    sendOk(withId('job-3'));
  });

  it('is checked after the content and the audience', () => {
    sendOk(withId('job-4'));
    expectFail(send({ ...withId('job-4'), msgtype: 'video' }), 40008);
    expectFail(send(withId('job-4', { msgtype: 'text', text: { content: 'x' }, filter: {} })), 47001);
  });

  it('counts its minute and day on the app\'s own clock', () => {
    const first = sendOk(withId('job-5'));
    expectDone(t.sim.advance(60_000, DEFAULT_APPID));
    expectFail(send(withId('job-5')), 45065, first);
  });
});

describe('a send without clientmsgid', () => {
  const TEXT_TO_ALL: Body = { msgtype: 'text', text: { content: 'hello' }, filter: { is_to_all: true } };
  const sendList = (body: Body, on: App = app) => run(() => massSend(t.sim.ctx, on, body));

  it('is deduplicated by the digest of its scope and content: 45066 within a minute, then 45065 with its msg_id for 24 hours, then sent afresh', () => {
    const first = sendOk(textToTag());
    expectFail(send(textToTag()), 45066);
    passWithoutTick(59_999);
    expectFail(send(textToTag()), 45066);
    passWithoutTick(1);
    expectFail(send(textToTag()), 45065, first);
    passWithoutTick(CLIENTMSGID_WINDOW_MS - 60_000 - 1);
    expectFail(send(textToTag()), 45065, first);
    expect(app.message_ids).toEqual([first]);
    passWithoutTick(1);
    const again = sendOk(textToTag());
    expect(again).not.toBe(first);
    expectFail(send(textToTag()), 45066);
    passWithoutTick(60_000);
    expectFail(send(textToTag()), 45065, again);
  });

  it('remembers the digest with its send\'s msg_id and app time, as a clientmsgid', () => {
    passWithoutTick(5);
    const msgId = sendOk(textToTag());
    expect([...app.clientmsgids]).toEqual([[expect.stringMatching(/^digest:[A-Za-z0-9_-]{43}$/), { msg_id: msgId, at: T0 + 5 }]]);
  });

  it('keys the digest on the msgtype, the content payload and the scope: is_to_all, the tag_id, or the sorted distinct openids', () => {
    const key = (on: App) => [...on.clientmsgids.keys()].at(-1);
    sendOk({ ...TEXT_TO_ALL, filter: { is_to_all: 'true', tag_id: 5 } });
    expect(key(app)).toBe(sendDigest('text', { content: 'hello' }, { is_to_all: true }));
    sendOk(textToTag('100'));
    expect(key(app)).toBe(sendDigest('text', { content: 'hello' }, { tag_id: 100 }));
    const [a, b] = openids(app, 2);
    massSendOk(textTo([b!, a!, b!]));
    expect(key(app)).toBe(sendDigest('text', { content: 'hello' }, { touser: [a!, b!].sort() }));
    sendOk({ msgtype: 'image', image: { media_id: 'm1' }, filter: { tag_id: 100 } });
    expect(key(app)).toBe(sendDigest('image', { image: { media_id: 'm1' }, images: undefined }, { tag_id: 100 }));
  });

  it('lets a different content or a different scope through', () => {
    sendOk(textToTag());
    sendOk({ ...textToTag(), text: { content: 'other' } });
    sendOk({ ...textToTag(), msgtype: 'wxcard', wxcard: { card_id: 'hello' } });
    sendOk(TEXT_TO_ALL);
    sendOk(textToTag(101));
    massSendOk(textTo(openids(app, 2)));
    massSendOk(textTo(openids(app, 3)));
    expect(app.message_ids).toHaveLength(7);
  });

  it('reads the scope as the send does: is_to_all "true" is true, a numeric-string tag_id its number, other filter fields nothing', () => {
    sendOk(TEXT_TO_ALL);
    expectFail(send({ ...TEXT_TO_ALL, filter: { is_to_all: 'true' } }), 45066);
    expectFail(send({ ...TEXT_TO_ALL, filter: { is_to_all: true, tag_id: 100 } }), 45066);
    sendOk(textToTag(100));
    expectFail(send(textToTag('100')), 45066);
    expectFail(send({ ...textToTag(), filter: { tag_id: 100 } }), 45066);
  });

  it('does not depend on the order of the content\'s keys, nor of the body\'s', () => {
    sendOk({ msgtype: 'mpnews', mpnews: { media_id: 'media-1', extra: 1 }, filter: { is_to_all: false, tag_id: 100 } });
    expectFail(send({ filter: { tag_id: 100, is_to_all: false }, mpnews: { extra: 1, media_id: 'media-1' }, msgtype: 'mpnews' }), 45066);
  });

  it('does not depend on the order of the openid list, nor on an openid given twice', () => {
    const [a, b, c] = openids(app, 3);
    massSendOk(textTo([a, b, c]));
    expectFail(sendList(textTo([c, a, b])), 45066);
    expectFail(sendList(textTo([b, a, c, a])), 45066);
    massSendOk(textTo([a, b]));
  });

  it('covers both image forms', () => {
    sendOk({ msgtype: 'image', images: { media_ids: ['m1'] }, filter: { tag_id: 100 } });
    sendOk({ msgtype: 'image', images: { media_ids: ['m1'] }, image: { media_id: 'm1' }, filter: { tag_id: 100 } });
    expectFail(send({ msgtype: 'image', images: { media_ids: ['m1'] }, filter: { tag_id: 100 } }), 45066);
    sendOk({ msgtype: 'image', images: { media_ids: ['m2'] }, filter: { tag_id: 100 } });
  });

  it('does not count a send that failed', () => {
    const failed = sendOk(textToTag());
    expectDone(t.sim.fail(failed));
    const again = sendOk(textToTag());
    expect(again).not.toBe(failed);
    expect(app.clientmsgids.size).toBe(1);
    expectFail(send(textToTag()), 45066);
    passWithoutTick(60_000);
    expectFail(send(textToTag()), 45065, again);
  });

  it('does not count a send the administrator rejected or let time out, but one still waiting or approved', () => {
    const guarded = addApp(t.sim, { protection: true });
    const rejected = sendOk(MPNEWS_TO_ALL, guarded);
    expectFail(send(MPNEWS_TO_ALL, guarded), 45066);
    expectDone(t.sim.reject(rejected));
    const timedOut = sendOk(MPNEWS_TO_ALL, guarded);
    expectDone(t.sim.advance(CONFIRMATION_WINDOW_MS, guarded.appid));
    expect(messageOf(t.sim, timedOut).status).toBe('SEND_FAIL');
    const approved = sendOk(MPNEWS_TO_ALL, guarded);
    expectDone(t.sim.approve(approved));
    expectFail(send(MPNEWS_TO_ALL, guarded), 45066);
  });

  it('counts a send that succeeded, or was deleted after', () => {
    const body: Body = { msgtype: 'mpnews', mpnews: { media_id: 'media-9' }, filter: { tag_id: 100 } };
    const msgId = sendOk(body);
    expectDone(t.sim.advance(60_000));
    expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
    expectFail(send(body), 45065, msgId);
    expectOk(del({ msg_id: msgId }));
    expectFail(send(body), 45065, msgId);
  });

  it('remembers nothing of a send refused: its digest lets the same send through later', () => {
    const limited = addApp(t.sim, { account_type: 'subscription', tags: [{ id: 100, name: 't', count: 1 }] });
    sendOk(textToTag(), limited);
    const body = { ...textToTag(), text: { content: 'second' } };
    expectFail(send(body, limited), 45028);
    expect(limited.clientmsgids.size).toBe(1);
    run(() => applyAppPatch(t.sim.ctx, limited, { account_type: 'service' }));
    sendOk(body, limited);
  });

  it('is checked after the content and the scope, and before the daily quota', () => {
    const limited = addApp(t.sim, { account_type: 'subscription', tags: [{ id: 100, name: 't', count: 1 }] });
    sendOk(textToTag(), limited);
    expectFail(send({ ...textToTag(), msgtype: 'video' }, limited), 40008);
    expectFail(send({ ...textToTag(), filter: {} }, limited), 47001);
    expectFail(send(textToTag(), limited), 45066);
    expectFail(send(distinct(textToTag()), limited), 45028);
  });

  it('is kept per app', () => {
    sendOk(textToTag());
    sendOk(textToTag(), addApp(t.sim, { tags: [{ id: 100, name: 't', count: 1 }] }));
  });

  it('is not deduplicated on an app with dedupe_without_clientmsgid off, and nothing is remembered', () => {
    const plain = addApp(t.sim, { dedupe_without_clientmsgid: false, tags: [{ id: 100, name: 't', count: 1 }] });
    const first = sendOk(textToTag(), plain);
    const second = sendOk(textToTag(), plain);
    expect(second).not.toBe(first);
    massSendOk(textTo(openids(plain, 2)), plain);
    massSendOk(textTo(openids(plain, 2)), plain);
    expect(plain.message_ids).toHaveLength(4);
    expect(plain.clientmsgids.size).toBe(0);
  });

  it('leaves a given clientmsgid to its own check: the digest is neither checked nor remembered then', () => {
    sendOk({ ...textToTag(), clientmsgid: 'job-a' });
    sendOk({ ...textToTag(), clientmsgid: 'job-b' });
    expect([...app.clientmsgids.keys()]).toEqual(['job-a', 'job-b']);
    sendOk(textToTag());
    expectFail(send(textToTag()), 45066);
    sendOk({ ...textToTag(), clientmsgid: 'job-c' });
  });
});

describe('account types', () => {
  it('refuse mass/send to a subscription account with 48001, before anything else, and create nothing', () => {
    const subscription = addApp(t.sim, { account_type: 'subscription' });
    expectFail(run(() => massSend(t.sim.ctx, subscription, textTo(openids(subscription, 2)))), 48001);
    expectFail(run(() => massSend(t.sim.ctx, subscription, { msgtype: 'video' })), 48001);
    expect(subscription.message_ids).toEqual([]);
    expect(t.sim.store.messages.size).toBe(0);
  });

  it('let a subscription account sendall once a day, and preview', () => {
    const subscription = addApp(t.sim, { account_type: 'subscription', tags: [{ id: 100, name: 't', count: 1 }] });
    sendOk(textToTag(), subscription);
    expectFail(send(distinct(textToTag()), subscription), 45028);
    expectOk(run(() => previewMassMsg(t.sim.ctx, subscription, { msgtype: 'text', text: { content: 'hi' }, touser: 'openid_000001' })));
  });

  it('let a service account use mass/send', () => {
    const service = addApp(t.sim, { account_type: 'service' });
    massSendOk(textTo(openids(service, 2)), service);
  });
});

describe('protection codes', () => {
  const guardedWith = (protection_codes: { operations?: ('massmsgget' | 'setSpeed')[]; switch_after_ms?: number }) => {
    const guarded = addApp(t.sim, { protection: true, protection_codes });
    return { guarded, waiting: sendOk(MPNEWS_TO_ALL, guarded) };
  };

  it('leave massmsgget alone when it is not listed: a waiting send reads SENDING', () => {
    const { guarded, waiting } = guardedWith({ operations: ['setSpeed'] });
    expect(expectOk(get(waiting, guarded))).toEqual({ msg_id: waiting, msg_status: 'SENDING' });
    expectFail(speedTo(3, guarded), 89505);
    expect(messageOf(t.sim, waiting).status).toBe('AWAITING_CONFIRMATION');
  });

  it('leave setSpeed alone when it is not listed: the speed changes while a send waits', () => {
    const { guarded, waiting } = guardedWith({ operations: ['massmsgget'] });
    expect(expectOk(speedTo(3, guarded))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(getSpeed(guarded).speed).toBe(3);
    expectFail(get(waiting, guarded), 89505);
  });

  it('switch from 89505 to 89504 after the app\'s switch_after_ms', () => {
    const { guarded, waiting } = guardedWith({ switch_after_ms: 10_000 });
    passWithoutTick(9_999);
    expectFail(get(waiting, guarded), 89505);
    expectFail(speedTo(3, guarded), 89505);
    passWithoutTick(1);
    expectFail(get(waiting, guarded), 89504);
    expectFail(speedTo(3, guarded), 89504);
  });

  it('with no operation listed, hold neither call', () => {
    const { guarded, waiting } = guardedWith({ operations: [] });
    expect(statusOf(waiting, guarded)).toBe('SENDING');
    expectOk(speedTo(2, guarded));
  });

  it('still show a send that timed out as SEND_FAIL', () => {
    const { guarded, waiting } = guardedWith({ operations: [] });
    passWithoutTick(CONFIRMATION_WINDOW_MS);
    expect(statusOf(waiting, guarded)).toBe('SEND_FAIL');
  });
});

describe('the daily mass-send quota', () => {
  it('answers 45028 once the day\'s sends are used up, then accepts again on the next China day', () => {
    const limited = addApp(t.sim, { limits: { daily_mass_quota: 2 }, tags: [{ id: 100, name: 't', count: 1 }] });
    sendOk(textToTag(), limited);
    sendOk(distinct(textToTag()), limited);
    expectFail(send(distinct(textToTag()), limited), 45028);
    expect(limited.message_ids).toHaveLength(2);
    // T0 is 08:00 in China: the next China day starts 16 hours later.
    passWithoutTick(16 * 3600_000 - 1);
    expectFail(send(distinct(textToTag()), limited), 45028);
    passWithoutTick(1);
    sendOk(distinct(textToTag()), limited);
  });

  it('does not count nor refuse mass/send, which is no sendall', () => {
    const limited = addApp(t.sim, { limits: { daily_mass_quota: 1 }, tags: [{ id: 100, name: 't', count: 1 }] });
    massSendOk(textTo(openids(limited, 2)), limited);
    massSendOk(textTo(openids(limited, 3)), limited);
    sendOk(textToTag(), limited);
    massSendOk(textTo(openids(limited, 4)), limited);
    expectFail(send(distinct(textToTag()), limited), 45028);
    expect(limited.usage.mass_sends).toBe(1);
  });

  it('counts only sends that were accepted, and comes after the clientmsgid check', () => {
    const limited = addApp(t.sim, { limits: { daily_mass_quota: 1 }, tags: [{ id: 100, name: 't', count: 1 }] });
    expectFail(send({ msgtype: 'video' }, limited), 40008);
    sendOk({ ...textToTag(), clientmsgid: 'q' }, limited);
    expectFail(send({ ...textToTag(), clientmsgid: 'q' }, limited), 45066);
    expectFail(send(textToTag(), limited), 45028);
  });

  it('is the account type\'s for an app without one: 100 sendall a day for a service account', () => {
    for (let i = 0; i < 100; i++) sendOk(distinct(textToTag()));
    expectFail(send(distinct(textToTag())), 45028);
    expect(app.message_ids).toHaveLength(100);
  });

  it('is one sendall a day for a subscription account; its own limit overrides that, and null lifts it', () => {
    const tags = [{ id: 100, name: 't', count: 1 }];
    const subscription = addApp(t.sim, { account_type: 'subscription', tags });
    sendOk(textToTag(), subscription);
    expectFail(send(distinct(textToTag()), subscription), 45028);
    const higher = addApp(t.sim, { account_type: 'subscription', limits: { daily_mass_quota: 2 }, tags });
    sendOk(textToTag(), higher);
    sendOk(distinct(textToTag()), higher);
    expectFail(send(distinct(textToTag()), higher), 45028);
    const lower = addApp(t.sim, { limits: { daily_mass_quota: 1 }, tags });
    sendOk(textToTag(), lower);
    expectFail(send(distinct(textToTag()), lower), 45028);
    const lifted = addApp(t.sim, { limits: { daily_mass_quota: null }, tags });
    for (let i = 0; i < 150; i++) sendOk(distinct(textToTag()), lifted);
    expect(lifted.message_ids).toHaveLength(150);
  });
});

describe('previewMassMsg', () => {
  const preview = (body: Body, on: App = app) => run(() => previewMassMsg(t.sim.ctx, on, body));
  const text = { msgtype: 'text', text: { content: 'hi' } };

  it('previews to an openid, with a 10-digit msg_id between 2^31 and 2^32 from the sends\' sequence, and creates no send', () => {
    const last = t.sim.store.ids.msg;
    const answer = expectOk(preview({ ...text, touser: 'openid_000001' }));
    expect(answer).toEqual({ errcode: 0, errmsg: 'preview success', msg_id: answer.msg_id });
    expect(answer.msg_id).toBeGreaterThan(2 ** 31);
    expect(answer.msg_id).toBeLessThan(2 ** 32);
    expect(String(answer.msg_id)).toHaveLength(10);
    expect(answer.msg_id).toBeGreaterThan(last);
    expect(t.sim.store.messages.size).toBe(0);
    expect(t.sim.store.ids.msg).toBe(answer.msg_id);
    expectFail(get(answer.msg_id), 40059);
  });

  it('lets towxname win over touser, and reads touser when towxname is empty or no string', () => {
    expectOk(preview({ ...text, towxname: 'some-wechat-name', touser: 'bad id!' }));
    expectOk(preview({ ...text, towxname: 'x' }));
    expectOk(preview({ ...text, towxname: '', touser: 'openid_000001' }));
    expectFail(preview({ ...text, towxname: '', touser: 'bad id!' }), 40003);
    expectFail(preview({ ...text, towxname: 42 }), 40003);
    expectFail(preview({ ...text, towxname: ['x'], touser: 'bad id!' }), 40003);
  });

  it('answers 40003 with neither touser nor towxname, or a malformed touser, and draws no id', () => {
    const ids = { ...t.sim.store.ids };
    expectFail(preview(text), 40003);
    expectFail(preview({ ...text, touser: 'short' }), 40003);
    expectFail(preview({ ...text, touser: ['openid_000001', 'openid_000002'] }), 40003);
    expect(t.sim.store.ids).toEqual(ids);
  });

  it('passes on the content check first, in its app', () => {
    const ids = { ...t.sim.store.ids };
    const strict = addApp(t.sim, { media: 'strict' });
    expectFail(preview({ msgtype: 'video', touser: 'openid_000001' }), 40008);
    expectFail(preview({ msgtype: 'voice', voice: { media_id: 'voice-x' }, touser: 'bad id!' }, strict), 40007);
    expectFail(preview({ msgtype: 'voice', voice: { media_id: 'voice-x' }, touser: 'openid_000001' }, strict), 40007);
    expectOk(preview({ msgtype: 'voice', voice: { media_id: 'voice-x' }, touser: 'openid_000001' }));
    expect(t.sim.store.ids.msg).toBeGreaterThan(ids.msg);
    const after = { ...t.sim.store.ids };
    expectFail(preview({ msgtype: 'text', text: { content: '' }, touser: 'openid_000001' }), 47001);
    expect(t.sim.store.ids).toEqual(after);
  });

  it('judges media at the app\'s own time', () => {
    const strict = addApp(t.sim, { media: 'strict' });
    const voice = run(() => issueMedia(t.sim.ctx, strict, t.sim.appNow(strict), { type: 'voice', source: 'upload' })).media_id;
    const body = { msgtype: 'voice', voice: { media_id: voice }, touser: 'openid_000001' };
    expectOk(preview(body, strict));
    expectDone(t.sim.advance(TEMPORARY_MEDIA_MS, strict.appid));
    expectFail(preview(body, strict), 40007);
  });

  it('never hands out the msg_id of a send: previews and sends draw from one increasing sequence', () => {
    const sent = sendOk(textToTag());
    const previewed = expectOk(preview({ ...text, touser: 'openid_000001' })).msg_id;
    const after = sendOk({ ...textToTag(), text: { content: 'after' } });
    expect(previewed).toBeGreaterThan(sent);
    expect(after).toBeGreaterThan(previewed);
  });

  it('is never reused by a send, nor a send\'s id by another send, even after a reseed', () => {
    t.sim.reseed(99);
    const previewed = expectOk(preview({ ...text, touser: 'openid_000001' })).msg_id;
    t.sim.reseed(99);
    const sent = sendOk(textToTag());
    expect(sent).toBeGreaterThan(previewed);
    t.sim.reseed(99);
    const third = sendOk({ ...textToTag(), text: { content: 'third' } });
    expect(third).toBeGreaterThan(sent);
  });

  it('draws the same ids on the same seed', () => {
    const twin = newSim();
    const mine = expectOk(preview({ ...text, touser: 'openid_000001' })).msg_id;
    const theirs = expectOk(twin.sim.unit(() => previewMassMsg(twin.sim.ctx, appOf(twin.sim, DEFAULT_APPID), { ...text, touser: 'openid_000001' }))).msg_id;
    expect(theirs).toBe(mine);
  });
});
