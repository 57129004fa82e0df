/**
 * The simulator's state: apps are tenants keyed by appid, each with its own speed, clock offset,
 * tokens, audience and messages. Plain data, no HTTP; every rule module takes a Store.
 */
import { startIdSequences, type IdSequences } from './ids.js';
import { MessageTable } from './message-table.js';
import { MinHeap } from './min-heap.js';
import type { Random } from './random.js';

import type { components } from '../generated/control.js';

export type SpeedLevel = 0 | 1 | 2 | 3 | 4;

/** realspeed in 万 (10,000) messages a minute for speed 0..4 (the doc's table, not its example). */
export const REALSPEED = [80, 60, 45, 30, 10] as const;

/** A tag and the fans carrying it (the audience of a send to it). */
export type Tag = components['schemas']['Tag'];
/** The per-app limits, each off unless set (limits.ts). */
export type Limits = components['schemas']['Limits'];
/** How event pushes are timed: both always set on a stored app. */
export type PushOptions = Required<components['schemas']['PushOptions']>;
export type AccountType = components['schemas']['AccountType'];
/** Which calls answer 8950x while a send awaits the administrator, and when 89505 becomes 89504. */
export type ProtectionCodes = Required<components['schemas']['ProtectionCodes']>;
/** One attempt to deliver an event push, as the state shows it (no query, body or secrets). */
export type PushRecord = components['schemas']['PushAttemptView'];
/** Whether sends take only the media_ids the app holds (strict) or any non-empty string (any). */
export type MediaPolicy = components['schemas']['MediaPolicy'];

declare const recorded: unique symbol;

/**
 * An entity taken for writing through Changes (changes.ts), the only way to get one: its fields are
 * writable only then, so a rule that changes state without recording it is a type error.
 */
export type Recorded<T> = { -readonly [K in keyof T]: T[K] } & { readonly [recorded]: true };

/** What a user can set when creating an app (POST /__mock/apps, --config). */
export interface AppSettings {
  readonly appid: string;
  readonly secret: string;
  readonly fans: number;
  readonly tags: readonly Tag[];
  /** API mass-send protection: a send to all waits for the administrator. */
  readonly protection: boolean;
  readonly callback_url: string | null;
  readonly callback_token: string | null;
  readonly encoding_aes_key: string | null;
  readonly limits: Readonly<Limits>;
  readonly push: Readonly<PushOptions>;
  readonly account_type: AccountType;
  /** A send without clientmsgid is deduplicated by the digest of its scope and content. */
  readonly dedupe_without_clientmsgid: boolean;
  readonly protection_codes: Readonly<ProtectionCodes>;
  readonly media: MediaPolicy;
}

/** What an uploaded file leaves behind: its name, size and digest, never its bytes. */
export interface FileRecord {
  readonly filename: string;
  readonly size: number;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
}

/** What a media_id names: an upload's or material's own type, news (drafts, uploadnews) or mpvideo (uploadvideo). */
export type MediaType = 'image' | 'voice' | 'video' | 'thumb' | 'news' | 'mpvideo';

/** The call that issued a media_id: material is permanent, the others expire. */
export type MediaSource = 'upload' | 'material' | 'uploadnews' | 'uploadvideo';

/** An article of a draft or of uploadnews, as given (show_cover_pic is accepted, not kept). */
export interface Article {
  readonly title: string;
  readonly author: string;
  readonly digest: string;
  /** The article's HTML. */
  readonly content: string;
  readonly content_source_url: string;
  readonly thumb_media_id: string;
  /** The comment switches, 0 or 1; absent on articles kept before they were (read as 0). */
  readonly need_open_comment?: 0 | 1;
  readonly only_fans_can_comment?: 0 | 1;
}

/** A media_id an app was issued by an upload, add_material, uploadnews or uploadvideo; never changed once made (material can be deleted). */
export interface Media {
  readonly media_id: string;
  readonly type: MediaType;
  readonly source: MediaSource;
  /** App time it was issued, ms. */
  readonly created_at: number;
  /** App time from which it is no longer accepted, ms; undefined for permanent material. */
  readonly expires_at: number | undefined;
  /** upload, material: the file. */
  readonly file?: FileRecord;
  /** A permanent image's address, as add_material answers it. */
  readonly url?: string;
  /** A video material's title and introduction, or an uploadvideo's title and description. */
  readonly title?: string;
  readonly description?: string;
  /** uploadnews: its articles. */
  readonly articles?: readonly Article[];
  /** uploadvideo: the video upload it made sendable. */
  readonly video_media_id?: string;
}

/** A draft in the app's draft box: its media_id is what an mpnews send takes. draft/update replaces it whole. */
export interface Draft {
  readonly media_id: string;
  /** App time it was added, ms; undefined for the default draft every app has from the start. */
  readonly created_at: number | undefined;
  /** App time of its last draft/update, ms; absent until then. */
  readonly updated_at?: number;
  readonly articles: readonly Article[];
}

export type MessageStatus = 'AWAITING_CONFIRMATION' | 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

export interface MassMessage {
  readonly msg_id: number;
  /** Present for mpnews, as WeChat sends it. */
  readonly msg_data_id: number | undefined;
  readonly appid: string;
  readonly msgtype: string;
  /** How many articles the send's news has (its draft's or uploadnews'); 1 for any other type. */
  readonly articles: number;
  /** The articles deleted one by one (1-based article_idx), oldest first; the send is DELETE once all are. */
  readonly deleted_articles: readonly number[];
  /** TotalCount: the fans the send targets. */
  readonly audience: number;
  /** App time of the send, ms. */
  readonly created_at: number;
  readonly status: MessageStatus;
  /**
   * The app's work count (see App.work_base) when the send started SENDING; undefined until then.
   * It ends once the count reaches start_work + audience × WORK_PER_MESSAGE, whatever the speeds between.
   */
  readonly start_work: number | undefined;
  /** App time the send ended (success, fail or timeout), ms. */
  readonly finished_at: number | undefined;
  /** The event's Status: `send success`, `send fail` or `err(N)`. */
  readonly event_status: string | undefined;
  /** Each attempt to push this send's MASSSENDJOBFINISH event, oldest first; empty without a callback URL. */
  readonly pushes: readonly PushRecord[];
}

/** `message`'s fields as a plain object, in the order the state file writes them (its lists shared, not copied). */
export function copyMessage(message: MassMessage): MassMessage {
  return {
    msg_id: message.msg_id,
    msg_data_id: message.msg_data_id,
    appid: message.appid,
    msgtype: message.msgtype,
    articles: message.articles,
    deleted_articles: message.deleted_articles,
    audience: message.audience,
    created_at: message.created_at,
    status: message.status,
    start_work: message.start_work,
    finished_at: message.finished_at,
    event_status: message.event_status,
    pushes: message.pushes,
  };
}

export interface TokenRecord {
  readonly token: string;
  readonly appid: string;
  /** App time after which the token answers 42001, ms. */
  readonly expires_at: number;
  /** Replaced by a newer token: after `expires_at` it answers 40001 ("not latest"), not 42001. */
  readonly superseded: boolean;
}

/** The send a clientmsgid created, and the app time it was sent. */
export interface ClientMsgIdEntry {
  readonly msg_id: number;
  readonly at: number;
}

/**
 * What explicit tagging changed of one tag's members, beyond the fans its count gives it
 * (audience.ts): fans tagged on top, and fans of the count untagged. Only what the tagging calls
 * touched is held, so a tag of 10,000,000 fans costs what a tag of 10 does.
 */
export interface TagMembers {
  readonly added: Set<number>;
  readonly removed: Set<number>;
}

/** Counters for the per-app limits, in app time. */
export interface Usage {
  readonly day: number;
  readonly api_calls: number;
  readonly mass_sends: number;
  readonly minute: number;
  readonly minute_calls: number;
}

/** An app's sends still waiting or sending, by msg_id, indexed by when they end (in-flight.ts keeps it). */
export interface InFlight {
  /**
   * SENDING sends keyed by the work count at which they end (start_work + audience units), which no
   * speed change moves; entries of sends that ended otherwise (failed, or settled when read) stay
   * until popped, and are skipped then.
   */
  sending: MinHeap;
  /**
   * Sends waiting for the administrator, in creation order, which is also the order they time out
   * in (app time only moves forward); maps each msg_id to its seq. Entries that stopped waiting are skipped.
   */
  awaiting: Map<number, number>;
  /**
   * The next send's seq: sends ending in the same tick end in creation order, so their events (and
   * the seeded draws each makes) come in that order.
   */
  next_seq: number;
}

export function createInFlight(): InFlight {
  return { sending: new MinHeap(), awaiting: new Map(), next_seq: 0 };
}

export interface App extends AppSettings {
  /** The account's original id, `gh_` + 12 hex: the ToUserName of its events. */
  readonly original_id: string;
  readonly speed: SpeedLevel;
  /**
   * Work the app has done sending, in units of 1/WORK_PER_MESSAGE message, counted at `work_at`;
   * after that it grows by REALSPEED[speed] units a ms. A speed change moves both to the moment of
   * the change, so one O(1) update applies the new speed to every send in flight.
   */
  readonly work_base: number;
  /** App time `work_base` was counted at, ms. */
  readonly work_at: number;
  /** This app's clock offset on top of the global clock, ms (≥ 0). */
  readonly offset_ms: number;
  /** msg_ids of this app's sends, oldest first (rebuilt from the messages on restore, so not recorded). */
  readonly message_ids: number[];
  /** The sends still waiting or sending, indexed by when they end: the only ones the lifecycle has to look at. */
  readonly in_flight: InFlight;
  /** maps clientmsgid to the send it created and when; it changes only through Changes.clientMsgId. */
  readonly clientmsgids: ReadonlyMap<string, ClientMsgIdEntry>;
  /** maps media_id to what an upload, add_material, uploadnews or uploadvideo issued; it changes only through Changes (media, deleteMedia). */
  readonly library: ReadonlyMap<string, Media>;
  /** maps media_id to a draft added with draft/add (the default draft is not kept here); it changes only through Changes (draft, deleteDraft). */
  readonly drafts: ReadonlyMap<string, Draft>;
  /** The latest and the previous /cgi-bin/token tokens. */
  readonly tokens: readonly TokenRecord[];
  /** The current stable_token token. */
  readonly stable: TokenRecord | undefined;
  /** The stable token it replaced in its last 5 minutes: valid until its own expiry. */
  readonly stable_previous?: TokenRecord | undefined;
  /** App time of the last force_refresh that rotated the stable token. */
  readonly stable_forced_at?: number | undefined;
  readonly usage: Usage;
  /** The id createTag gives next: ids are never reused, as WeChat's are not. */
  readonly next_tag_id: number;
  /** maps a tag id to what tagging changed of its members; it changes only through Changes.members. */
  readonly taggings: ReadonlyMap<number, TagMembers>;
}

export interface Store {
  /** maps appid to its app. */
  apps: Map<string, App>;
  /** maps access_token to its record (both kinds). */
  tokens: Map<string, TokenRecord>;
  /** Every app's messages by msg_id (msg_ids are unique across apps). */
  messages: MessageTable;
  /** The last msg_id and msg_data_id handed out (sends and previews share the msg_ids). */
  ids: IdSequences;
}

export function createStore(random: Random): Store {
  return { apps: new Map(), tokens: new Map(), messages: new MessageTable(), ids: startIdSequences(random) };
}

export const DEFAULT_PUSH: PushOptions = { timeout_ms: 5000, retry_delay_ms: 1000 };

/** The mock's choice where the docs are silent: both calls answer 8950x, 89505 for the first minute. */
export const DEFAULT_PROTECTION_CODES: ProtectionCodes = { operations: ['massmsgget', 'setSpeed'], switch_after_ms: 60_000 };

/** `settings` with copies of its nested parts, so the copy and the original never share an object. */
export function copySettings(settings: AppSettings): AppSettings {
  return {
    ...settings,
    tags: settings.tags.map((tag) => ({ ...tag })),
    limits: { ...settings.limits },
    push: { ...settings.push },
    protection_codes: { ...settings.protection_codes, operations: [...settings.protection_codes.operations] },
  };
}

export function createAppState(settings: AppSettings, random: Random): App {
  return {
    ...copySettings(settings),
    original_id: `gh_${random.hex(12)}`,
    speed: 0,
    work_base: 0,
    work_at: 0,
    offset_ms: 0,
    message_ids: [],
    in_flight: createInFlight(),
    clientmsgids: new Map(),
    library: new Map(),
    drafts: new Map(),
    tokens: [],
    stable: undefined,
    usage: { day: -1, api_calls: 0, mass_sends: 0, minute: -1, minute_calls: 0 },
    next_tag_id: nextTagIdAfter(settings.tags),
    taggings: new Map(),
  };
}

/** Created tags get ids from 100 up; 0, 1 and 2 are WeChat's own. */
export const FIRST_CREATED_TAG_ID = 100;

/** The id createTag gives next: past `current` and every id already held. */
export function nextTagIdAfter(tags: readonly Tag[], current = FIRST_CREATED_TAG_ID): number {
  return tags.reduce((next, tag) => Math.max(next, tag.id + 1), current);
}
