import { describe, expect, it } from 'vitest';
import { createRandom } from '../../mock/domain/random.js';
import {
  TOKEN_OVERLAP_MS,
  TOKEN_TTL_MS,
  authenticate,
  checkCredentials,
  issueAccessToken,
  issueStableToken,
  reindexTokens,
} from '../../mock/domain/tokens.js';
import { T0, newApp, newStore, randomWithTokens, type App } from './fixtures.js';

function setUp(random = createRandom(11)) {
  const app = newApp({ appid: 'wxaaaaaaaaaaaaaaaa', secret: 'the-secret' });
  const store = newStore(app);
  /** Answers with the app's own clock offset on top of `now`, as the simulator does. */
  const auth = (token: string | undefined, now: number) => authenticate(store, token, (a: App) => now + a.offset_ms);
  return { app, store, random, auth };
}

const good = { appid: 'wxaaaaaaaaaaaaaaaa', secret: 'the-secret', grant_type: 'client_credential' };

describe('checkCredentials', () => {
  it('answers the app for its appid, secret and the client_credential grant', () => {
    const { app, store } = setUp();
    expect(checkCredentials(store, good)).toEqual({ ok: true, value: app });
  });

  it('checks the appid first: an unknown one answers 40013 whatever else is wrong', () => {
    const { store } = setUp();
    expect(checkCredentials(store, { ...good, appid: 'wxbbbbbbbbbbbbbbbb', grant_type: 'x', secret: 'y' })).toEqual({ ok: false, errcode: 40013 });
  });

  it.each([undefined, 42, null, ['wxaaaaaaaaaaaaaaaa']])('answers 40013 for an appid of %j', (appid) => {
    const { store } = setUp();
    expect(checkCredentials(store, { ...good, appid })).toEqual({ ok: false, errcode: 40013 });
  });

  it('checks grant_type before the secret: 40002', () => {
    const { store } = setUp();
    expect(checkCredentials(store, { ...good, grant_type: 'authorization_code', secret: 'wrong' })).toEqual({ ok: false, errcode: 40002 });
    expect(checkCredentials(store, { ...good, grant_type: undefined })).toEqual({ ok: false, errcode: 40002 });
  });

  it('answers 40125 for a wrong secret', () => {
    const { store } = setUp();
    expect(checkCredentials(store, { ...good, secret: 'the-secret ' })).toEqual({ ok: false, errcode: 40125 });
    expect(checkCredentials(store, { ...good, secret: undefined })).toEqual({ ok: false, errcode: 40125 });
  });
});

describe('issueAccessToken', () => {
  it('issues a token valid 7200 s of app time, then answers 42001', () => {
    const { app, store, random, auth } = setUp();
    expect(TOKEN_TTL_MS).toBe(7_200_000);
    const answer = issueAccessToken(store, random, app, T0);
    expect(answer.expires_in).toBe(7200);
    expect(auth(answer.access_token, T0 + TOKEN_TTL_MS - 1)).toEqual({ ok: true, value: app });
    expect(auth(answer.access_token, T0 + TOKEN_TTL_MS)).toEqual({ ok: false, errcode: 42001 });
  });

  it('counts expiry in the app time, clock offset included', () => {
    const { app, store, random, auth } = setUp();
    const { access_token } = issueAccessToken(store, random, app, T0);
    app.offset_ms = TOKEN_TTL_MS;
    expect(auth(access_token, T0)).toEqual({ ok: false, errcode: 42001 });
  });

  it('leaves the previous token valid five more minutes, then answers 40001 for it', () => {
    const { app, store, random, auth } = setUp();
    expect(TOKEN_OVERLAP_MS).toBe(300_000);
    const first = issueAccessToken(store, random, app, T0).access_token;
    const second = issueAccessToken(store, random, app, T0 + 1_000).access_token;
    expect(second).not.toBe(first);
    expect(auth(first, T0 + 1_000 + TOKEN_OVERLAP_MS - 1)).toEqual({ ok: true, value: app });
    expect(auth(first, T0 + 1_000 + TOKEN_OVERLAP_MS)).toEqual({ ok: false, errcode: 40001 });
    expect(auth(second, T0 + 1_000 + TOKEN_OVERLAP_MS)).toEqual({ ok: true, value: app });
  });

  it('replaces the previous token with a new record, superseded and living five more minutes, in the store and the app alike', () => {
    const { app, store, random } = setUp();
    const first = issueAccessToken(store, random, app, T0).access_token;
    const issued = store.tokens.get(first)!;
    expect(app.tokens).toEqual([issued]);
    expect(issued).toStrictEqual({ token: first, appid: app.appid, expires_at: T0 + TOKEN_TTL_MS, superseded: false });
    const second = issueAccessToken(store, random, app, T0 + 1_000).access_token;
    const superseded = store.tokens.get(first)!;
    expect(superseded).not.toBe(issued);
    expect(superseded).toStrictEqual({ token: first, appid: app.appid, expires_at: T0 + 1_000 + TOKEN_OVERLAP_MS, superseded: true });
    expect(app.tokens[1]).toBe(superseded);
    expect(app.tokens[0]).toBe(store.tokens.get(second));
    // The record it replaced is left as it was, not changed in place.
    expect(issued).toStrictEqual({ token: first, appid: app.appid, expires_at: T0 + TOKEN_TTL_MS, superseded: false });
  });

  it('does not lengthen the life of a previous token that had less than five minutes left', () => {
    const { app, store, random, auth } = setUp();
    const first = issueAccessToken(store, random, app, T0).access_token;
    issueAccessToken(store, random, app, T0 + TOKEN_TTL_MS - 60_000);
    expect(store.tokens.get(first)).toMatchObject({ expires_at: T0 + TOKEN_TTL_MS, superseded: true });
    expect(app.tokens[1]).toBe(store.tokens.get(first));
    expect(auth(first, T0 + TOKEN_TTL_MS - 1)).toEqual({ ok: true, value: app });
    expect(auth(first, T0 + TOKEN_TTL_MS)).toEqual({ ok: false, errcode: 40001 });
  });

  it('keeps the latest and the previous token, and forgets one two rotations old', () => {
    const { app, store, random, auth } = setUp();
    const first = issueAccessToken(store, random, app, T0).access_token;
    expect(app.tokens.map((t) => t.token)).toEqual([first]);
    const second = issueAccessToken(store, random, app, T0).access_token;
    const third = issueAccessToken(store, random, app, T0).access_token;
    expect(app.tokens.map((t) => t.token)).toEqual([third, second]);
    expect(store.tokens.has(first)).toBe(false);
    expect(auth(first, T0)).toEqual({ ok: false, errcode: 40001 });
    expect(auth(second, T0)).toEqual({ ok: true, value: app });
  });

  it('never hands out a token the store already holds', () => {
    const { app, store } = setUp();
    const random = randomWithTokens(['tok-A', 'tok-A', 'tok-A', 'tok-B']);
    expect(issueAccessToken(store, random, app, T0).access_token).toBe('tok-A');
    expect(issueAccessToken(store, random, app, T0).access_token).toBe('tok-B');
    expect(store.tokens.get('tok-A')?.expires_at).toBe(T0 + TOKEN_OVERLAP_MS);
    expect(store.tokens.get('tok-B')?.expires_at).toBe(T0 + TOKEN_TTL_MS);
  });
});

describe('issueStableToken', () => {
  it('returns the same token while it has over five minutes left, its expires_in counting down in whole seconds rounded up', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0);
    expect(first.expires_in).toBe(7200);
    const again = issueStableToken(store, random, app, {}, T0 + 1_500);
    expect(again).toEqual({ access_token: first.access_token, expires_in: 7199 });
    const late = issueStableToken(store, random, app, {}, T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS - 1);
    expect(late).toEqual({ access_token: first.access_token, expires_in: 301 });
    expect(auth(first.access_token, T0 + 1_500)).toEqual({ ok: true, value: app });
  });

  it('issues a new one once five minutes or less are left, and forgets the old one', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const at = T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const renewed = issueStableToken(store, random, app, {}, at);
    expect(renewed.access_token).not.toBe(first);
    expect(renewed.expires_in).toBe(7200);
    expect(auth(first, at)).toEqual({ ok: false, errcode: 40001 });
    expect(auth(renewed.access_token, at)).toEqual({ ok: true, value: app });
  });

  it('issues a new one at once when force_refresh is true, and only then', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    expect(issueStableToken(store, random, app, { force_refresh: 'true' }, T0).access_token).toBe(first);
    expect(issueStableToken(store, random, app, { force_refresh: 1 }, T0).access_token).toBe(first);
    expect(issueStableToken(store, random, app, { force_refresh: false }, T0).access_token).toBe(first);
    const forced = issueStableToken(store, random, app, { force_refresh: true }, T0 + 10);
    expect(forced.access_token).not.toBe(first);
    expect(app.stable?.token).toBe(forced.access_token);
    expect(auth(first, T0 + 10)).toEqual({ ok: false, errcode: 40001 });
  });

  it('lives apart from /cgi-bin/token tokens: issuing one does not retire the other', () => {
    const { app, store, random, auth } = setUp();
    const stable = issueStableToken(store, random, app, {}, T0).access_token;
    issueAccessToken(store, random, app, T0);
    issueAccessToken(store, random, app, T0);
    issueAccessToken(store, random, app, T0);
    expect(auth(stable, T0 + TOKEN_OVERLAP_MS + 1)).toEqual({ ok: true, value: app });
    const access = app.tokens[0]!.token;
    issueStableToken(store, random, app, { force_refresh: true }, T0);
    expect(auth(access, T0)).toEqual({ ok: true, value: app });
  });
});

describe('authenticate', () => {
  it('answers 41001 for a missing or empty token', () => {
    const { auth } = setUp();
    expect(auth(undefined, T0)).toEqual({ ok: false, errcode: 41001 });
    expect(auth('', T0)).toEqual({ ok: false, errcode: 41001 });
  });

  it.each(['a', 'AZaz09_*-', 'x'.repeat(600), '99_unknownToken'])('answers 40001 for the unknown but well-formed token %s', (token) => {
    const { auth } = setUp();
    expect(auth(token, T0)).toEqual({ ok: false, errcode: 40001 });
  });

  it.each(['x'.repeat(601), 'has space', 'semi;colon', '!leading', 'trailing!', 'ünïcode', 'a.b', 'a/b', 'a+b', 'a=b'])(
    'answers 40014 for the malformed token %s',
    (token) => {
      const { auth } = setUp();
      expect(auth(token, T0)).toEqual({ ok: false, errcode: 40014 });
    },
  );

  it('answers 40001 for a token whose app is gone', () => {
    const { app, store, random, auth } = setUp();
    const { access_token } = issueAccessToken(store, random, app, T0);
    store.apps.delete(app.appid);
    expect(auth(access_token, T0)).toEqual({ ok: false, errcode: 40001 });
  });

  it("answers the token's own app among several", () => {
    const { app, store, random, auth } = setUp();
    const other = newApp({ appid: 'wxbbbbbbbbbbbbbbbb' });
    store.apps.set(other.appid, other);
    const mine = issueAccessToken(store, random, app, T0).access_token;
    const theirs = issueAccessToken(store, random, other, T0).access_token;
    expect(auth(mine, T0)).toEqual({ ok: true, value: app });
    expect(auth(theirs, T0)).toEqual({ ok: true, value: other });
  });
});

describe('reindexTokens', () => {
  it("makes the index hold exactly the app's current tokens, the very records, and leaves other apps' alone", () => {
    const { app, store, random } = setUp();
    const other = newApp({ appid: 'wxbbbbbbbbbbbbbbbb' });
    store.apps.set(other.appid, other);
    const theirs = issueAccessToken(store, random, other, T0).access_token;
    issueAccessToken(store, random, app, T0);
    issueAccessToken(store, random, app, T0 + 1);
    issueStableToken(store, random, app, {}, T0);
    const [latest, previous] = app.tokens;
    const stable = app.stable;
    // What a unit that was undone left in the index: a newer token, a stale copy of a record.
    store.tokens.set('stray', { token: 'stray', appid: app.appid, expires_at: T0, superseded: false });
    store.tokens.set(previous!.token, { ...previous!, superseded: false });
    store.tokens.delete(stable!.token);
    reindexTokens(store, app);
    expect([...store.tokens.keys()].sort()).toEqual([theirs, latest!.token, previous!.token, stable!.token].sort());
    expect(store.tokens.get(previous!.token)).toBe(previous);
    expect(store.tokens.get(latest!.token)).toBe(latest);
    expect(store.tokens.get(stable!.token)).toBe(stable);
    expect(store.tokens.get(theirs)?.appid).toBe(other.appid);
  });

  it('indexes an app without a stable token, or without any token', () => {
    const { app, store, random } = setUp();
    const { access_token } = issueAccessToken(store, random, app, T0);
    store.tokens.set('stray', { token: 'stray', appid: app.appid, expires_at: T0, superseded: true });
    reindexTokens(store, app);
    expect([...store.tokens.keys()]).toEqual([access_token]);
    const bare = newApp({ appid: 'wxcccccccccccccccc' });
    store.tokens.set('gone', { token: 'gone', appid: bare.appid, expires_at: T0, superseded: false });
    reindexTokens(store, bare);
    expect([...store.tokens.keys()]).toEqual([access_token]);
  });
});
