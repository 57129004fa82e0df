import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_STATUS } from '../../mock/domain/lifecycle.js';
import { getSpeed, massmsgget, sendAll } from '../../mock/domain/sends.js';
import type { App } from '../../mock/domain/store.js';
import { batchTagging, createTag, getTags } from '../../mock/domain/tags.js';
import { applyAppPatch, type AppPatch } from '../../mock/domain/update-app.js';
import { MPNEWS_TO_ALL, STAR_TAG, T0, addApp, distinct, expectOk, messageOf, newSim, only, openids, textToTag, touched, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
let app: App;

const START = {
  fans: 1000,
  tags: [{ id: 100, name: 't', count: 1000 }],
  protection: false,
  callback_url: 'http://127.0.0.1:9/cb',
  callback_token: 'token-1',
  encoding_aes_key: null,
  limits: { daily_mass_quota: 5 },
  push: { timeout_ms: 300, retry_delay_ms: 20 },
};

/** START as the app holds it: WeChat's 星标组 first. */
const HELD = { ...START, tags: [STAR_TAG, ...START.tags] };

beforeEach(() => {
  t = newSim();
  app = addApp(t.sim, { appid: 'wxpatch0000000001', secret: 's', ...START });
});

const patch = (changes: AppPatch) => t.sim.unit(() => applyAppPatch(t.sim.ctx, app, changes));
/** A sendall of `body` (by default a text to tag 100 no other send had). */
const send = (body = distinct(textToTag())) => expectOk(t.sim.unit(() => sendAll(t.sim.ctx, app, body))).msg_id;
const statusOf = (msg_id: number) => expectOk(massmsgget(t.sim.ctx, app, { msg_id })).msg_status;

describe('applyAppPatch', () => {
  it('returns the app it changed, and changes nothing for an empty patch but records the app', () => {
    const before = structuredClone({ ...app, in_flight: undefined, clientmsgids: undefined });
    const commits = t.commits.length;
    expect(patch({})).toBe(app);
    expect({ ...app, in_flight: undefined, clientmsgids: undefined }).toEqual(before);
    expect(t.commits).toHaveLength(commits + 1);
    expect(touched(t.commits.at(-1))).toEqual(only({ apps: [app] }));
  });

  it('touches only the fields given: the others keep their very values, so the unit records just those', () => {
    /** The fields of `app` that are not the values the last unit found (the state file writes those). */
    const replaced = () => {
      const before = t.commits.at(-1)!.apps.get(app) as App;
      return (Object.keys(app) as (keyof App)[]).filter((key) => app[key] !== before[key]);
    };
    patch({});
    expect(replaced()).toEqual([]);
    patch({ fans: 5 });
    expect(replaced()).toEqual(['fans']);
    patch({ push: { retry_delay_ms: 30 } });
    expect(replaced()).toEqual(['push']);
    patch({ speed: 0 });
    expect(replaced()).toEqual([]);
  });

  it('replaces each field given and leaves the others as they were', () => {
    patch({ fans: 5 });
    expect(app).toMatchObject({ ...HELD, fans: 5 });
    patch({ protection: true });
    expect(app).toMatchObject({ ...HELD, fans: 5, protection: true });
    patch({ callback_url: null, callback_token: null });
    expect(app).toMatchObject({ ...HELD, fans: 5, protection: true, callback_url: null, callback_token: null });
    patch({ encoding_aes_key: 'k'.repeat(43), limits: { per_minute: 3 } });
    expect(app).toMatchObject({ fans: 5, protection: true, encoding_aes_key: 'k'.repeat(43), limits: { per_minute: 3 }, tags: HELD.tags, push: START.push });
    expect(app.limits).toEqual({ per_minute: 3 });
  });

  it('replaces a callback URL and token with new ones', () => {
    patch({ callback_url: 'http://127.0.0.1:10/other', callback_token: 'token-2' });
    expect(app).toMatchObject({ callback_url: 'http://127.0.0.1:10/other', callback_token: 'token-2' });
  });

  it('sets protection off again', () => {
    patch({ protection: true });
    patch({ protection: false });
    expect(app.protection).toBe(false);
    expect(messageOf(t.sim, send(MPNEWS_TO_ALL)).status).toBe('SENDING');
  });

  it('replaces the tags with a copy, so the patch given is never shared', () => {
    const tags = [{ id: 107, name: 'new', count: 3 }];
    patch({ tags });
    expect(app.tags).toEqual([STAR_TAG, ...tags]);
    expect(app.tags).not.toBe(tags);
    expect(app.tags[1]).not.toBe(tags[0]);
    tags[0]!.count = 99;
    expect(app.tags[1]!.count).toBe(3);
    const star = { id: 2, name: '星标组', count: 4 };
    patch({ tags: [{ id: 108, name: 'later', count: 1 }, star] });
    expect(app.tags).toEqual([star, { id: 108, name: 'later', count: 1 }]);
    expect(app.tags[0]).not.toBe(star);
    patch({ tags: [] });
    expect(app.tags).toEqual([STAR_TAG]);
  });

  it('replaces the limits with a copy', () => {
    const limits = { daily_api_quota: 10 };
    patch({ limits });
    expect(app.limits).toEqual({ daily_api_quota: 10 });
    expect(app.limits).not.toBe(limits);
  });

  it('merges push options with the current ones, and copies them', () => {
    const push = { retry_delay_ms: 7 };
    patch({ push });
    expect(app.push).toEqual({ timeout_ms: 300, retry_delay_ms: 7 });
    expect(app.push).not.toBe(push);
    patch({ push: { timeout_ms: 9 } });
    expect(app.push).toEqual({ timeout_ms: 9, retry_delay_ms: 7 });
  });

  it('sets the account type, the dedupe option and the protection codes, and leaves each alone when not given', () => {
    patch({ account_type: 'subscription' });
    expect(app).toMatchObject({ account_type: 'subscription', dedupe_without_clientmsgid: true, protection_codes: { operations: ['massmsgget', 'setSpeed'], switch_after_ms: 60_000 } });
    patch({ dedupe_without_clientmsgid: false });
    expect(app).toMatchObject({ account_type: 'subscription', dedupe_without_clientmsgid: false });
    patch({ fans: 2 });
    expect(app).toMatchObject({ account_type: 'subscription', dedupe_without_clientmsgid: false });
    patch({ account_type: 'service', dedupe_without_clientmsgid: true });
    expect(app).toMatchObject({ account_type: 'service', dedupe_without_clientmsgid: true });
  });

  it('sets the media policy, which later sends follow, and leaves it alone when not given', () => {
    patch({ media: 'strict' });
    expect(app.media).toBe('strict');
    const body = { msgtype: 'voice', voice: { media_id: 'made-up' }, filter: { tag_id: 100 } };
    expect(t.sim.unit(() => sendAll(t.sim.ctx, app, body))).toEqual({ ok: false, errcode: 40007 });
    patch({ fans: 3 });
    expect(app.media).toBe('strict');
    patch({ media: 'any' });
    send(body);
  });

  it('merges protection codes with the current ones, and copies them', () => {
    const codes = { switch_after_ms: 5 };
    const before = app.protection_codes;
    patch({ protection_codes: codes });
    expect(app.protection_codes).toEqual({ operations: ['massmsgget', 'setSpeed'], switch_after_ms: 5 });
    expect(app.protection_codes).not.toBe(codes);
    expect(before).toEqual({ operations: ['massmsgget', 'setSpeed'], switch_after_ms: 60_000 });
    patch({ protection_codes: { operations: [] } });
    expect(app.protection_codes).toEqual({ operations: [], switch_after_ms: 5 });
  });

  it('reaches later sends with the new account type and dedupe option', () => {
    patch({ dedupe_without_clientmsgid: false });
    const body = distinct(textToTag());
    send(body);
    send(body);
    patch({ dedupe_without_clientmsgid: true });
    send(body);
    expect(t.sim.unit(() => sendAll(t.sim.ctx, app, body))).toEqual({ ok: false, errcode: 45066 });
    patch({ account_type: 'subscription', limits: {} });
    expect(t.sim.unit(() => sendAll(t.sim.ctx, app, distinct(textToTag())))).toEqual({ ok: false, errcode: 45028 });
  });

  it('reaches later sends with the new fans, tags and protection', () => {
    patch({ fans: 42, tags: [{ id: 100, name: 't', count: 6 }] });
    expect(messageOf(t.sim, send(MPNEWS_TO_ALL)).audience).toBe(42);
    expect(messageOf(t.sim, send()).audience).toBe(6);
    patch({ protection: true });
    expect(messageOf(t.sim, send(distinct(MPNEWS_TO_ALL))).status).toBe('AWAITING_CONFIRMATION');
  });

  it('gives created tags ids past those it held and those given, never one used before', () => {
    expect(expectOk(t.sim.unit(() => createTag(t.sim.ctx, app, { tag: { name: 'made' } })))).toEqual({ tag: { id: 101, name: 'made' } });
    patch({ tags: [{ id: 100, name: 't', count: 1 }] });
    expect(app.next_tag_id).toBe(102);
    patch({ tags: [{ id: 150, name: 'far', count: 1 }] });
    expect(app.next_tag_id).toBe(151);
  });

  describe('what tagging did', () => {
    const tagFans = (n: number) => expectOk(t.sim.unit(() => batchTagging(t.sim.ctx, app, { openid_list: openids(app, n), tagid: 100 })));
    const count = () => getTags(app).tags.find((tag) => tag.id === 100)?.count;
    const lastTaggings = () => t.commits.at(-1)!.taggings.map(({ tagid, op, fans }) => ({ tagid, op, fans }));

    beforeEach(() => {
      patch({ tags: [{ id: 100, name: 't', count: 0 }] });
      tagFans(3);
      expect(count()).toBe(3);
    });

    it.each<[string, AppPatch]>([
      ['fans', { fans: 1000 }],
      ['tags', { tags: [{ id: 100, name: 't', count: 0 }] }],
    ])('is forgotten once the %s are set, recorded as one clear of every tag', (_, changes) => {
      patch(changes);
      expect(count()).toBe(0);
      expect(app.taggings.size).toBe(0);
      expect(lastTaggings()).toEqual([{ tagid: undefined, op: 'clear', fans: [] }]);
    });

    it('stays when neither fans nor tags are set', () => {
      patch({ protection: true, limits: {} });
      expect(count()).toBe(3);
      expect(lastTaggings()).toEqual([]);
    });

    it('is not recorded as cleared when there was none', () => {
      patch({ fans: 1000 });
      patch({ fans: 999 });
      expect(lastTaggings()).toEqual([]);
    });
  });

  describe('a speed change', () => {
    it('sets the speed, as getSpeed shows', () => {
      patch({ speed: 3 });
      expect(getSpeed(app)).toEqual({ speed: 3, realspeed: 30 });
    });

    it('leaves the speed alone when none is given', () => {
      patch({ speed: 2 });
      patch({ fans: 3 });
      expect(app.speed).toBe(2);
    });

    it('applies to what is left of a send, to the ms', () => {
      const msgId = send(); // 1,000 fans: 6,000 units at 80 a ms
      t.clock.advance(30); // 2,400 units done
      patch({ speed: 4 }); // 3,600 left at 10 a ms: 360 ms
      t.clock.advance(359);
      expect(statusOf(msgId)).toBe('SENDING');
      t.clock.advance(1);
      expect(statusOf(msgId)).toBe('SEND_SUCCESS');
      t.sim.tick();
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 390 });
    });

    it('ends a send already due at the time the old rate gave it', () => {
      const msgId = send();
      t.clock.advance(500);
      patch({ speed: 4 });
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 75, event_status: EVENT_STATUS.complete });
      expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
    });

    it('does nothing to the sends in flight when it is the current speed', () => {
      const msgId = send();
      t.clock.advance(500);
      patch({ speed: 0 });
      expect(messageOf(t.sim, msgId).status).toBe('SENDING');
      expect(t.finished).toEqual([]);
      t.sim.tick();
      expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 75 });
    });
  });
});
