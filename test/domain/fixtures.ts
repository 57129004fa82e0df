/**
 * The one place the domain tests build stores, apps and messages. When store.ts changes its shapes,
 * this file is the one to fix. Only this file imports from store.ts.
 *
 * Apps and messages come out Recorded (writable), taken through a Changes of their own as the
 * simulator takes them, so a test can hand them to the writers and set up state on them.
 */
import { Changes } from '../../mock/domain/changes.js';
import type { MessageTable } from '../../mock/domain/message-table.js';
import { createRandom, type Random } from '../../mock/domain/random.js';
import {
  DEFAULT_PROTECTION_CODES,
  DEFAULT_PUSH,
  REALSPEED,
  copyMessage,
  createAppState,
  createStore,
  type App,
  type AppSettings,
  type Draft,
  type MassMessage,
  type Media,
  type Recorded,
  type SpeedLevel,
  type Store,
  type TokenRecord,
} from '../../mock/domain/store.js';

export type { App, AppSettings, Draft, MassMessage, Media, Recorded, SpeedLevel, Store, TokenRecord };
export { DEFAULT_PROTECTION_CODES, DEFAULT_PUSH, copyMessage };

/** 2026-11-22T00:00:00Z: app time in these tests starts here. */
export const T0 = Date.UTC(2026, 10, 22);

/** Work units an app at `speed` does each ms (realspeed R 万/min is R units a ms). */
export function unitsPerMs(speed: SpeedLevel): number {
  return REALSPEED[speed];
}

export function newStore(...apps: App[]): Store {
  const store = createStore(createRandom(1));
  for (const app of apps) store.apps.set(app.appid, app);
  return store;
}

export function appSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  return {
    appid: 'wxtest00000000001',
    secret: 'test-secret',
    fans: 1000,
    tags: [],
    protection: false,
    callback_url: null,
    callback_token: null,
    encoding_aes_key: null,
    limits: {},
    push: { ...DEFAULT_PUSH },
    account_type: 'service',
    dedupe_without_clientmsgid: true,
    protection_codes: { ...DEFAULT_PROTECTION_CODES, operations: [...DEFAULT_PROTECTION_CODES.operations] },
    media: 'strict',
    ...overrides,
  };
}

export interface AppState {
  speed?: SpeedLevel;
  /** App time the work count was last counted at; defaults to T0, so work starts there. */
  work_at?: number;
  work_base?: number;
  offset_ms?: number;
}

/** An app as createAppState makes it, its work counted from T0 unless `state` says otherwise; recorded. */
export function newApp(settings: Partial<AppSettings> = {}, state: AppState = {}, random: Random = createRandom(1)): Recorded<App> {
  const app = new Changes().app(createAppState(appSettings(settings), random));
  app.speed = state.speed ?? 0;
  app.work_at = state.work_at ?? T0;
  app.work_base = state.work_base ?? 0;
  app.offset_ms = state.offset_ms ?? 0;
  return app;
}

let nextMsgId = 3_000_000_001;

/** A send of `app`'s, SENDING to 1000 fans from T0 unless `fields` says otherwise; recorded, not in any store. */
export function newMessage(app: App, fields: Partial<MassMessage> = {}): Recorded<MassMessage> {
  return new Changes().message({
    msg_id: nextMsgId++,
    msg_data_id: undefined,
    appid: app.appid,
    msgtype: 'text',
    articles: 1,
    deleted_articles: [],
    audience: 1000,
    created_at: T0,
    status: 'SENDING',
    start_work: undefined,
    finished_at: undefined,
    event_status: undefined,
    pushes: [],
    ...fields,
  });
}

/** newMessage's send, stored in `messages` as a send is: what comes back reads and writes its row there; recorded. */
export function storedMessage(messages: MessageTable, app: App, fields: Partial<MassMessage> = {}): Recorded<MassMessage> {
  return new Changes().message(messages.set(newMessage(app, fields)));
}

/** A Random whose token() answers `tokens` in turn (then the seeded ones); the rest is seeded. */
export function randomWithTokens(tokens: string[], seed = 1): Random {
  const seeded = createRandom(seed);
  const queue = [...tokens];
  return {
    seed,
    rid: (nowMs) => seeded.rid(nowMs),
    token: () => queue.shift() ?? seeded.token(),
    mediaId: (length) => seeded.mediaId(length),
    hex: (length) => seeded.hex(length),
    int: (min, max) => seeded.int(min, max),
  };
}

/** An article as draft/add keeps it, `title` unless given. */
export function article(title = 'Hello', thumb_media_id = 'thumb-1') {
  return { title, author: '', digest: '', content: '<p>Hi</p>', content_source_url: '', thumb_media_id };
}

/**
 * Media `app` holds, put into its library as an upload would (recorded through a Changes of its own):
 * a temporary upload of `type` issued at T0 and expiring 3 days later unless `fields` says otherwise.
 */
export function addMedia(app: App, media_id: string, fields: Partial<Omit<Media, 'media_id'>> = {}): Media {
  const media: Media = { media_id, type: 'image', source: 'upload', created_at: T0, expires_at: T0 + 3 * 86_400_000, ...fields };
  new Changes().media(app, media);
  return media;
}

/** A draft in `app`'s draft box with `articles` articles. */
export function addDraft(app: App, media_id: string, articles = 1): Draft {
  const draft: Draft = { media_id, created_at: T0, articles: Array.from({ length: articles }, (_, i) => article(`article ${i + 1}`)) };
  new Changes().draft(app, draft);
  return draft;
}

/**
 * The bytes `owner` keeps in typed arrays of its own: the memory outside the V8 heap that the
 * message table's parts size by hand (a byte a row, room given back). Those arrays are private, so
 * they are found by type, not by name.
 */
export function bytesHeld(owner: object): number {
  return Object.values(owner).reduce((sum: number, value: unknown) => sum + (ArrayBuffer.isView(value) ? value.byteLength : 0), 0);
}
