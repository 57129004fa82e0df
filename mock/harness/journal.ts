/**
 * The request journal: a bounded ring of what reached /cgi-bin ("in"), what the mock pushed ("out")
 * and what intercept mode's proxy refused to reach ("refused"), oldest dropped first. Recording is on
 * the hot path, so an entry keeps the query and the body as the texts they arrived as; the one way
 * out of the ring, `Columns.view`, parses and redacts them (once: the ring keeps the result), so
 * nothing that reads the journal can see a secret.
 */
import type { components } from '../generated/control.js';
import { exceedsJsonDepth } from '../http/json-depth.js';

export type JournalEntry = components['schemas']['JournalEntry'];
export type JournalFilter = components['schemas']['JournalFilter'];

export type JournalDirection = 'in' | 'out' | 'refused';

/** What `record` takes: one request or push, as it went over the wire. */
export interface JournalRecord {
  direction: JournalDirection;
  /** The operationId (or, for pushes, a name such as MASSSENDJOBFINISH); null when none applies. */
  operation: string | null;
  appid: string | null;
  method: string;
  /** The URL path, without the query; for a refusal, the `host:port` the client asked for. */
  path: string;
  /** The host a proxied request asked for (intercept mode), or the host refused. */
  host?: string;
  /** The raw query string (without '?') or its parameters. */
  query?: string | Readonly<Record<string, string>>;
  /** The body's text as sent; JSON is shown parsed when the journal is read. */
  body?: string;
  /** The errcode answered; null (or absent) when no WeChat body was sent. */
  errcode?: number | null;
  /** The HTTP status when not 200; null when no answer came (a reset, a push that timed out). */
  status?: number | null;
  /** The id of the fault that shaped the answer. */
  fault?: string;
  /** Mock time, epoch ms; default: the app's time (the global clock when appid is null). */
  time?: number;
}

export interface Journal {
  /** The bound; 0 records nothing. */
  readonly limit: number;
  record(entry: JournalRecord): void;
  /** The entries matching `filter` (since: an ISO time, already checked), oldest first. */
  list(filter?: { operation?: string; appid?: string; since?: number; direction?: JournalDirection }): JournalEntry[];
  /** Entries dropped for the bound since the journal was last emptied. */
  readonly dropped: number;
  /** Empties the journal, or removes `appid`'s entries; answers how many went. */
  clear(appid?: string): number;
}

export const DEFAULT_JOURNAL_LIMIT = 10_000;
/** Bodies longer than this many characters are kept as their cut text, never parsed. */
export const JOURNAL_BODY_LIMIT = 64 * 1024;
export const REDACTED = '[redacted]';

/** Keys whose values never enter the journal (compared in lower case). */
const SECRET_KEYS = new Set(['access_token', 'secret', 'appsecret', 'token', 'callback_token', 'encoding_aes_key', 'encodingaeskey']);
/** A body that matches may carry a secret (a \u escape can spell a key), so it is parsed and redacted before it is shown. */
const MAY_HIDE_SECRET = /token|secret|aes_?key|\\u/i;
/** For text that is not JSON: a secret key followed by its value. */
const SECRET_IN_TEXT = /((?:access_token|appsecret|secret|callback_token|token|encoding_?aes_?key)["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^&\s,;}<]*)/gi;

function redactQuery(query: JournalRecord['query']): Record<string, string> {
  if (query === undefined || query === '') return {};
  const out: Record<string, string> = {};
  const entries = typeof query === 'string' ? new URLSearchParams(query) : Object.entries(query);
  for (const [key, value] of entries) out[key] = value !== '' && SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : value;
  return out;
}

/** Replaces secret values anywhere in a freshly parsed JSON value (it is ours to change). */
function redactValue(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) redactValue(item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (SECRET_KEYS.has(key.toLowerCase()) && object[key] !== '' && object[key] !== null) object[key] = REDACTED;
    else redactValue(object[key]);
  }
}

function cut(text: string): string {
  return text.length > JOURNAL_BODY_LIMIT ? `${text.slice(0, JOURNAL_BODY_LIMIT)}… (cut: ${text.length} characters)` : text;
}

/** Too deeply nested JSON stays text: redacting or serialising it would overflow the stack. */
function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (exceedsJsonDepth(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The value to show for a body's text: parsed JSON or the text, secrets redacted, cut to the limit. */
function shownBody(text: string): unknown {
  if (!MAY_HIDE_SECRET.test(text)) {
    if (text.length > JOURNAL_BODY_LIMIT) return cut(text);
    const parsed = parse(text);
    return parsed.ok ? parsed.value : text;
  }
  const parsed = parse(text);
  if (!parsed.ok) return cut(text.replace(SECRET_IN_TEXT, `$1"${REDACTED}"`));
  redactValue(parsed.value);
  return text.length <= JOURNAL_BODY_LIMIT ? parsed.value : cut(JSON.stringify(parsed.value));
}

export interface JournalOptions {
  /** The bound, default 10,000; 0 records nothing. */
  limit?: number;
  /** Mock time for an entry: the app's own time when `appid` names one, else the global clock. */
  now: (appid: string | null) => number;
}

/**
 * The last few texts recorded in one column. A client repeats itself (the same token's query, the
 * same body, call after call): the ring keeps one copy of a repeat, and the copy each request
 * brought dies young instead of ageing in the ring.
 */
class Recent {
  private readonly texts: string[] = ['', '', '', ''];
  private next = 0;

  keep(text: string): string {
    for (const kept of this.texts) if (kept === text) return kept;
    this.texts[this.next] = text;
    this.next = (this.next + 1) & 3;
    return text;
  }
}

/**
 * The ring, one array per field: recording writes a few slots and allocates nothing that outlives
 * the request but the texts it keeps (an object per entry would be copied into the old generation
 * and collected there, a cost every request would share).
 */
class Columns {
  readonly time: Float64Array;
  readonly direction: JournalDirection[] = [];
  readonly operation: (string | null)[] = [];
  readonly appid: (string | null)[] = [];
  readonly method: string[] = [];
  readonly path: string[] = [];
  readonly host: (string | undefined)[] = [];
  /** The query as recorded until first read, then its redacted record (`shown` says which). */
  readonly query: (JournalRecord['query'] | Record<string, string>)[] = [];
  /** The body's text until first read, then the value to show, parsed and redacted. */
  readonly body: unknown[] = [];
  readonly shown: Uint8Array;
  readonly errcode: (number | null)[] = [];
  readonly status: (number | null | undefined)[] = [];
  readonly fault: (string | undefined)[] = [];
  private readonly recentPaths = new Recent();
  private readonly recentQueries = new Recent();
  private readonly recentBodies = new Recent();

  constructor(limit: number) {
    this.time = new Float64Array(limit);
    this.shown = new Uint8Array(limit);
  }

  write(at: number, entry: JournalRecord, time: number): void {
    this.time[at] = time;
    this.direction[at] = entry.direction;
    this.operation[at] = entry.operation;
    this.appid[at] = entry.appid;
    this.method[at] = entry.method;
    this.path[at] = this.recentPaths.keep(entry.path);
    this.host[at] = entry.host;
    this.query[at] = typeof entry.query === 'string' ? this.recentQueries.keep(entry.query) : entry.query;
    const text = entry.body === undefined ? undefined : this.recentBodies.keep(entry.body);
    // A long body is cut (and shown) now, so the ring never holds more than the limit of it.
    const long = text !== undefined && text.length > JOURNAL_BODY_LIMIT;
    this.body[at] = long ? shownBody(text) : text;
    this.shown[at] = long ? SHOWN_BODY : 0;
    this.errcode[at] = entry.errcode ?? null;
    this.status[at] = entry.status;
    this.fault[at] = entry.fault;
  }

  /** Entry `at` as the journal shows it: its query and body redacted once, on the first read. */
  view(at: number): JournalEntry {
    if ((this.shown[at]! & SHOWN_BODY) === 0) {
      const text = this.body[at] as string | undefined;
      this.body[at] = text === undefined || text === '' ? null : shownBody(text);
    }
    if ((this.shown[at]! & SHOWN_QUERY) === 0) this.query[at] = redactQuery(this.query[at] as JournalRecord['query']);
    this.shown[at] = SHOWN_BODY | SHOWN_QUERY;
    const out: JournalEntry = {
      time: new Date(this.time[at]!).toISOString(),
      direction: this.direction[at]!,
      operation: this.operation[at]!,
      appid: this.appid[at]!,
      method: this.method[at]!,
      path: this.path[at]!,
      query: this.query[at] as Record<string, string>,
      body: this.body[at],
      errcode: this.errcode[at]!,
    };
    const host = this.host[at];
    const status = this.status[at];
    const fault = this.fault[at];
    if (host !== undefined) out.host = host;
    if (status !== undefined) out.status = status;
    if (fault !== undefined) out.fault = fault;
    return out;
  }

  /** Entry `from` of `source`, as it stands, into slot `at`. */
  copy(source: Columns, from: number, at: number): void {
    for (const key of COLUMN_KEYS) (this[key] as unknown[])[at] = (source[key] as unknown[])[from];
    this.time[at] = source.time[from]!;
    this.shown[at] = source.shown[from]!;
  }
}

const SHOWN_BODY = 1;
const SHOWN_QUERY = 2;
const COLUMN_KEYS = ['direction', 'operation', 'appid', 'method', 'path', 'host', 'query', 'body', 'errcode', 'status', 'fault'] as const;

export function createJournal(options: JournalOptions): Journal {
  const limit = options.limit ?? DEFAULT_JOURNAL_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`journalLimit must be a non-negative integer, got ${limit}`);
  let ring = new Columns(limit);
  /** Where the next entry goes. */
  let next = 0;
  let size = 0;
  let dropped = 0;

  const advance = () => {
    next = next + 1 === limit ? 0 : next + 1;
    if (size < limit) size += 1;
    else dropped += 1;
  };
  /** Every slot in use, oldest first. */
  const slots = (): number[] => {
    const out: number[] = [];
    for (let i = 0, at = (next - size + limit) % limit; i < size; i += 1, at = at + 1 === limit ? 0 : at + 1) out.push(at);
    return out;
  };

  return {
    limit,
    get dropped() {
      return dropped;
    },
    record(entry) {
      if (limit === 0) return;
      ring.write(next, entry, entry.time ?? options.now(entry.appid));
      advance();
    },
    list(filter = {}) {
      const out: JournalEntry[] = [];
      for (const at of slots()) {
        if (filter.operation !== undefined && ring.operation[at] !== filter.operation) continue;
        if (filter.appid !== undefined && ring.appid[at] !== filter.appid) continue;
        if (filter.direction !== undefined && ring.direction[at] !== filter.direction) continue;
        if (filter.since !== undefined && ring.time[at]! < filter.since) continue;
        out.push(ring.view(at));
      }
      return out;
    },
    clear(appid) {
      const before = size;
      const kept = appid === undefined ? [] : slots().filter((at) => ring.appid[at] !== appid);
      const old = ring;
      ring = new Columns(limit);
      next = 0;
      size = 0;
      if (appid === undefined) dropped = 0;
      for (const at of kept) {
        ring.copy(old, at, next);
        advance();
      }
      return before - size;
    },
  };
}
