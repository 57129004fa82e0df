import { describe, expect, it } from 'vitest';
import { createRandom } from '../../mock/domain/random.js';
import {
  FORCE_REFRESH_SPACING_MS,
  TOKEN_OVERLAP_MS,
  TOKEN_TTL_MS,
  authenticate,
  checkCredentials,
  issueAccessToken,
  issueStableToken,
  reindexTokens,
  tokensOf,
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

  it('issues a new one once five minutes or less are left, and keeps the old one valid until its own expiry', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const record = app.stable;
    const at = T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const renewed = issueStableToken(store, random, app, {}, at);
    expect(renewed.access_token).not.toBe(first);
    expect(renewed.expires_in).toBe(7200);
    expect(app.stable?.token).toBe(renewed.access_token);
    expect(app.stable_previous).toBe(record);
    expect(store.tokens.get(first)).toBe(record);
    expect(auth(first, at)).toEqual({ ok: true, value: app });
    expect(auth(first, T0 + TOKEN_TTL_MS - 1)).toEqual({ ok: true, value: app });
    // It was not superseded early: it simply runs out, as an unrefreshed token does.
    expect(auth(first, T0 + TOKEN_TTL_MS)).toEqual({ ok: false, errcode: 42001 });
    expect(auth(renewed.access_token, T0 + TOKEN_TTL_MS)).toEqual({ ok: true, value: app });
    expect(app.stable_forced_at).toBeUndefined();
  });

  it('answers the new one, not a third, when asked again in the overlap', () => {
    const { app, store, random } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const at = T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const renewed = issueStableToken(store, random, app, {}, at).access_token;
    expect(issueStableToken(store, random, app, {}, at + 60_000)).toEqual({ access_token: renewed, expires_in: 7140 });
    expect(app.stable_previous?.token).toBe(first);
  });

  it('forgets the token two rotations old when the next one is issued', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const at = T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const second = issueStableToken(store, random, app, {}, at).access_token;
    const later = at + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const third = issueStableToken(store, random, app, {}, later).access_token;
    expect(store.tokens.has(first)).toBe(false);
    expect(auth(first, later)).toEqual({ ok: false, errcode: 40001 });
    expect(auth(second, later)).toEqual({ ok: true, value: app });
    expect(auth(third, later)).toEqual({ ok: true, value: app });
    expect(tokensOf(app).map((record) => record.token)).toEqual([third, second]);
  });

  it('issues a new one for an expired token and forgets the old one, keeping no previous', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const at = T0 + TOKEN_TTL_MS;
    expect(auth(first, at)).toEqual({ ok: false, errcode: 42001 });
    const renewed = issueStableToken(store, random, app, {}, at);
    expect(renewed.access_token).not.toBe(first);
    expect(renewed.expires_in).toBe(7200);
    expect(store.tokens.has(first)).toBe(false);
    expect(app.stable_previous).toBeUndefined();
    expect(auth(first, at)).toEqual({ ok: false, errcode: 40001 });
  });

  it('issues a new one for a token expired long ago, forgetting the previous one too', () => {
    const { app, store, random } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const second = issueStableToken(store, random, app, {}, T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS).access_token;
    const third = issueStableToken(store, random, app, {}, T0 + 3 * TOKEN_TTL_MS).access_token;
    expect([...store.tokens.keys()]).toEqual([third]);
    expect(tokensOf(app).map((record) => record.token)).toEqual([third]);
    expect([first, second]).not.toContain(third);
  });

  it('issues a new one at once when force_refresh is true, and only then', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    expect(issueStableToken(store, random, app, { force_refresh: 'true' }, T0).access_token).toBe(first);
    expect(issueStableToken(store, random, app, { force_refresh: 1 }, T0).access_token).toBe(first);
    expect(issueStableToken(store, random, app, { force_refresh: false }, T0).access_token).toBe(first);
    const forced = issueStableToken(store, random, app, { force_refresh: true }, T0 + 10);
    expect(forced.access_token).not.toBe(first);
    expect(forced.expires_in).toBe(7200);
    expect(app.stable?.token).toBe(forced.access_token);
    expect(app.stable_forced_at).toBe(T0 + 10);
    expect(auth(first, T0 + 10)).toEqual({ ok: false, errcode: 40001 });
  });

  it('issues a first token on force_refresh when there is none', () => {
    const { app, store, random, auth } = setUp();
    const forced = issueStableToken(store, random, app, { force_refresh: true }, T0);
    expect(forced.expires_in).toBe(7200);
    expect(auth(forced.access_token, T0)).toEqual({ ok: true, value: app });
    expect(app.stable_forced_at).toBe(T0);
  });

  it('on force_refresh, invalidates the previous token of a normal rotation as well as the current one', () => {
    const { app, store, random, auth } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const at = T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const second = issueStableToken(store, random, app, {}, at).access_token;
    const forced = issueStableToken(store, random, app, { force_refresh: true }, at + 1).access_token;
    expect(auth(first, at + 1)).toEqual({ ok: false, errcode: 40001 });
    expect(auth(second, at + 1)).toEqual({ ok: false, errcode: 40001 });
    expect(app.stable_previous).toBeUndefined();
    expect([...store.tokens.keys()]).toEqual([forced]);
  });

  it('does not rotate again on a second force_refresh within 30 s of the last forced rotation: it answers the current token', () => {
    const { app, store, random, auth } = setUp();
    expect(FORCE_REFRESH_SPACING_MS).toBe(30_000);
    issueStableToken(store, random, app, {}, T0);
    const forced = issueStableToken(store, random, app, { force_refresh: true }, T0 + 1_000).access_token;
    expect(issueStableToken(store, random, app, { force_refresh: true }, T0 + 1_000)).toEqual({ access_token: forced, expires_in: 7200 });
    expect(issueStableToken(store, random, app, { force_refresh: true }, T0 + 1_000 + FORCE_REFRESH_SPACING_MS - 1)).toEqual({ access_token: forced, expires_in: 7171 });
    expect(app.stable_forced_at).toBe(T0 + 1_000);
    expect(auth(forced, T0 + 1_000 + FORCE_REFRESH_SPACING_MS - 1)).toEqual({ ok: true, value: app });
    const again = issueStableToken(store, random, app, { force_refresh: true }, T0 + 1_000 + FORCE_REFRESH_SPACING_MS).access_token;
    expect(again).not.toBe(forced);
    expect(app.stable_forced_at).toBe(T0 + 1_000 + FORCE_REFRESH_SPACING_MS);
    expect(auth(forced, T0 + 1_000 + FORCE_REFRESH_SPACING_MS)).toEqual({ ok: false, errcode: 40001 });
  });

  it('counts the 30 s from the last forced rotation only, not from a normal one nor from a first token', () => {
    const { app, store, random } = setUp();
    const first = issueStableToken(store, random, app, {}, T0).access_token;
    const forced = issueStableToken(store, random, app, { force_refresh: true }, T0 + 1).access_token;
    expect(forced).not.toBe(first);
    const at = T0 + 1 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS;
    const renewed = issueStableToken(store, random, app, {}, at).access_token;
    expect(app.stable_forced_at).toBe(T0 + 1);
    expect(issueStableToken(store, random, app, { force_refresh: true }, at + 1).access_token).not.toBe(renewed);
  });

  it('in normal mode, answers the current token within 30 s of a forced rotation as at any time', () => {
    const { app, store, random } = setUp();
    const forced = issueStableToken(store, random, app, { force_refresh: true }, T0).access_token;
    expect(issueStableToken(store, random, app, {}, T0 + 5).access_token).toBe(forced);
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

describe('tokensOf', () => {
  it('lists /cgi-bin/token\'s tokens, latest first, then the stable token and the one it replaced', () => {
    const { app, store, random } = setUp();
    expect(tokensOf(app)).toEqual([]);
    issueAccessToken(store, random, app, T0);
    issueAccessToken(store, random, app, T0);
    expect(tokensOf(app)).toEqual(app.tokens);
    issueStableToken(store, random, app, {}, T0);
    expect(tokensOf(app)).toEqual([...app.tokens, app.stable]);
    issueStableToken(store, random, app, {}, T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS);
    expect(tokensOf(app)).toEqual([...app.tokens, app.stable, app.stable_previous]);
    expect(tokensOf(app)).toHaveLength(4);
  });

  it('answers a new list each time, not the app\'s own', () => {
    const { app, store, random } = setUp();
    issueAccessToken(store, random, app, T0);
    expect(tokensOf(app)).not.toBe(app.tokens);
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

  describe('a token asked for again (the last one is remembered)', () => {
    it('reads its expiry as superseded once a newer token is issued: 40001 after the five minutes', () => {
      const { app, store, random, auth } = setUp();
      const first = issueAccessToken(store, random, app, T0).access_token;
      expect(auth(first, T0)).toEqual({ ok: true, value: app });
      issueAccessToken(store, random, app, T0 + 1000);
      expect(auth(first, T0 + 1000 + TOKEN_OVERLAP_MS - 1)).toEqual({ ok: true, value: app });
      expect(auth(first, T0 + 1000 + TOKEN_OVERLAP_MS)).toEqual({ ok: false, errcode: 40001 });
    });

    it('answers 40001 once two rotations forgot it', () => {
      const { app, store, random, auth } = setUp();
      const first = issueAccessToken(store, random, app, T0).access_token;
      expect(auth(first, T0).ok).toBe(true);
      issueAccessToken(store, random, app, T0);
      issueAccessToken(store, random, app, T0);
      expect(auth(first, T0)).toEqual({ ok: false, errcode: 40001 });
    });

    it('answers 40001 once a forced stable rotation invalidated it', () => {
      const { app, store, random, auth } = setUp();
      const stable = issueStableToken(store, random, app, {}, T0).access_token;
      expect(auth(stable, T0).ok).toBe(true);
      issueStableToken(store, random, app, { force_refresh: true }, T0 + FORCE_REFRESH_SPACING_MS);
      expect(auth(stable, T0 + FORCE_REFRESH_SPACING_MS)).toEqual({ ok: false, errcode: 40001 });
    });

    it('answers 40001 once its app is gone, or replaced by a new one with the same appid', () => {
      const { app, store, random, auth } = setUp();
      const token = issueAccessToken(store, random, app, T0).access_token;
      expect(auth(token, T0).ok).toBe(true);
      // As the simulator forgets an app: its tokens leave the index, a new app takes the appid.
      for (const record of tokensOf(app)) store.tokens.delete(record.token);
      store.apps.set(app.appid, newApp({ appid: app.appid, secret: 'the-secret' }));
      expect(auth(token, T0)).toEqual({ ok: false, errcode: 40001 });
      store.apps.delete(app.appid);
      expect(auth(token, T0)).toEqual({ ok: false, errcode: 40001 });
    });

    it('is remembered per store: another store does not know it', () => {
      const { app, store, random, auth } = setUp();
      const token = issueAccessToken(store, random, app, T0).access_token;
      expect(auth(token, T0).ok).toBe(true);
      const other = setUp();
      expect(other.auth(token, T0)).toEqual({ ok: false, errcode: 40001 });
    });
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
    issueStableToken(store, random, app, {}, T0 + TOKEN_TTL_MS - TOKEN_OVERLAP_MS);
    const [latest, previous] = app.tokens;
    const stable = app.stable;
    const stablePrevious = app.stable_previous;
    // What a unit that was undone left in the index: a newer token, a stale copy of a record.
    store.tokens.set('stray', { token: 'stray', appid: app.appid, expires_at: T0, superseded: false });
    store.tokens.set(previous!.token, { ...previous!, superseded: false });
    store.tokens.delete(stable!.token);
    store.tokens.delete(stablePrevious!.token);
    reindexTokens(store, app);
    expect([...store.tokens.keys()].sort()).toEqual([theirs, latest!.token, previous!.token, stable!.token, stablePrevious!.token].sort());
    expect(store.tokens.get(previous!.token)).toBe(previous);
    expect(store.tokens.get(latest!.token)).toBe(latest);
    expect(store.tokens.get(stable!.token)).toBe(stable);
    expect(store.tokens.get(stablePrevious!.token)).toBe(stablePrevious);
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
