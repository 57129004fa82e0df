/**
 * Access tokens: /cgi-bin/token issues a token valid 7200 s of app time and leaves the previous one
 * valid five more minutes; stable_token returns the same token while it has over five minutes left.
 */
import { fail, ok, type Result } from './result.js';
import { field, type Body } from './loose.js';
import type { Random } from './random.js';
import type { components } from '../../contracts/generated/openapi.js';
import type { App, Recorded, Store, TokenRecord } from './store.js';

export const TOKEN_TTL_MS = 7200_000;
/** The overlap in which an old token still works after a new one was issued. */
export const TOKEN_OVERLAP_MS = 5 * 60_000;

/** Anything outside the alphabet real tokens use is malformed (40014), not merely unknown (40001). */
const WELL_FORMED = /^[A-Za-z0-9_*-]{1,600}$/;

export type TokenAnswer = components['schemas']['AccessToken'];

/** What a token request names: its appid, secret and grant_type, as sent (loose). */
export interface TokenGrant {
  appid: unknown;
  secret: unknown;
  grant_type: unknown;
}

/** The appid is checked before grant_type, as real probes show (a bad appid answers 40013 first). */
export function checkCredentials(store: Store, credentials: TokenGrant): Result<App> {
  const app = typeof credentials.appid === 'string' ? store.apps.get(credentials.appid) : undefined;
  if (!app) return fail(40013);
  if (credentials.grant_type !== 'client_credential') return fail(40002);
  if (credentials.secret !== app.secret) return fail(40125);
  return ok(app);
}

function issue(store: Store, random: Random, app: App, now: number): TokenRecord {
  let token = random.token();
  while (store.tokens.has(token)) token = random.token();
  const record: TokenRecord = { token, appid: app.appid, expires_at: now + TOKEN_TTL_MS, superseded: false };
  store.tokens.set(token, record);
  return record;
}

function answer(record: TokenRecord, now: number): TokenAnswer {
  return { access_token: record.token, expires_in: Math.ceil((record.expires_at - now) / 1000) };
}

/** /cgi-bin/token: a new token; the previous one lives five more minutes, older ones are gone. */
export function issueAccessToken(store: Store, random: Random, app: Recorded<App>, now: number): TokenAnswer {
  const record = issue(store, random, app, now);
  const [previous, older] = app.tokens;
  if (older) store.tokens.delete(older.token);
  if (!previous) {
    app.tokens = [record];
    return answer(record, now);
  }
  const superseded: TokenRecord = { ...previous, expires_at: Math.min(previous.expires_at, now + TOKEN_OVERLAP_MS), superseded: true };
  store.tokens.set(superseded.token, superseded);
  app.tokens = [record, superseded];
  return answer(record, now);
}

/** A second force_refresh this soon after one that rotated does not rotate again (the stable_token doc). */
export const FORCE_REFRESH_SPACING_MS = 30_000;

/**
 * /cgi-bin/stable_token. Normal mode: the current token until its last 5 minutes; then a new one,
 * the old staying valid until its own expiry ("在新旧access_token交接之际，平台会保证在5分钟内，新旧
 * access_token都可用"). force_refresh: a new one at once and the old ones invalid, except within 30 s
 * of the last forced rotation, which answers the current token.
 */
export function issueStableToken(store: Store, random: Random, app: Recorded<App>, body: Body, now: number): TokenAnswer {
  const force = field(body, 'force_refresh') === true;
  const current = app.stable;
  const live = current && now < current.expires_at ? current : undefined;
  if (live) {
    const forcedLately = now - (app.stable_forced_at ?? -Infinity) < FORCE_REFRESH_SPACING_MS;
    if (force ? forcedLately : live.expires_at - now > TOKEN_OVERLAP_MS) return answer(live, now);
  }
  if (app.stable_previous) store.tokens.delete(app.stable_previous.token);
  if (current && (force || !live)) store.tokens.delete(current.token);
  app.stable_previous = force ? undefined : live;
  if (force) app.stable_forced_at = now;
  const record = issue(store, random, app, now);
  app.stable = record;
  return answer(record, now);
}

/** Every token an app holds: /cgi-bin/token's latest two and the stable ones. */
export function tokensOf(app: App): TokenRecord[] {
  const held = [...app.tokens];
  if (app.stable) held.push(app.stable);
  if (app.stable_previous) held.push(app.stable_previous);
  return held;
}

/**
 * The record each store last authenticated. A client sends one token many times, and comparing it
 * with the last one costs a tenth of hashing it for the map (135 characters, fresh from each URL).
 */
const lastAuthenticated = new WeakMap<Store, TokenRecord>();

/** Whether `record` is one of `app`'s tokens (what tokensOf lists), without building that list. */
function holds(app: App | undefined, record: TokenRecord): boolean {
  return app !== undefined && (app.tokens.includes(record) || app.stable === record || app.stable_previous === record);
}

/** `token`'s record: the last one while its app still holds it (store.tokens holds exactly the apps' tokens), else the map's. */
function recordOf(store: Store, token: string): TokenRecord | undefined {
  const last = lastAuthenticated.get(store);
  if (last !== undefined && last.token === token && holds(store.apps.get(last.appid), last)) return last;
  const record = store.tokens.get(token);
  if (record !== undefined) lastAuthenticated.set(store, record);
  return record;
}

/** 41001 missing, 40014 malformed, 40001 unknown or superseded, 42001 expired. */
export function authenticate(store: Store, token: string | undefined, appNow: (app: App) => number): Result<App> {
  if (token === undefined || token === '') return fail(41001);
  const record = recordOf(store, token);
  const app = record && store.apps.get(record.appid);
  // The format is only worth checking for a token we do not know.
  if (!record || !app) return fail(WELL_FORMED.test(token) ? 40001 : 40014);
  if (appNow(app) >= record.expires_at) return fail(record.superseded ? 40001 : 42001);
  return ok(app);
}

/** Makes the token index hold exactly `app`'s current tokens (after its tokens were put back). */
export function reindexTokens(store: Store, app: App): void {
  for (const [token, record] of store.tokens) if (record.appid === app.appid) store.tokens.delete(token);
  for (const record of tokensOf(app)) store.tokens.set(record.token, record);
}
