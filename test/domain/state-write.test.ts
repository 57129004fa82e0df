/**
 * Write, then apply (state-file format 3): while a commit listener records, each unit keeps copies
 * of what it touched; a listener that throws rolls the unit back to them, and the caller gets a
 * StateWriteError. What waits for the write (the clock's move, a reset, a drop, finish listeners)
 * happens only once it succeeded.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_APPID } from '../../mock/domain/app-settings.js';
import { QueuedWriteError, StateWriteError, type ChangeSet } from '../../mock/domain/changes.js';
import { createClock } from '../../mock/domain/clock.js';
import { CONFIRMATION_WINDOW_MS, EVENT_STATUS } from '../../mock/domain/lifecycle.js';
import type { Body } from '../../mock/domain/loose.js';
import { addDraft } from '../../mock/domain/articles.js';
import { deleteDraft, updateDraft } from '../../mock/domain/draft-box.js';
import { batchGetMaterial, deleteMaterial } from '../../mock/domain/material.js';
import { issueMedia } from '../../mock/domain/media-library.js';
import { CLIENTMSGID_WINDOW_MS, previewMassMsg, sendAll, setSpeed } from '../../mock/domain/sends.js';
import { createSimulator } from '../../mock/domain/simulator.js';
import type { App } from '../../mock/domain/store.js';
import { batchTagging, batchUntagging } from '../../mock/domain/tags.js';
import { authenticate, issueAccessToken, issueStableToken } from '../../mock/domain/tokens.js';
import { applyAppPatch } from '../../mock/domain/update-app.js';
import { MPNEWS_TO_ALL, T0, addApp, appOf, distinct, expectDone, expectOk, messageFields, messageOf, newSim, only, openids, textToTag, touched, type TestSim } from './simulator-fixtures.js';

/** 1,000 fans (tag 100 of the default app) at speed 0: 75 ms. */
const TAG_MS = 75;
const TAG_100 = [{ id: 100, name: 't', count: 1000 }];

interface FailingSim extends TestSim {
  /** While set, every write fails as a full disk does. */
  disk: { full: boolean; refused: number };
}

/** A simulator whose state file can be made to refuse writes; `commits` also holds the refused ones. */
function failingSim(options: Parameters<typeof newSim>[0] = {}): FailingSim {
  const t = newSim(options);
  const disk = { full: false, refused: 0 };
  t.sim.onCommit(() => {
    if (!disk.full) return;
    disk.refused += 1;
    throw new Error('ENOSPC: no space left on device');
  });
  return { ...t, disk };
}

/** Runs `work` on a full disk: it must throw StateWriteError with the disk's error as its cause. */
function refused(t: FailingSim, work: () => unknown): void {
  t.disk.full = true;
  try {
    let error: unknown;
    try {
      work();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StateWriteError);
    expect((error as StateWriteError).message).toMatch(/ENOSPC: no space left on device.*not applied/);
    expect((error as StateWriteError).cause).toEqual(new Error('ENOSPC: no space left on device'));
  } finally {
    t.disk.full = false;
  }
}

/** A sendall of `body` (by default a text to tag 100 no other send had), as its own unit. */
const sendIn = (t: TestSim, app: App, body: Body = distinct(textToTag())) => expectOk(t.sim.unit(() => sendAll(t.sim.ctx, app, body))).msg_id;
const withId = (clientmsgid: string): Body => ({ ...textToTag(), clientmsgid });

/** An app as the tests compare it: its fields, without the index and the clientmsgid map (checked apart). */
const fieldsOf = (app: App) => structuredClone({ ...app, in_flight: undefined, clientmsgids: undefined });

describe('copies of what a unit touches', () => {
  it('are kept only once a commit listener records', () => {
    const sim = createSimulator({ clock: createClock({ mode: 'manual', start: T0 }), seed: 1 });
    const app = appOf(sim, DEFAULT_APPID);
    expect(sim.ctx.changes.recording).toBe(false);
    const unrecorded = sim.unit(() => {
      sim.ctx.changes.app(app).fans = 3;
      expectOk(sendAll(sim.ctx, app, { msgtype: 'text', text: { content: 'hi' }, filter: { is_to_all: true } }));
      return sim.ctx.changes.take();
    });
    // Without a state file nothing needs to know what a unit changed: no set is kept, new message or not.
    expect(unrecorded).toBeUndefined();
    expect(app.fans).toBe(3);
    expect(sim.store.messages.size).toBe(1);
    sim.onCommit(() => {});
    expect(sim.ctx.changes.recording).toBe(true);
    const recorded = sim.unit(() => {
      sim.ctx.changes.app(app).fans = 4;
      return sim.ctx.changes.take();
    });
    expect(recorded?.apps.get(app)).toEqual({ ...app, fans: 3 });
  });

  it('hold each app and message as the unit found it', () => {
    const t = newSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const msgId = sendIn(t, app);
    const before = { app: { ...app }, message: messageFields(t.sim, msgId) };
    t.clock.advance(TAG_MS);
    t.sim.unit(() => {
      expectOk(setSpeed(t.sim.ctx, app, { speed: 2 }));
      expectOk(setSpeed(t.sim.ctx, app, { speed: 3 }));
    });
    const set = t.commits.at(-1)!;
    expect(set.apps.get(app)).toEqual(before.app);
    expect(set.messages.get(msgId)).toEqual(before.message);
    expect(messageOf(t.sim, msgId).status).toBe('SEND_SUCCESS');
  });
});

describe('a write that fails', () => {
  it('takes back a send: its message, its msg_id on the app, its clientmsgid, its quota count and its index entry', () => {
    const t = failingSim();
    const app = addApp(t.sim, { tags: TAG_100, limits: { daily_mass_quota: 1 } });
    const before = fieldsOf(app);
    const messages = t.sim.store.messages.size;
    refused(t, () => sendIn(t, app, withId('job-1')));
    expect(t.disk.refused).toBe(1);
    expect(t.sim.store.messages.size).toBe(messages);
    expect(fieldsOf(app)).toEqual(before);
    expect(app.message_ids).toEqual([]);
    expect(app.clientmsgids.size).toBe(0);
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.in_flight.awaiting.size).toBe(0);
    expect(app.in_flight.next_seq).toBe(0);
    // It never ends, so nobody hears of it and nothing is pushed for it.
    expectDone(t.sim.advance(CONFIRMATION_WINDOW_MS));
    expect(t.finished).toEqual([]);
    // The quota and the clientmsgid are free again: the retry is accepted.
    const retried = sendIn(t, app, withId('job-1'));
    expect(app.message_ids).toEqual([retried]);
    expect(app.clientmsgids.get('job-1')?.msg_id).toBe(retried);
  });

  it('keeps the sends that were acknowledged before, in their order, each ending on time', () => {
    const t = failingSim();
    const app = addApp(t.sim, { tags: TAG_100, protection: true, fans: 80_000 });
    const first = sendIn(t, app); // due at 75 ms
    const waiting = sendIn(t, app, MPNEWS_TO_ALL); // times out after 30 minutes
    t.clock.advance(10);
    const second = sendIn(t, app); // due at 85 ms
    const index = app.in_flight;
    refused(t, () => sendIn(t, app));
    expect(app.in_flight).not.toBe(index);
    expect(app.message_ids).toEqual([first, waiting, second]);
    expect(app.in_flight.next_seq).toBe(3);
    expect(app.in_flight.sending.size).toBe(2);
    expect([...app.in_flight.awaiting.keys()]).toEqual([waiting]);
    expectDone(t.sim.advance(TAG_MS - 10));
    expect(messageOf(t.sim, first)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS });
    expect(messageOf(t.sim, second).status).toBe('SENDING');
    expectDone(t.sim.advance(10));
    expect(messageOf(t.sim, second)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS + 10 });
    expectDone(t.sim.advance(CONFIRMATION_WINDOW_MS));
    expect(messageOf(t.sim, waiting)).toMatchObject({ status: 'SEND_FAIL', event_status: EVENT_STATUS.timeout, finished_at: T0 + CONFIRMATION_WINDOW_MS });
    expect(t.finished.map((m) => m.msg_id)).toEqual([first, second, waiting]);
  });

  it('puts back the entry a reused clientmsgid replaced, even when the unit replaced it twice', () => {
    const t = failingSim();
    const app = addApp(t.sim, { tags: TAG_100 });
    const first = sendIn(t, app, withId('job'));
    const entry = app.clientmsgids.get('job');
    expectDone(t.sim.advance(CLIENTMSGID_WINDOW_MS, app.appid));
    refused(t, () =>
      t.sim.unit(() => {
        sendIn(t, app, withId('job'));
        expectDone(t.sim.advance(CLIENTMSGID_WINDOW_MS, app.appid));
        sendIn(t, app, { ...withId('job'), clientmsgid: 'job' });
        sendIn(t, app, withId('other'));
      }),
    );
    expect([...app.clientmsgids]).toEqual([['job', entry]]);
    expect(app.clientmsgids.get('job')).toBe(entry);
    expect(app.message_ids).toEqual([first]);
    expect(t.sim.appNow(app)).toBe(T0 + CLIENTMSGID_WINDOW_MS);
  });

  it('puts back every field the unit changed on an app, and its work count', () => {
    const t = failingSim();
    const app = addApp(t.sim, { tags: TAG_100, limits: { daily_mass_quota: 5 } });
    const msgId = sendIn(t, app);
    t.clock.advance(10);
    const before = fieldsOf(app);
    refused(t, () =>
      t.sim.unit(() => {
        applyAppPatch(t.sim.ctx, app, { speed: 4, fans: 1, tags: [], protection: true, callback_url: 'http://127.0.0.1:9/x', limits: {}, push: { timeout_ms: 1 } });
        expectDone(t.sim.advance(20, app.appid));
      }),
    );
    expect(fieldsOf(app)).toEqual(before);
    expect(app.speed).toBe(0);
    expect(app.offset_ms).toBe(0);
    // The send goes on at the speed it had: due at 75 ms, not later.
    expectDone(t.sim.advance(TAG_MS - 10));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS });
  });

  it('takes back an app it created, and the sends made on it', () => {
    const t = failingSim();
    const apps = [...t.sim.store.apps.keys()];
    let created: App | undefined;
    refused(t, () => {
      created = addApp(t.sim, { appid: 'wxnew', fans: 5 });
    });
    expect(created).toBeUndefined();
    expect([...t.sim.store.apps.keys()]).toEqual(apps);
    refused(t, () =>
      t.sim.unit(() => {
        const app = addApp(t.sim, { appid: 'wxnew', fans: 5, tags: TAG_100 });
        sendIn(t, app);
        sendIn(t, appOf(t.sim, DEFAULT_APPID));
      }),
    );
    expect([...t.sim.store.apps.keys()]).toEqual(apps);
    expect(t.sim.store.messages.size).toBe(0);
    expect(appOf(t.sim, DEFAULT_APPID).message_ids).toEqual([]);
    expect(addApp(t.sim, { appid: 'wxnew' }).appid).toBe('wxnew');
  });

  it('puts back the messages it changed: a failed send is SENDING again, ends on time, and is reported only then', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const msgId = sendIn(t, app);
    const before = messageFields(t.sim, msgId);
    t.clock.advance(10);
    refused(t, () => t.sim.fail(msgId));
    expect(messageFields(t.sim, msgId)).toEqual(before);
    expect(t.finished).toEqual([]);
    expectDone(t.sim.advance(TAG_MS));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS, event_status: EVENT_STATUS.complete });
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('puts back a tick: the sends it ended are SENDING again, indexed, and end at the next tick at the time they were due', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const other = addApp(t.sim, { tags: TAG_100 });
    const mine = sendIn(t, app);
    const theirs = sendIn(t, other);
    t.clock.advance(1000);
    refused(t, () => t.sim.tick());
    expect(messageOf(t.sim, mine)).toMatchObject({ status: 'SENDING', finished_at: undefined, event_status: undefined });
    expect(messageOf(t.sim, theirs).status).toBe('SENDING');
    expect(app.in_flight.sending.size).toBe(1);
    expect(other.in_flight.sending.size).toBe(1);
    expect(t.finished).toEqual([]);
    t.sim.tick();
    expect(messageOf(t.sim, mine)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS });
    expect(messageOf(t.sim, theirs)).toMatchObject({ status: 'SEND_SUCCESS', finished_at: T0 + TAG_MS });
    expect(t.finished.map((m) => m.msg_id)).toEqual([mine, theirs]);
  });

  it('puts back a tick that timed a send out: it waits again, indexed, and times out at the next tick at its deadline', () => {
    const t = failingSim();
    const app = addApp(t.sim, { protection: true });
    const msgId = sendIn(t, app, MPNEWS_TO_ALL);
    t.clock.advance(CONFIRMATION_WINDOW_MS);
    refused(t, () => t.sim.tick());
    expect(messageOf(t.sim, msgId).status).toBe('AWAITING_CONFIRMATION');
    expect([...app.in_flight.awaiting.keys()]).toEqual([msgId]);
    t.sim.tick();
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_FAIL', finished_at: T0 + CONFIRMATION_WINDOW_MS, event_status: EVENT_STATUS.timeout });
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('puts back an approval: the send waits again and times out at its deadline, never SENDING', () => {
    const t = failingSim();
    const app = addApp(t.sim, { protection: true, fans: 80 });
    const msgId = sendIn(t, app, MPNEWS_TO_ALL);
    refused(t, () => t.sim.approve(msgId));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'AWAITING_CONFIRMATION', start_work: undefined });
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.in_flight.awaiting.size).toBe(1);
    expectDone(t.sim.advance(CONFIRMATION_WINDOW_MS));
    expect(messageOf(t.sim, msgId)).toMatchObject({ status: 'SEND_FAIL', event_status: EVENT_STATUS.timeout });
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('puts back a rejection, unreported', () => {
    const t = failingSim();
    const app = addApp(t.sim, { protection: true });
    const msgId = sendIn(t, app, MPNEWS_TO_ALL);
    refused(t, () => t.sim.reject(msgId));
    expect(messageOf(t.sim, msgId).status).toBe('AWAITING_CONFIRMATION');
    expect(t.finished).toEqual([]);
    expect(expectDone(t.sim.reject(msgId)).status).toBe('SEND_FAIL');
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('puts back a push attempt', () => {
    const t = failingSim();
    const message = messageOf(t.sim, sendIn(t, appOf(t.sim, DEFAULT_APPID)));
    refused(t, () => t.sim.recordPush(message, { attempt: 1, outcome: 'ok', status: 200, at: new Date(T0).toISOString(), reply: 'success', duration_ms: 1 }));
    expect(message.pushes).toEqual([]);
  });

  it('puts back the tokens: the new ones are unknown, the previous ones valid and not superseded', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const other = addApp(t.sim);
    const now = () => t.sim.appNow(app);
    const issue = () =>
      t.sim.unit(() => {
        issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(app), now());
        issueStableToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(app), {}, now());
        issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(other), now());
      });
    issue();
    issue();
    const index = new Map(t.sim.store.tokens);
    const [latest, previous] = app.tokens;
    const stable = app.stable;
    refused(t, () =>
      t.sim.unit(() => {
        issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(app), now());
        issueStableToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(app), { force_refresh: true }, now());
        issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(other), now());
      }),
    );
    expect(t.sim.store.tokens).toEqual(index);
    expect(app.tokens).toEqual([latest, previous]);
    expect(app.stable).toBe(stable);
    expect(t.sim.store.tokens.get(latest!.token)).toBe(latest);
    expect(t.sim.store.tokens.get(stable!.token)).toBe(stable);
    const auth = (token: string) => authenticate(t.sim.store, token, t.sim.appNow);
    expect(auth(latest!.token)).toEqual({ ok: true, value: app });
    expect(auth(stable!.token)).toEqual({ ok: true, value: app });
    expect(auth(previous!.token)).toEqual({ ok: true, value: app });
  });

  it('takes back the media_ids and drafts it issued, and keeps those issued before', () => {
    const t = failingSim();
    const app = addApp(t.sim, { media: 'strict' });
    const other = addApp(t.sim, { media: 'strict' });
    const thumb = t.sim.unit(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'thumb', source: 'material' }));
    const kept = expectOk(t.sim.unit(() => addDraft(t.sim.ctx, app, { articles: [{ title: 't', content: 'c', thumb_media_id: thumb.media_id }] }))).media_id;
    let issued: string[] = [];
    refused(t, () =>
      t.sim.unit(() => {
        const image = issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'image', source: 'upload' });
        const voice = issueMedia(t.sim.ctx, other, t.sim.appNow(other), { type: 'voice', source: 'upload' });
        const draft = expectOk(addDraft(t.sim.ctx, app, { articles: [{ title: 't', content: 'c', thumb_media_id: thumb.media_id }] })).media_id;
        issued = [image.media_id, voice.media_id, draft];
      }),
    );
    expect(issued).toHaveLength(3);
    expect([...app.library.keys()]).toEqual([thumb.media_id]);
    expect(other.library.size).toBe(0);
    expect([...app.drafts.keys()]).toEqual([kept]);
    const voiceSend = { msgtype: 'voice', voice: { media_id: issued[1] }, touser: 'openid_000001' };
    expect(t.sim.unit(() => previewMassMsg(t.sim.ctx, other, voiceSend))).toEqual({ ok: false, errcode: 40007 });
  });

  it('puts back the drafts it updated or deleted and the material it deleted, in one unit', () => {
    const t = failingSim();
    const app = addApp(t.sim, { media: 'strict' });
    const thumb = t.sim.unit(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'thumb', source: 'material' }));
    const image = t.sim.unit(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'image', source: 'material' }));
    const article = (title: string) => ({ title, content: 'c', thumb_media_id: thumb.media_id });
    const draft = expectOk(t.sim.unit(() => addDraft(t.sim.ctx, app, { articles: [article('old')] }))).media_id;
    const library = new Map(app.library);
    const drafts = new Map(app.drafts);
    refused(t, () =>
      t.sim.unit(() => {
        expectOk(updateDraft(t.sim.ctx, app, { media_id: draft, index: 0, articles: article('new') }));
        expectOk(deleteDraft(t.sim.ctx, app, { media_id: draft }));
        expectOk(deleteMaterial(t.sim.ctx, app, { media_id: image.media_id }));
      }),
    );
    expect(app.library).toEqual(library);
    expect(app.drafts).toEqual(drafts);
    expect(app.drafts.get(draft)?.articles[0]?.title).toBe('old');
  });

  it('puts back what its tagging calls did, however many, and holds nothing for a tag they alone touched', () => {
    const t = failingSim();
    const app = addApp(t.sim, { fans: 10, tags: [{ id: 100, name: 'a', count: 0 }, { id: 101, name: 'b', count: 0 }] });
    const [x, y, z, w] = openids(app, 4);
    const tag = (openid: string, tagid: number) => expectOk(batchTagging(t.sim.ctx, app, { openid_list: [openid], tagid }));
    t.sim.unit(() => tag(x!, 100));
    const held = () => [...app.taggings].map(([id, { added, removed }]) => [id, [...added], [...removed]]);
    const before = held();
    refused(t, () =>
      t.sim.unit(() => {
        tag(y!, 100);
        tag(z!, 101);
        tag(w!, 101);
        expectOk(batchUntagging(t.sim.ctx, app, { openid_list: [x], tagid: 100 }));
      }),
    );
    expect(held()).toEqual(before);
  });

  it('keeps a material whose deletion it took back in its place among the newest first', () => {
    const t = failingSim();
    const app = addApp(t.sim, { media: 'strict' });
    const voices = [0, 1, 2].map(() => {
      const voice = t.sim.unit(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'voice', source: 'material' })).media_id;
      expectDone(t.sim.advance(1_000, app.appid));
      return voice;
    });
    const listed = () => expectOk(batchGetMaterial(app, { type: 'voice', offset: 0, count: 20 })).item.map((item) => item.media_id);
    refused(t, () => t.sim.unit(() => expectOk(deleteMaterial(t.sim.ctx, app, { media_id: voices[0] }))));
    expect(listed()).toEqual([...voices].reverse());
  });

  it('moves no clock and ends nothing: the global clock moves only once written', () => {
    const t = failingSim();
    const msgId = sendIn(t, appOf(t.sim, DEFAULT_APPID));
    refused(t, () => t.sim.advance(TAG_MS));
    refused(t, () => t.sim.setNow(T0 + TAG_MS));
    expect(t.clock.now()).toBe(T0);
    expect(messageOf(t.sim, msgId).status).toBe('SENDING');
    expect(t.finished).toEqual([]);
    expect(t.disk.refused).toBe(2);
  });

  it('moves no app clock', () => {
    const t = failingSim();
    const app = addApp(t.sim, { tags: TAG_100 });
    const msgId = sendIn(t, app);
    refused(t, () => t.sim.advance(TAG_MS, app.appid));
    expect(app.offset_ms).toBe(0);
    expect(messageOf(t.sim, msgId).status).toBe('SENDING');
  });

  it('forgets nothing on a reset, and restarts no generator', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const other = addApp(t.sim);
    const msgId = sendIn(t, app);
    const random = t.sim.random;
    refused(t, () => t.sim.reset());
    expect(t.disk.refused).toBe(1);
    expect([...t.sim.store.apps.values()]).toEqual([app, other]);
    expect(t.sim.store.messages.has(msgId)).toBe(true);
    expect(t.sim.random).toBe(random);
    refused(t, () => t.sim.reset(app.appid));
    expect(appOf(t.sim, app.appid)).toBe(app);
    expect(t.sim.store.messages.has(msgId)).toBe(true);
    expect(app.message_ids).toEqual([msgId]);
  });

  it('after a reset that was written, leaves the apps out when making them again is not', () => {
    const t = failingSim();
    t.sim.onCommit((set) => {
      // The reset is written; the disk fills before the apps come back.
      if (set.reset) t.disk.full = true;
    });
    expect(() => t.sim.reset()).toThrow(StateWriteError);
    t.disk.full = false;
    expect(t.sim.store.apps.size).toBe(0);
    expect(t.commits.map(touched).map((set) => set.reset)).toEqual([true, false]);
  });

  it('runs nothing the unit left for after the write, and tells no finish listener', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const msgId = sendIn(t, app);
    let ran = 0;
    t.clock.advance(TAG_MS);
    refused(t, () =>
      t.sim.unit(() => {
        t.sim.ctx.changes.clock(T0 + 1, () => void ran++);
        t.sim.ctx.changes.drop(app.appid, () => void ran++);
        t.sim.ctx.changes.reset(() => void ran++);
        t.sim.tick();
      }),
    );
    expect(ran).toBe(0);
    expect(t.finished).toEqual([]);
    expect(messageOf(t.sim, msgId).status).toBe('SENDING');
  });

  it('commits once for nested units, and the outermost throws', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const inner: number[] = [];
    refused(t, () =>
      t.sim.unit(() => {
        inner.push(t.sim.unit(() => sendIn(t, app)));
        inner.push(t.sim.unit(() => sendIn(t, app)));
      }),
    );
    expect(inner).toHaveLength(2);
    expect(t.disk.refused).toBe(1);
    expect(t.sim.store.messages.size).toBe(0);
    expect(app.message_ids).toEqual([]);
  });

  it('is no matter for a unit that changed nothing: it commits nothing and answers', () => {
    const t = failingSim();
    t.disk.full = true;
    expect(t.sim.unit(() => 42)).toBe(42);
    t.sim.tick();
    expect(t.sim.advance(-1).ok).toBe(false);
    expect(t.sim.approve(1).ok).toBe(false);
    expect(t.sim.createApp({ appid: DEFAULT_APPID }).ok).toBe(false);
    expect(t.disk.refused).toBe(0);
    expect(t.commits).toEqual([]);
  });

  it('gives the caller the StateWriteError when the work threw too, and takes back what the work did', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    refused(t, () =>
      t.sim.unit(() => {
        t.sim.ctx.changes.app(app).fans = 1;
        throw new Error('boom');
      }),
    );
    expect(app.fans).not.toBe(1);
  });

  it('leaves nothing pending: the next unit commits its own changes alone', () => {
    const t = failingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    refused(t, () => sendIn(t, app, withId('x')));
    const other = addApp(t.sim);
    expect(touched(t.commits.at(-1))).toEqual(only({ apps: [other], created: [other] }));
    expect(t.commits.at(-1)!.clientMsgIds).toEqual([]);
    expect(t.commits.at(-1)!.messageCounts.size).toBe(0);
  });
});

describe('what waits for the write', () => {
  it('finish listeners hear of a send only once its end is written', () => {
    const t = newSim();
    const msgId = sendIn(t, appOf(t.sim, DEFAULT_APPID));
    const heard: number[] = [];
    t.sim.onCommit(() => heard.push(t.finished.length));
    expectDone(t.sim.advance(TAG_MS));
    // The clock's unit, then the tick's: neither listener call saw the send reported yet.
    expect(heard).toEqual([0, 0]);
    expect(t.finished.map((m) => m.msg_id)).toEqual([msgId]);
  });

  it('the global clock moves after its write, and the tick that ends what is due sees it moved', () => {
    const t = newSim();
    const seen: number[] = [];
    t.sim.onCommit(() => seen.push(t.clock.now()));
    const msgId = sendIn(t, appOf(t.sim, DEFAULT_APPID));
    expectDone(t.sim.advance(TAG_MS));
    expect(seen).toEqual([T0, T0, T0 + TAG_MS]);
    expect(messageOf(t.sim, msgId).finished_at).toBe(T0 + TAG_MS);
  });

  it('a reset forgets after its write', () => {
    const t = newSim();
    const sizes: number[] = [];
    const other = addApp(t.sim);
    t.sim.onCommit(() => sizes.push(t.sim.store.apps.size));
    expectDone(t.sim.reset());
    expect(sizes).toEqual([2, 1]);
    expect(t.sim.store.apps.has(other.appid)).toBe(false);
    const seen: boolean[] = [];
    t.sim.onCommit((set) => {
      if (set.dropped.length > 0) seen.push(t.sim.store.apps.has(DEFAULT_APPID));
    });
    expectDone(t.sim.reset(DEFAULT_APPID));
    expect(seen).toEqual([true]);
  });
});

describe('operations that commit on their own', () => {
  it('a move of the global clock refuses to run inside a unit; a move of one app\'s clock does not', () => {
    const t = newSim();
    expect(() => t.sim.unit(() => t.sim.advance(5))).toThrow('a move of the global clock commits on its own: it cannot run inside a unit of work');
    expect(() => t.sim.unit(() => t.sim.setNow(T0 + 5))).toThrow(/global clock commits on its own/);
    expect(t.clock.now()).toBe(T0);
    expect(t.commits).toEqual([]);
    expectDone(t.sim.unit(() => t.sim.advance(5, DEFAULT_APPID)));
    expect(appOf(t.sim, DEFAULT_APPID).offset_ms).toBe(5);
    // A refused move refuses before it asks.
    expect(t.sim.unit(() => t.sim.advance(-1)).ok).toBe(false);
    // And outside a unit, after one threw, they run.
    expectDone(t.sim.advance(5));
    expect(t.clock.now()).toBe(T0 + 5);
  });
});

describe('units committed and written later (a group commit)', () => {
  /** A simulator whose listener holds each unit's ChangeSet back, as a group commit queues it, unless `writeNow`. */
  function queueingSim() {
    const t = newSim();
    const queued: ChangeSet[] = [];
    const state = { writeNow: false, full: false };
    t.sim.onCommit((set) => {
      if (state.writeNow) {
        if (state.full) throw new QueuedWriteError(new Error('ENOSPC: no space left on device'), queued.splice(0));
        queued.length = 0;
        return;
      }
      queued.push(set);
    });
    return { ...t, queued, state };
  }

  it('undo puts them back newest first: an app touched by each is as before the first', () => {
    const t = queueingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    const before = fieldsOf(app);
    t.sim.unit(() => setSpeed(t.sim.ctx, app, { speed: 1 }));
    const sent = sendIn(t, app, MPNEWS_TO_ALL);
    t.sim.unit(() => setSpeed(t.sim.ctx, app, { speed: 3 }));
    expect(t.queued).toHaveLength(3);
    t.sim.undo(t.queued);
    expect(fieldsOf(app)).toEqual(before);
    expect(app.speed).toBe(0);
    expect(t.sim.store.messages.get(sent)).toBeUndefined();
    expect(app.in_flight.sending.size + app.in_flight.awaiting.size).toBe(0);
  });

  it('a QueuedWriteError rolls back the unit that failed, then the units it names, and nothing else', () => {
    const t = queueingSim();
    const app = appOf(t.sim, DEFAULT_APPID);
    t.sim.unit(() => setSpeed(t.sim.ctx, app, { speed: 2 }));
    t.queued.length = 0; // written
    t.sim.unit(() => setSpeed(t.sim.ctx, app, { speed: 1 }));
    const token = t.sim.unit(() => issueAccessToken(t.sim.store, t.sim.random, t.sim.ctx.changes.app(app), t.sim.appNow(app))).access_token;
    t.state.writeNow = true;
    t.state.full = true;
    let error: unknown;
    try {
      t.sim.unit(() => setSpeed(t.sim.ctx, app, { speed: 4 }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StateWriteError);
    expect((error as StateWriteError).cause).toEqual(new Error('ENOSPC: no space left on device'));
    expect(new QueuedWriteError(new Error('EIO'), []).name).toBe('QueuedWriteError');
    // Rolled back in the other order, the speed would be 1, the queued unit's.
    expect(app.speed).toBe(2);
    expect(authenticate(t.sim.store, token, t.sim.appNow).ok).toBe(false);
    expect(t.queued).toEqual([]);
  });
});
