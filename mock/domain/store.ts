/**
 * The simulator's state: apps are tenants keyed by appid, each with its own speed, clock offset,
 * tokens, audience and messages. Plain data, no HTTP; every rule module takes a Store.
 */
import { MinHeap } from './min-heap.js';
import type { Random } from './random.js';

export type SpeedLevel = 0 | 1 | 2 | 3 | 4;

/** realspeed in 万 (10,000) messages a minute for speed 0..4 (the doc's table, not its example). */
export const REALSPEED = [80, 60, 45, 30, 10] as const;

export interface Tag {
  id: number;
  name: string;
  /** Fans carrying the tag: the audience of a send to it. */
  count: number;
}

export interface Limits {
  /** Successful sendAll/massSend calls a day before 45028. */
  daily_mass_quota?: number;
  /** API calls a day before 45009. */
  daily_api_quota?: number;
  /** API calls a minute before 45011. */
  per_minute?: number;
}

export interface PushOptions {
  /** How long a callback may take before the attempt counts as failed (WeChat: 5 s). */
  timeout_ms: number;
  /** Pause between attempts. */
  retry_delay_ms: number;
}

/** What a user can set when creating an app (POST /__mock/apps, --config). */
export interface AppSettings {
  appid: string;
  secret: string;
  fans: number;
  tags: Tag[];
  /** API mass-send protection: a send to all waits for the administrator. */
  protection: boolean;
  callback_url: string | null;
  callback_token: string | null;
  encoding_aes_key: string | null;
  limits: Limits;
  push: PushOptions;
}

export type MessageStatus = 'AWAITING_CONFIRMATION' | 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

export interface MassMessage {
  msg_id: number;
  /** Present for mpnews, as WeChat sends it. */
  msg_data_id: number | undefined;
  appid: string;
  msgtype: string;
  /** TotalCount: the fans the send targets. */
  audience: number;
  /** App time of the send, ms. */
  created_at: number;
  status: MessageStatus;
  /**
   * The app's work count (see App.work_base) when the send started SENDING; undefined until then.
   * It ends once the count reaches start_work + audience × WORK_PER_MESSAGE, whatever the speeds between.
   */
  start_work: number | undefined;
  /** App time the send ended (success, fail or timeout), ms. */
  finished_at: number | undefined;
  /** The event's Status: `send success`, `send fail` or `err(N)`. */
  event_status: string | undefined;
  /** Each attempt to push this send's MASSSENDJOBFINISH event, oldest first; empty without a callback URL. */
  pushes: PushRecord[];
}

/** One attempt to deliver an event push, as the state shows it (no query, body or secrets). */
export interface PushRecord {
  /** 1 for the first try, up to 4 (one attempt and 3 retries). */
  attempt: number;
  /** ok: the handler answered `success` or nothing; anything else leads to a retry. */
  outcome: 'ok' | 'bad_reply' | 'http_error' | 'timeout' | 'network_error';
  /** HTTP status, when the handler answered at all. */
  status?: number;
  /** Mock time the attempt was signed at, ISO. */
  at: string;
  /** The handler's reply, cut to 200 characters. */
  reply?: string;
  /** Why a timeout or network error happened. */
  error?: string;
  /** Real ms the attempt took. */
  duration_ms: number;
}

export interface TokenRecord {
  token: string;
  appid: string;
  /** App time after which the token answers 42001, ms. */
  expires_at: number;
  /** Replaced by a newer token: after `expires_at` it answers 40001 ("not latest"), not 42001. */
  superseded: boolean;
}

/** Counters for the per-app limits, in app time. */
export interface Usage {
  day: number;
  api_calls: number;
  mass_sends: number;
  minute: number;
  minute_calls: number;
}

/** An app's sends still waiting or sending, indexed by when they end (in-flight.ts keeps it). */
export interface InFlight {
  /**
   * SENDING sends keyed by the work count at which they end (start_work + audience units), which no
   * speed change moves; entries of sends that ended otherwise (failed, or settled when read) stay
   * until popped, and are skipped then.
   */
  sending: MinHeap<MassMessage>;
  /**
   * Sends waiting for the administrator, in creation order, which is also the order they time out
   * in (app time only moves forward); maps each to its seq. Entries that stopped waiting are skipped.
   */
  awaiting: Map<MassMessage, number>;
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
  original_id: string;
  speed: SpeedLevel;
  /**
   * Work the app has done sending, in units of 1/WORK_PER_MESSAGE message, counted at `work_at`;
   * after that it grows by REALSPEED[speed] units a ms. A speed change moves both to the moment of
   * the change, so one O(1) update applies the new speed to every send in flight.
   */
  work_base: number;
  /** App time `work_base` was counted at, ms. */
  work_at: number;
  /** This app's clock offset on top of the global clock, ms (≥ 0). */
  offset_ms: number;
  /** msg_ids of this app's sends, oldest first. */
  message_ids: number[];
  /** The sends still waiting or sending, indexed by when they end: the only ones the lifecycle has to look at. */
  in_flight: InFlight;
  /** maps clientmsgid to the send it created and when. */
  clientmsgids: Map<string, { msg_id: number; at: number }>;
  /** The latest and the previous /cgi-bin/token tokens. */
  tokens: TokenRecord[];
  /** The current stable_token token. */
  stable: TokenRecord | undefined;
  usage: Usage;
}

export interface Store {
  /** maps appid to its app. */
  apps: Map<string, App>;
  /** maps access_token to its record (both kinds). */
  tokens: Map<string, TokenRecord>;
  /** maps msg_id to its message, for every app (msg_ids are unique across apps). */
  messages: Map<number, MassMessage>;
  /** Ids handed out by preview, kept only so that no send reuses one. */
  preview_ids: Set<number>;
}

export function createStore(): Store {
  return { apps: new Map(), tokens: new Map(), messages: new Map(), preview_ids: new Set() };
}

export const DEFAULT_PUSH: PushOptions = { timeout_ms: 5000, retry_delay_ms: 1000 };

export function createAppState(settings: AppSettings, random: Random): App {
  return {
    ...settings,
    tags: settings.tags.map((tag) => ({ ...tag })),
    limits: { ...settings.limits },
    push: { ...settings.push },
    original_id: `gh_${random.hex(12)}`,
    speed: 0,
    work_base: 0,
    work_at: 0,
    offset_ms: 0,
    message_ids: [],
    in_flight: createInFlight(),
    clientmsgids: new Map(),
    tokens: [],
    stable: undefined,
    usage: { day: -1, api_calls: 0, mass_sends: 0, minute: -1, minute_calls: 0 },
  };
}

export function isIdTaken(store: Store, id: number): boolean {
  return store.messages.has(id) || store.preview_ids.has(id);
}
