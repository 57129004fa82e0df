/**
 * The request journal: a bounded ring of what reached /cgi-bin ("in"), what the mock pushed ("out")
 * and what intercept mode's proxy refused to reach ("refused"), oldest dropped first. Recording is on
 * the hot path, so an entry keeps the query and the body as the texts they arrived as; the one way
 * out of the ring, `view`, parses and redacts them (once: the entry keeps the result), so nothing
 * that reads the journal can see a secret.
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

interface Stored {
  time: number;
  direction: JournalDirection;
  operation: string | null;
  appid: string | null;
  method: string;
  path: string;
  host: string | undefined;
  /** The query as recorded, redacted on first read; a record once it is. */
  query: JournalRecord['query'] | Record<string, string>;
  queryRedacted: boolean;
  /** The body's text, parsed and redacted on first read; undefined once `body` holds the value to show. */
  raw: string | undefined;
  body: unknown;
  errcode: number | null;
  status: number | null | undefined;
  fault: string | undefined;
}

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

/** The body as stored: its text, shown on first read; a long one is shown at once, so the ring never holds more than the limit. */
function storeBody(text: string | undefined): { raw: string | undefined; body: unknown } {
  if (text === undefined || text === '') return { raw: undefined, body: null };
  return text.length > JOURNAL_BODY_LIMIT ? { raw: undefined, body: shownBody(text) } : { raw: text, body: undefined };
}

function view(entry: Stored): JournalEntry {
  if (entry.raw !== undefined) {
    entry.body = shownBody(entry.raw);
    entry.raw = undefined;
  }
  if (!entry.queryRedacted) {
    entry.query = redactQuery(entry.query);
    entry.queryRedacted = true;
  }
  const out: JournalEntry = {
    time: new Date(entry.time).toISOString(),
    direction: entry.direction,
    operation: entry.operation,
    appid: entry.appid,
    method: entry.method,
    path: entry.path,
    query: entry.query as Record<string, string>,
    body: entry.body,
    errcode: entry.errcode,
  };
  if (entry.host !== undefined) out.host = entry.host;
  if (entry.status !== undefined) out.status = entry.status;
  if (entry.fault !== undefined) out.fault = entry.fault;
  return out;
}

export interface JournalOptions {
  /** The bound, default 10,000; 0 records nothing. */
  limit?: number;
  /** Mock time for an entry: the app's own time when `appid` names one, else the global clock. */
  now: (appid: string | null) => number;
}

export function createJournal(options: JournalOptions): Journal {
  const limit = options.limit ?? DEFAULT_JOURNAL_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`journalLimit must be a non-negative integer, got ${limit}`);
  let ring: (Stored | undefined)[] = [];
  /** Where the next entry goes. */
  let next = 0;
  let size = 0;
  let dropped = 0;

  const push = (entry: Stored) => {
    ring[next] = entry;
    next = next + 1 === limit ? 0 : next + 1;
    if (size < limit) size += 1;
    else dropped += 1;
  };
  /** Every entry, oldest first. */
  const all = (): Stored[] => {
    const out: Stored[] = [];
    for (let i = 0, at = (next - size + limit) % limit; i < size; i += 1, at = at + 1 === limit ? 0 : at + 1) out.push(ring[at]!);
    return out;
  };

  return {
    limit,
    get dropped() {
      return dropped;
    },
    record(entry) {
      if (limit === 0) return;
      const { raw, body } = storeBody(entry.body);
      push({
        time: entry.time ?? options.now(entry.appid),
        direction: entry.direction,
        operation: entry.operation,
        appid: entry.appid,
        method: entry.method,
        path: entry.path,
        host: entry.host,
        query: entry.query,
        queryRedacted: false,
        raw,
        body,
        errcode: entry.errcode ?? null,
        status: entry.status,
        fault: entry.fault,
      });
    },
    list(filter = {}) {
      const out: JournalEntry[] = [];
      for (const entry of all()) {
        if (filter.operation !== undefined && entry.operation !== filter.operation) continue;
        if (filter.appid !== undefined && entry.appid !== filter.appid) continue;
        if (filter.direction !== undefined && entry.direction !== filter.direction) continue;
        if (filter.since !== undefined && entry.time < filter.since) continue;
        out.push(view(entry));
      }
      return out;
    },
    clear(appid) {
      const before = size;
      const kept = appid === undefined ? [] : all().filter((entry) => entry.appid !== appid);
      ring = [];
      next = 0;
      size = 0;
      if (appid === undefined) dropped = 0;
      for (const entry of kept) push(entry);
      return before - size;
    },
  };
}
