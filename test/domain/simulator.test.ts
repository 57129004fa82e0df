import { describe, expect, it } from 'vitest';
import { DEFAULT_APP, DEFAULT_APPID, DEFAULT_FANS, DEFAULT_SECRET } from '../../mock/domain/app-settings.js';
import { createClock } from '../../mock/domain/clock.js';
import type { ControlResult } from '../../mock/domain/control-result.js';
import { CONFIRMATION_WINDOW_MS, EVENT_STATUS } from '../../mock/domain/lifecycle.js';
import { previewMassMsg, sendAll } from '../../mock/domain/sends.js';
import { createSimulator } from '../../mock/domain/simulator.js';
import type { App, MassMessage, PushRecord } from '../../mock/domain/store.js';
import { issueAccessToken, issueStableToken } from '../../mock/domain/tokens.js';
import { applyAppPatch } from '../../mock/domain/update-app.js';
import {
  MPNEWS_TO_ALL,
  SEED,
  STAR_TAG,
  T0,
  addApp,
  appOf,
  expectDone,
  expectOk,
  messageOf,
  newSim,
  only,
  distinct,
  textToTag,
  touched,
  type TestSim,
} from './simulator-fixtures.js';

/** Mock time never passes this: the last ms of 9999-12-31. */
const LAST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TAG_100 = [{ id: 100, name: 't', count: 1000 }];
/** 1,000 fans at speed 0: 75 ms. */
const TAG_MS = 75;

/** A sendall of `body` (by default a text to tag 100 no other send had), as its own unit. */
const send = (t: TestSim, app: App, body = distinct(textToTag())) => expectOk(t.sim.unit(() => sendAll(t.sim.ctx, app, body))).msg_id;

function expectRefused(result: ControlResult<unknown>, error: 'invalid_request' | 'not_found' | 'conflict', message?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toBe(error);
  if (message) expect(result.message).toMatch(message);
}

describe('createSimulator', () => {
  it('starts with the default app alone when no apps are given', () => {
    const { sim } = newSim({ media: 'strict' });
    expect([...sim.store.apps.keys()]).toEqual([DEFAULT_APPID]);
    expect(appOf(sim, DEFAULT_APPID)).toMatchObject({ secret: DEFAULT_SECRET, fans: DEFAULT_FANS, tags: [STAR_TAG, ...DEFAULT_APP.tags!], protection: false, speed: 0, offset_ms: 0 });
  });

  it('adds the default app ahead of the start-up apps that do not name it', () => {
    const { sim } = newSim({ apps: [{ appid: 'wxstart0000000001', fans: 10 }, { appid: 'wxstart0000000002' }], media: 'strict' });
    expect([...sim.store.apps.keys()]).toEqual([DEFAULT_APPID, 'wxstart0000000001', 'wxstart0000000002']);
    expect(appOf(sim, 'wxstart0000000001').fans).toBe(10);
  });

  it('takes the default app from the start-up apps when they name its appid', () => {
    const { sim } = newSim({ apps: [{ appid: 'wxstart0000000001' }, { appid: DEFAULT_APPID, secret: 'other', fans: 3 }], media: 'strict' });
    expect([...sim.store.apps.keys()]).toEqual(['wxstart0000000001', DEFAULT_APPID]);
    expect(appOf(sim, DEFAULT_APPID)).toMatchObject({ secret: 'other', fans: 3, tags: [STAR_TAG] });
  });

  it('does not hang on a start-up appid given twice: the later settings win', () => {
    const { sim } = newSim({ apps: [{ appid: 'wxtwice', fans: 1 }, { appid: 'wxtwice', fans: 2 }], media: 'strict' });
    expect([...sim.store.apps.keys()]).toEqual([DEFAULT_APPID, 'wxtwice']);
    expect(appOf(sim, 'wxtwice').fans).toBe(2);
  });

  it('exposes its clock, store, generator and context', () => {
    const clock = createClock({ mode: 'manual', start: T0 });
    const sim = createSimulator({ clock, seed: 11 });
    expect(sim.clock).toBe(clock);
    expect(sim.ctx.store).toBe(sim.store);
    expect(sim.random.seed).toBe(11);
    expect(sim.ctx.random).toBe(sim.random);
    expect(sim.ctx.appNow).toBe(sim.appNow);
    expect(sim.appNow(appOf(sim, DEFAULT_APPID))).toBe(T0);
  });

  it('reads the clock once per unit: every rule of a call sees the instant it began', () => {
    let wall = T0;
    // A real clock whose wall time moves 1 ms every time it is read.
    const clock = createClock({ mode: 'real', wallNow: () => wall++ });
    const sim = createSimulator({ clock, seed: 11 });
    const app = appOf(sim, DEFAULT_APPID);
    const seen = sim.unit(() => [sim.appNow(app), sim.unit(() => sim.appNow(app)), sim.ctx.appNow(app)]);
    expect(new Set(seen).size).toBe(1);
    const outside = [sim.appNow(app), sim.appNow(app)];
    expect(outside[1]).toBeGreaterThan(outside[0]!);
    expect(outside[0]).toBeGreaterThan(seen[0]!);
  });

  it('gives the same apps for the same seed, and others for another', () => {
    const a = addApp(newSim().sim);
    const b = addApp(newSim().sim);
    const c = addApp(newSim({ seed: SEED + 1 }).sim);
    expect(a.appid).toBe(b.appid);
    expect(a.secret).toBe(b.secret);
    expect(a.original_id).toBe(b.original_id);
    expect(c.appid).not.toBe(a.appid);
  });
});

describe('unit', () => {
  it('returns what the work returns, and commits nothing when nothing changed', () => {
    const t = newSim();
    expect(t.sim.unit(() => 42)).toBe(42);
    t.sim.tick();
    expect(t.commits).toEqual([]);
  });

  it('commits once for nested units, when the outermost returns, and applies what waits for the write then', () => {
    const t = newSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    let inside = -1;
    let clockInside = -1;
    let msgId = 0;
    t.sim.unit(() => {
      t.sim.unit(() => t.sim.ctx.changes.app(app));
      t.sim.unit(() => t.sim.ctx.changes.clock(T0 + 5, () => t.clock.advance(5)));
      expectDone(t.sim.advance(5, app.appid));
      inside = t.commits.length;
      clockInside = t.clock.now();
      msgId = send(t, app);
    });
    expect(inside).toBe(0);
    expect(clockInside).toBe(T0);
    expect(t.clock.now()).toBe(T0 + 5);
    expect(t.commits).toHaveLength(1);
    expect(touched(t.commits[0])).toEqual(only({ clock: T0 + 5, apps: [app], messages: [msgId], created: [msgId] }));
  });

  it('commits what a unit changed before it threw, rethrows, and commits the next unit on its own', () => {
    const t = newSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    expect(() =>
      t.sim.unit(() => {
        t.sim.ctx.changes.clock(T0 + 5, () => t.clock.advance(5));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(t.commits).toHaveLength(1);
    expect(t.commits[0]!.clock).toBe(T0 + 5);
    expect(t.clock.now()).toBe(T0 + 5);
    t.sim.unit(() => t.sim.ctx.changes.app(app));
    expect(t.commits).toHaveLength(2);
    expect(touched(t.commits[1])).toEqual(only({ apps: [app] }));
  });

  it('hands each commit to every listener', () => {
    const t = newSim();
    const second: unknown[] = [];
    t.sim.onCommit((changes) => second.push(changes));
    expectDone(t.sim.advance(1));
    expect(t.commits).toHaveLength(1);
    expect(second).toEqual(t.commits);
  });
});

describe('tick', () => {
  it('ends every send whose time is up, in every app, at the time each was due, and reports each once', () => {
    const t = newSim();
    const a = appOf(t.sim, DEFAULT_APPID);
    const b = addApp(t.sim, { tags: [{ id: 100, name: 't', count: 2000 }] });
    const first = send(t, a); // due at 75 ms
    const second = send(t, b); // due at 150 ms
    const later = send(t, a, MPNEWS_TO_ALL); // due at 75 s
    const before = t.commits.length;
    t.clock.advance(1000);
    t.sim.tick();
    expect(messageOf(t.sim, first)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 75, event_status: EVENT_STATUS.complete });
    expect(messageOf(t.sim, second)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 150 });
    expect(messageOf(t.sim, later).status).toBe('SENDING');
    expect(t.finished.map((m) => m.msg_id)).toEqual([first, second]);
    expect(t.commits).toHaveLength(before + 1);
    expect(touched(t.commits.at(-1))).toEqual(only({ messages: [first, second] }));
    t.sim.tick();
    expect(t.finished).toHaveLength(2);
    expect(t.commits).toHaveLength(before + 1);
  });

  it('tells every finish listener the message and its app', () => {
    const t = newSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const seen: [MassMessage, App][] = [];
    t.sim.onFinish((message, of) => seen.push([message, of]));
    const msgId = send(t, app);
    expectDone(t.sim.advance(TAG_MS));
    expect(seen).toEqual([[messageOf(t.sim, msgId), app]]);
    expect(t.finished).toEqual([messageOf(t.sim, msgId)]);
  });
});

describe('advance', () => {
  it('moves the global clock and every app with it, ends what is due, and commits the move', () => {
    const t = newSim();
    const a = appOf(t.sim, DEFAULT_APPID);
    const b = addApp(t.sim, { tags: TAG_100 });
    const mine = send(t, a);
    const theirs = send(t, b);
    const before = t.commits.length;
    expectDone(t.sim.advance(TAG_MS));
    expect(t.clock.now()).toBe(T0 + TAG_MS);
    expect(t.sim.appNow(a)).toBe(T0 + TAG_MS);
    expect(t.sim.appNow(b)).toBe(T0 + TAG_MS);
    expect(messageOf(t.sim, mine).status).toBe('SEND_SUCCESS');
    expect(messageOf(t.sim, theirs).status).toBe('SEND_SUCCESS');
    // Two units: the move of the clock, written before it is made; then the tick that ends what is due.
    expect(t.commits).toHaveLength(before + 2);
    expect(touched(t.commits[before])).toEqual(only({ clock: T0 + TAG_MS }));
    expect(touched(t.commits[before + 1])).toEqual(only({ messages: [mine, theirs] }));
  });

  it('moves one app\'s clock alone when given its appid', () => {
    const t = newSim();
    const a = appOf(t.sim, DEFAULT_APPID);
    const b = addApp(t.sim, { tags: TAG_100 });
    const mine = send(t, a);
    const theirs = send(t, b);
    expectDone(t.sim.advance(TAG_MS, b.appid));
    expect(t.clock.now()).toBe(T0);
    expect(b.offset_ms).toBe(TAG_MS);
    expect(t.sim.appNow(b)).toBe(T0 + TAG_MS);
    expect(t.sim.appNow(a)).toBe(T0);
    expect(messageOf(t.sim, theirs).status).toBe('SEND_SUCCESS');
    expect(messageOf(t.sim, mine).status).toBe('SENDING');
    expect(touched(t.commits.at(-1))).toEqual(only({ apps: [b], messages: [theirs] }));
    expectDone(t.sim.advance(10, b.appid));
    expectDone(t.sim.advance(5));
    expect(t.sim.appNow(b)).toBe(T0 + TAG_MS + 15);
    expect(t.sim.appNow(a)).toBe(T0 + 5);
  });

  it('accepts 0', () => {
    const t = newSim();
    expectDone(t.sim.advance(0));
    expectDone(t.sim.advance(0, DEFAULT_APPID));
    expect(t.clock.now()).toBe(T0);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 53]])('refuses to advance by %j, and changes nothing', (ms) => {
    const t = newSim();
    expectRefused(t.sim.advance(ms), 'invalid_request', /non-negative integer/);
    expectRefused(t.sim.advance(ms, DEFAULT_APPID), 'invalid_request');
    expect(t.clock.now()).toBe(T0);
    expect(appOf(t.sim, DEFAULT_APPID).offset_ms).toBe(0);
    expect(t.commits).toEqual([]);
  });

  it('answers not_found for an unknown app', () => {
    const t = newSim();
    expectRefused(t.sim.advance(5, 'wxnobody'), 'not_found', /wxnobody/);
    expect(t.clock.now()).toBe(T0);
    expect(t.commits).toEqual([]);
  });

  it('goes up to the last ms of 9999-12-31 and refuses to pass it', () => {
    const t = newSim({ start: LAST_TIME - 1000 });
    expectRefused(t.sim.advance(1001), 'invalid_request', /9999-12-31/);
    expectRefused(t.sim.advance(1001, DEFAULT_APPID), 'invalid_request', new RegExp(`${DEFAULT_APPID}'s clock past 9999-12-31`));
    expect(t.clock.now()).toBe(LAST_TIME - 1000);
    expectDone(t.sim.advance(400, DEFAULT_APPID));
    expectDone(t.sim.advance(600, DEFAULT_APPID));
    expect(t.sim.appNow(appOf(t.sim, DEFAULT_APPID))).toBe(LAST_TIME);
    expectRefused(t.sim.advance(1, DEFAULT_APPID), 'invalid_request');
  });

  it('refuses a global move that would take any app\'s clock past 9999-12-31', () => {
    const t = newSim({ start: LAST_TIME - 1000 });
    const ahead = addApp(t.sim);
    expectDone(t.sim.advance(500, ahead.appid));
    expectRefused(t.sim.advance(501), 'invalid_request', /an app's clock past 9999-12-31/);
    expect(t.clock.now()).toBe(LAST_TIME - 1000);
    expectDone(t.sim.advance(500));
    expect(t.sim.appNow(ahead)).toBe(LAST_TIME);
    expect(t.clock.now()).toBe(LAST_TIME - 500);
    expectDone(t.sim.advance(500, DEFAULT_APPID));
  });
});

describe('setNow', () => {
  it('moves the global clock to the given time, and refuses to go back', () => {
    const t = newSim();
    expectDone(t.sim.setNow(T0 + 5000));
    expect(t.clock.now()).toBe(T0 + 5000);
    expectDone(t.sim.setNow(T0 + 5000));
    expectRefused(t.sim.setNow(T0 + 4999), 'invalid_request', /time only moves forward/);
    expect(t.clock.now()).toBe(T0 + 5000);
    expect(t.commits).toHaveLength(2);
  });

  it('moves one app to the given time, and refuses a time before that app\'s own', () => {
    const t = newSim();
    const app = addApp(t.sim, { tags: TAG_100 });
    const msgId = send(t, app);
    expectDone(t.sim.setNow(T0 + 1000, app.appid));
    expect(t.sim.appNow(app)).toBe(T0 + 1000);
    expect(t.clock.now()).toBe(T0);
    expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
    expectRefused(t.sim.setNow(T0 + 999, app.appid), 'invalid_request', new RegExp(new Date(T0 + 999).toISOString()));
    expectDone(t.sim.setNow(T0 + 999));
    expect(t.sim.appNow(app)).toBe(T0 + 999 + 1000);
  });

  it('answers not_found for an unknown app, and refuses a time past 9999-12-31', () => {
    const t = newSim();
    expectRefused(t.sim.setNow(T0 + 1, 'wxnobody'), 'not_found', /wxnobody/);
    expectRefused(t.sim.setNow(T0 - 1, 'wxnobody'), 'not_found', /wxnobody/);
    expectRefused(t.sim.setNow(LAST_TIME + 1), 'invalid_request', /9999-12-31/);
    expectDone(t.sim.setNow(LAST_TIME));
    expect(t.clock.now()).toBe(LAST_TIME);
  });
});

describe('the administrator\'s answer to a protected send', () => {
  function guarded(fans = 80_000) {
    const t = newSim();
    const app = addApp(t.sim, { protection: true, fans });
    const msgId = send(t, app, MPNEWS_TO_ALL);
    expect(messageOf(t.sim, msgId).status).toBe('AWAITING_CONFIRMATION');
    return { t, app, msgId };
  }

  it('approve starts it SENDING from then, for its whole audience', () => {
    const { t, app, msgId } = guarded(); // 80,000 fans: 480,000 units at 80 a ms, 6 s
    t.clock.advance(10_000);
    const approved = expectDone(t.sim.approve(msgId));
    expect(t.sim.store.messages.holds(approved)).toBe(true);
    expect(approved).toEqual(messageOf(t.sim, msgId));
    expect(approved).toMatchObject({ status: 'SENDING', finished_at: undefined, event_status: undefined });
    expect(t.finished).toEqual([]);
    expect(touched(t.commits.at(-1))).toEqual(only({ apps: [app], messages: [msgId] }));
    expectDone(t.sim.advance(5999));
    expect(approved.status).toBe('SENDING');
    expectDone(t.sim.advance(1));
    expect(approved).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 16_000, event_status: EVENT_STATUS.complete });
    expect(t.finished).toEqual([approved]);
  });

  it('approve of a send to nobody ends it at once', () => {
    const { t, msgId } = guarded(0);
    t.clock.advance(10);
    expect(expectDone(t.sim.approve(msgId))).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + 10 });
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('reject ends it SEND_FAIL with err(40001), now, and reports it', () => {
    const { t, msgId } = guarded();
    t.clock.advance(20_000);
    const rejected = expectDone(t.sim.reject(msgId));
    expect(rejected).toMatchObject({ status: 'SEND_FAIL', finished_at: T0 + 20_000, event_status: EVENT_STATUS.reject });
    expect(EVENT_STATUS.reject).toBe('err(40001)');
    expect(t.finished).toEqual([rejected]);
    expect(touched(t.commits.at(-1))).toEqual(only({ messages: [msgId] }));
    t.clock.advance(CONFIRMATION_WINDOW_MS);
    t.sim.tick();
    expect(rejected.event_status).toBe(EVENT_STATUS.reject);
    expect(t.finished).toHaveLength(1);
  });

  it('nobody answering for 30 minutes ends it SEND_FAIL with err(40002), at the deadline', () => {
    const { t, msgId } = guarded();
    expectDone(t.sim.advance(CONFIRMATION_WINDOW_MS - 1));
    expect(messageOf(t.sim, msgId).status).toBe('AWAITING_CONFIRMATION');
    t.clock.advance(60_000);
    t.sim.tick();
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_FAIL', finished_at: T0 + CONFIRMATION_WINDOW_MS, event_status: EVENT_STATUS.timeout });
    expect(EVENT_STATUS.timeout).toBe('err(40002)');
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('cannot approve or reject a send that timed out, even before the clock\'s tick', () => {
    const { t, msgId } = guarded();
    t.clock.advance(CONFIRMATION_WINDOW_MS);
    expectRefused(t.sim.approve(msgId), 'conflict', new RegExp(`message ${msgId} is SEND_FAIL: it cannot be approved`));
    expect(messageOf(t.sim, msgId).event_status).toBe(EVENT_STATUS.timeout);
    expectRefused(t.sim.reject(msgId), 'conflict', /cannot be rejected/);
    expect(t.finished).toHaveLength(1);
  });

  it('cannot approve or reject a send twice, nor one that was never held', () => {
    const { t, app, msgId } = guarded();
    expectDone(t.sim.approve(msgId));
    expectRefused(t.sim.approve(msgId), 'conflict', /is SENDING: it cannot be approved/);
    expectRefused(t.sim.reject(msgId), 'conflict', /is SENDING: it cannot be rejected/);
    const plain = send(t, app, textToTag());
    expectRefused(t.sim.approve(plain), 'conflict');
    const other = guarded();
    expectDone(other.t.sim.reject(other.msgId));
    expectRefused(other.t.sim.reject(other.msgId), 'conflict', /is SEND_FAIL: it cannot be rejected/);
    expectRefused(other.t.sim.approve(other.msgId), 'conflict');
  });

  it('answers not_found for an unknown msg_id', () => {
    const t = newSim();
    expectRefused(t.sim.approve(3_000_000_000), 'not_found', /no message with msg_id 3000000000/);
    expectRefused(t.sim.reject(3_000_000_000), 'not_found');
    expectRefused(t.sim.fail(3_000_000_000), 'not_found');
    expect(t.commits).toEqual([]);
  });

  it('answers not_found for a message whose app is gone', () => {
    const t = newSim();
    const app = addApp(t.sim, { tags: TAG_100 });
    const msgId = send(t, app);
    t.sim.store.apps.delete(app.appid);
    expectRefused(t.sim.fail(msgId), 'not_found');
  });
});

describe('fail', () => {
  it('ends a SENDING send SEND_FAIL with send fail, now, and the clock never completes it after', () => {
    const t = newSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const msgId = send(t, app);
    t.clock.advance(10);
    const failed = expectDone(t.sim.fail(msgId));
    expect(failed).toMatchObject({ status: 'SEND_FAIL', finished_at: T0 + 10, event_status: EVENT_STATUS.fail });
    expect(EVENT_STATUS.fail).toBe('send fail');
    expect(t.finished).toEqual([failed]);
    expectDone(t.sim.advance(1000));
    expect(failed).toMatchObject({ status: 'SEND_FAIL', event_status: EVENT_STATUS.fail });
    expect(t.finished).toHaveLength(1);
  });

  it('takes the event status given', () => {
    const t = newSim();
    const msgId = send(t, appOf(t.sim, DEFAULT_APPID));
    expect(expectDone(t.sim.fail(msgId, 'err(20001)')).event_status).toBe('err(20001)');
  });

  it('fails a send waiting for the administrator', () => {
    const t = newSim();
    const app = addApp(t.sim, { protection: true });
    const msgId = send(t, app, MPNEWS_TO_ALL);
    expect(expectDone(t.sim.fail(msgId))).toMatchObject({ status: 'SEND_FAIL', event_status: EVENT_STATUS.fail });
    expectDone(t.sim.advance(CONFIRMATION_WINDOW_MS));
    expect(messageOf(t.sim, msgId).event_status).toBe(EVENT_STATUS.fail);
    expect(t.finished).toHaveLength(1);
  });

  it('cannot fail a send that ended, even one that ended only by the clock not yet ticked', () => {
    const t = newSim();
    const msgId = send(t, appOf(t.sim, DEFAULT_APPID));
    t.clock.advance(TAG_MS);
    expectRefused(t.sim.fail(msgId), 'conflict', new RegExp(`message ${msgId} is SEND_SUCCESS: it cannot be failed`));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS });
    expect(t.finished).toHaveLength(1);
  });
});

describe('createApp and canCreateApp', () => {
  it('generates an appid of wx and 16 hex and a secret of 32 hex when not given', () => {
    const t = newSim();
    const app = addApp(t.sim);
    expect(app.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(app.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(appOf(t.sim, app.appid)).toBe(app);
    expect(t.commits.map(touched)).toEqual([only({ apps: [app], created: [app] })]);
  });

  it('refuses an appid that exists, and commits nothing', () => {
    const t = newSim();
    expectRefused(t.sim.canCreateApp({ appid: DEFAULT_APPID }), 'conflict', new RegExp(`app ${DEFAULT_APPID} exists`));
    expectRefused(t.sim.createApp({ appid: DEFAULT_APPID, fans: 1 }), 'conflict');
    expect(appOf(t.sim, DEFAULT_APPID).fans).toBe(DEFAULT_FANS);
    expect(t.commits).toEqual([]);
  });

  it('allows a free appid, or none', () => {
    const t = newSim();
    expect(t.sim.canCreateApp({ appid: 'wxfree' })).toEqual({ ok: true, value: undefined });
    expect(t.sim.canCreateApp({})).toEqual({ ok: true, value: undefined });
    expect(t.sim.canCreateApp({ secret: 'x' })).toEqual({ ok: true, value: undefined });
    expect(addApp(t.sim, { appid: 'wxfree', secret: 'x' })).toMatchObject({ appid: 'wxfree', secret: 'x' });
  });

  it('draws again when a generated appid is taken', () => {
    const probe = newSim();
    probe.sim.reseed(5);
    const next = addApp(probe.sim).appid;
    const t = newSim();
    addApp(t.sim, { appid: next, secret: 'mine' });
    t.sim.reseed(5);
    const drawn = addApp(t.sim);
    expect(drawn.appid).not.toBe(next);
    expect(drawn.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(appOf(t.sim, next).secret).toBe('mine');
  });
});

describe('reseed', () => {
  it('restarts the generator on the seed given', () => {
    const a = newSim();
    const b = newSim({ seed: 1234 });
    a.sim.reseed(99);
    b.sim.reseed(99);
    expect(a.sim.random.seed).toBe(99);
    expect(a.sim.ctx.random).toBe(a.sim.random);
    expect(addApp(a.sim).appid).toBe(addApp(b.sim).appid);
  });
});

describe('reset', () => {
  function populated() {
    const t = newSim({ apps: [{ appid: 'wxstart0000000001', fans: 10, tags: TAG_100 }] });
    const def = appOf(t.sim, DEFAULT_APPID);
    const start = appOf(t.sim, 'wxstart0000000001');
    const created = addApp(t.sim, { fans: 55, tags: TAG_100, protection: true, limits: { daily_mass_quota: 9 } });
    t.sim.unit(() => {
      applyAppPatch(t.sim.ctx, def, { fans: 1, speed: 3 });
      applyAppPatch(t.sim.ctx, created, { fans: 66 });
      issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(def), t.sim.appNow(def));
      issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(created), t.sim.appNow(created));
      issueStableToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(created), {}, t.sim.appNow(created));
      previewMassMsg(t.sim.ctx, def, { msgtype: 'text', text: { content: 'x' }, touser: 'openid_000001' });
    });
    const messages = { def: send(t, def), start: send(t, start), created: send(t, created, textToTag()) };
    expectDone(t.sim.advance(1000, created.appid));
    expectDone(t.sim.advance(1000));
    return { t, def, start, created, messages };
  }

  it('without appid, goes back to the start-up apps, empty, with the generator restarted', () => {
    const { t, created } = populated();
    const fresh = newSim({ apps: [{ appid: 'wxstart0000000001', fans: 10, tags: TAG_100 }] });
    const before = t.commits.length;
    expect(t.sim.reset()).toEqual({ ok: true, value: { ok: true } });
    expect([...t.sim.store.apps.keys()]).toEqual([DEFAULT_APPID, 'wxstart0000000001']);
    expect(t.sim.store.messages.size).toBe(0);
    expect(t.sim.store.tokens.size).toBe(0);
    // The id sequences start again where the seed starts them, as on a fresh simulator.
    expect(t.sim.store.ids).toEqual(fresh.sim.store.ids);
    const def = appOf(t.sim, DEFAULT_APPID);
    expect(def).toMatchObject({ fans: DEFAULT_FANS, speed: 0, offset_ms: 0, message_ids: [], tokens: [] });
    expect(def.original_id).toBe(appOf(fresh.sim, DEFAULT_APPID).original_id);
    expect(t.sim.random.seed).toBe(SEED);
    expect(t.sim.store.apps.has(created.appid)).toBe(false);
    // The generator starts again: the first app created after the reset is the first created before it.
    expect(addApp(t.sim).appid).toBe(addApp(fresh.sim).appid);
    expect(appOf(t.sim, created.appid).fans).toBe(DEFAULT_FANS);
    // Two units: forgetting, written before it is done; then the start-up apps made again.
    expect(t.commits).toHaveLength(before + 3);
    expect(touched(t.commits[before])).toEqual(only({ reset: true }));
    const again = [def, appOf(t.sim, 'wxstart0000000001')];
    expect(touched(t.commits[before + 1])).toEqual(only({ apps: again, created: again }));
    expect(t.clock.now()).toBe(T0 + 1000);
  });

  it('without appid, forgets every message: one read before is not held, even once a send after the reset draws its msg_id again', () => {
    const t = newSim();
    const msgId = send(t, appOf(t.sim, DEFAULT_APPID));
    const before = messageOf(t.sim, msgId);
    expectDone(t.sim.reset());
    expect(send(t, appOf(t.sim, DEFAULT_APPID))).toBe(msgId);
    expect(t.sim.store.messages.holds(before)).toBe(false);
    expect(t.sim.store.messages.holds(messageOf(t.sim, msgId))).toBe(true);
  });

  it('without appid, goes back to the seed the simulator was made with, after a reseed', () => {
    const t = newSim();
    t.sim.reseed(1);
    expectDone(t.sim.reset());
    expect(t.sim.random.seed).toBe(SEED);
    expect(t.sim.ctx.random.seed).toBe(SEED);
  });

  it('refuses to run inside a unit, since it commits on its own; what the unit did before is committed', () => {
    const t = newSim();
    const def = appOf(t.sim, DEFAULT_APPID);
    let msgId = 0;
    expect(() =>
      t.sim.unit(() => {
        msgId = send(t, def);
        t.sim.reset();
      }),
    ).toThrow('a reset commits on its own: it cannot run inside a unit of work');
    expect(() => t.sim.unit(() => t.sim.reset(DEFAULT_APPID))).toThrow(/a reset commits on its own/);
    expect(() => t.sim.unit(() => t.sim.reset('wxnobody'))).toThrow(/a reset commits on its own/);
    expect(appOf(t.sim, DEFAULT_APPID)).toBe(def);
    expect(messageOf(t.sim, msgId).status).toBe('SENDING');
    expect(t.commits).toHaveLength(1);
    expect(touched(t.commits[0]).reset).toBe(false);
  });

  it('with an appid, starts that app again empty with its start-up settings, and leaves the others alone', () => {
    const { t, start, created, messages } = populated();
    const originalId = appOf(t.sim, DEFAULT_APPID).original_id;
    const createdTokens = [...created.tokens, created.stable].map((record) => record!.token);
    const ids = { ...t.sim.store.ids };
    expect(t.sim.reset(DEFAULT_APPID)).toEqual({ ok: true, value: { ok: true } });
    const def = appOf(t.sim, DEFAULT_APPID);
    expect(def).toMatchObject({ secret: DEFAULT_SECRET, fans: DEFAULT_FANS, tags: [STAR_TAG, ...DEFAULT_APP.tags!], speed: 0, offset_ms: 0, message_ids: [], tokens: [], stable: undefined });
    expect(def.original_id).not.toBe(originalId);
    expect(t.sim.store.messages.has(messages.def)).toBe(false);
    expect(t.sim.store.messages.has(messages.start)).toBe(true);
    expect(t.sim.store.messages.has(messages.created)).toBe(true);
    expect([...t.sim.store.tokens.keys()].sort()).toEqual([...createdTokens].sort());
    // The ids go on: no later send or preview takes one the reset app's sends or the preview had.
    expect(t.sim.store.ids).toEqual(ids);
    expect(appOf(t.sim, start.appid)).toBe(start);
    expect(appOf(t.sim, created.appid)).toBe(created);
    expect([...t.sim.store.apps.keys()]).toEqual(['wxstart0000000001', created.appid, DEFAULT_APPID]);
  });

  it('with the appid of an app created later, starts it again empty with its current settings', () => {
    const { t, created, messages } = populated();
    expectDone(t.sim.reset(created.appid));
    const again = appOf(t.sim, created.appid);
    expect(again).not.toBe(created);
    expect(again).toMatchObject({
      appid: created.appid,
      secret: created.secret,
      fans: 66,
      tags: [STAR_TAG, ...TAG_100],
      protection: true,
      limits: { daily_mass_quota: 9 },
      push: created.push,
      speed: 0,
      offset_ms: 0,
      message_ids: [],
      tokens: [],
      stable: undefined,
    });
    expect(t.sim.store.messages.has(messages.created)).toBe(false);
    expect(t.sim.store.messages.has(messages.def)).toBe(true);
    expect(t.sim.store.tokens.size).toBe(1);
    expect(t.sim.appNow(again)).toBe(T0 + 1000);
  });

  it('with an appid, commits the drop, then the app made again; the old app\'s messages go, the others\' stay', () => {
    const { t, def, created } = populated();
    let pendingMessage = 0;
    let otherMessage = 0;
    t.sim.unit(() => {
      applyAppPatch(t.sim.ctx, created, { fans: 3 });
      pendingMessage = send(t, created);
      otherMessage = send(t, def);
    });
    const before = t.commits.length;
    let presentAtDrop = false;
    t.sim.onCommit((set) => {
      if (set.dropped.length > 0) presentAtDrop = t.sim.store.messages.has(pendingMessage);
    });
    expectDone(t.sim.reset(created.appid));
    expect(presentAtDrop).toBe(true);
    expect(t.commits).toHaveLength(before + 2);
    const again = appOf(t.sim, created.appid);
    expect(touched(t.commits[before])).toEqual(only({ dropped: [created.appid] }));
    expect(touched(t.commits[before + 1])).toEqual(only({ apps: [again], created: [again] }));
    expect(t.sim.store.messages.has(pendingMessage)).toBe(false);
    expect(t.sim.store.messages.has(otherMessage)).toBe(true);
    expect(again.fans).toBe(3);
  });

  it('with an unknown appid answers not_found and changes nothing', () => {
    const t = newSim();
    expectRefused(t.sim.reset('wxnobody'), 'not_found', /no app wxnobody/);
    expect(t.commits).toEqual([]);
    expect(t.sim.store.apps.size).toBe(1);
  });
});

describe('recordPush', () => {
  it('appends each attempt to the message, in order, and commits the message', () => {
    const t = newSim();
    const msgId = send(t, appOf(t.sim, DEFAULT_APPID));
    const message = messageOf(t.sim, msgId);
    const first: PushRecord = { attempt: 1, outcome: 'timeout', at: new Date(T0).toISOString(), error: 'slow', duration_ms: 5000 };
    const second: PushRecord = { attempt: 2, outcome: 'ok', status: 200, at: new Date(T0 + 1000).toISOString(), reply: 'success', duration_ms: 3 };
    const before = t.commits.length;
    const pushesBefore = message.pushes;
    t.sim.recordPush(message, first);
    t.sim.recordPush(message, second);
    expect(message.pushes).toEqual([first, second]);
    expect(pushesBefore).toEqual([]);
    expect(t.commits).toHaveLength(before + 2);
    expect(touched(t.commits.at(-1))).toEqual(only({ messages: [msgId] }));
  });
});
