/**
 * Set-up for the tests of the simulator and the rules it runs (changes, simulator, sends,
 * update-app, store): a simulator on a manual clock at T0 with a fixed seed, every ChangeSet it
 * commits kept in order, and small helpers for results and sends. No HTTP.
 */
import { expect } from 'vitest';
import { DEFAULT_APP, type AppInput } from '../../mock/domain/app-settings.js';
import type { ChangeSet } from '../../mock/domain/changes.js';
import { createClock, type Clock } from '../../mock/domain/clock.js';
import type { ControlResult } from '../../mock/domain/control-result.js';
import { WX_ERRORS, type WxErrcode } from '../../mock/domain/errors.js';
import type { Body } from '../../mock/domain/loose.js';
import type { Result } from '../../mock/domain/result.js';
import { openidCodec } from '../../mock/domain/openid-codec.js';
import { createSimulator, type Simulator } from '../../mock/domain/simulator.js';
import { copyMessage, type App, type MassMessage } from '../../mock/domain/store.js';

/** 2026-11-22T00:00:00Z: global mock time in these tests starts here. */
export const T0 = Date.UTC(2026, 10, 22);
export const SEED = 7;

export interface TestSim {
  sim: Simulator;
  clock: Clock;
  /** Every ChangeSet committed since the simulator was created (its start-up unit excluded). */
  commits: ChangeSet[];
  /** Messages whose send ended, in the order onFinish reported them. */
  finished: MassMessage[];
}

/**
 * A simulator on a manual clock at `start` (T0). These tests are about sending, not about media: under
 * `media: 'any'` (the default here) the start-up apps, the default one included, take any media_id, as
 * an app created with the media policy "any" does; `media: 'strict'` hands `apps` to the simulator as
 * they are (media.test.ts and content.test.ts test the strict policy).
 */
export function newSim(options: { apps?: AppInput[]; seed?: number; start?: number; media?: 'strict' | 'any' } = {}): TestSim {
  const clock = createClock({ mode: 'manual', start: options.start ?? T0 });
  const sim = createSimulator({ clock, seed: options.seed ?? SEED, apps: startApps(options.apps, options.media ?? 'any') });
  const commits: ChangeSet[] = [];
  const finished: MassMessage[] = [];
  sim.onCommit((changes) => commits.push(changes));
  sim.onFinish((message) => finished.push(message));
  return { sim, clock, commits, finished };
}

function startApps(apps: AppInput[] | undefined, media: 'strict' | 'any'): AppInput[] | undefined {
  if (media === 'strict') return apps;
  const given = (apps ?? []).map((app) => ({ media, ...app }));
  return given.some((app) => app.appid === DEFAULT_APP.appid) ? given : [{ ...DEFAULT_APP, media }, ...given];
}

/**
 * A ChangeSet as the tests compare it: what it touched, in order, without the copies the entities
 * had before the unit (`created` lists the apps and the msg_ids of the messages the unit made).
 */
export interface Touched {
  reset: boolean;
  dropped: string[];
  clock: number | undefined;
  apps: App[];
  /** msg_ids. */
  messages: number[];
  created: (App | number)[];
}

export function touched(set: ChangeSet | undefined): Touched {
  if (!set) throw new Error('no ChangeSet');
  const created = [...set.apps, ...set.messages].filter(([, before]) => before === 'created').map(([entity]) => entity);
  return { reset: set.reset, dropped: set.dropped, clock: set.clock, apps: [...set.apps.keys()], messages: [...set.messages.keys()], created };
}

/** What a unit that changed only `fields` touched. */
export function only(fields: Partial<Touched>): Touched {
  return { reset: false, dropped: [], clock: undefined, apps: [], messages: [], created: [], ...fields };
}

/** The value of a successful rule result; fails the test otherwise. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got errcode ${result.errcode} (${WX_ERRORS[result.errcode].text})`);
  return result.value;
}

/** Asserts a WeChat error from the catalog (the code is typed against it; nothing re-types its text). */
export function expectFail(result: Result<unknown>, errcode: WxErrcode, msg_id?: number): void {
  expect(WX_ERRORS[errcode]).toBeDefined();
  expect(result).toEqual(msg_id === undefined ? { ok: false, errcode } : { ok: false, errcode, msg_id });
}

export function expectDone<T>(result: ControlResult<T>): T {
  if (!result.ok) throw new Error(`expected done, got ${result.error}: ${result.message}`);
  return result.value;
}

/** A new app on `sim`, made through createApp (appid and secret generated unless given; media "any" unless given). */
export function addApp(sim: Simulator, input: AppInput = {}): App {
  return expectDone(sim.createApp({ media: 'any', ...input }));
}

export function messageOf(sim: Simulator, msgId: number): MassMessage {
  const message = sim.store.messages.get(msgId);
  if (!message) throw new Error(`no message ${msgId}`);
  return message;
}

/** The fields of the message `msgId` as they are now, as a plain object (messageOf reads them live). */
export function messageFields(sim: Simulator, msgId: number): MassMessage {
  return copyMessage(messageOf(sim, msgId));
}

export function appOf(sim: Simulator, appid: string): App {
  const app = sim.store.apps.get(appid);
  if (!app) throw new Error(`no app ${appid}`);
  return app;
}

/** WeChat's own tag 2, 星标组, which every app holds first (count 0 unless its settings give one). */
export const STAR_TAG = { id: 2, name: '星标组', count: 0 };

/** An mpnews send to every fan. */
export const MPNEWS_TO_ALL: Body = { msgtype: 'mpnews', mpnews: { media_id: 'media-1' }, filter: { is_to_all: true }, send_ignore_reprint: 0 };
/** A text send to a tag, `tag_id` 100 unless given. */
export function textToTag(tag_id: unknown = 100): Body {
  return { msgtype: 'text', text: { content: 'hello' }, filter: { is_to_all: false, tag_id } };
}
/** A text send to an openid list. */
export function textTo(touser: unknown): Body {
  return { msgtype: 'text', text: { content: 'hello' }, touser };
}
/**
 * The openids of `app`'s first `n` followers (fans 0 to n - 1), derived as the domain derives them
 * (openid-codec.ts): mass/send takes only the app's own followers.
 */
export function openids(app: App, n: number): string[] {
  return openidCodec(app).encode(Array.from({ length: n }, (_, i) => i));
}

let serial = 0;
/**
 * `body` with content no other send of the test had (its text or media_id numbered), so that the
 * dedupe of sends without clientmsgid (send-digest.ts) does not refuse a send repeated on purpose.
 */
export function distinct(body: Body): Body {
  const msgtype = String(body.msgtype);
  const payload = body[msgtype] as Record<string, unknown>;
  serial += 1;
  const changed = 'content' in payload ? { ...payload, content: `${String(payload.content)} #${serial}` } : { ...payload, media_id: `${String(payload.media_id)}-${serial}` };
  return { ...body, [msgtype]: changed };
}
