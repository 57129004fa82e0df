import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../../mock/domain/app-settings.js';
import { PATHS, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

const stable = (extra: Record<string, unknown> = {}) =>
  mock.http.post(PATHS.getStableAccessToken).send({ grant_type: 'client_credential', appid: DEFAULT_APPID, secret: DEFAULT_SECRET, ...extra });

describe('access tokens', () => {
  it('issues a token valid 7200 s of mock time, then answers 42001', async () => {
    mock = newMock();
    const res = await mock.http.get(PATHS.getAccessToken).query({ grant_type: 'client_credential', appid: DEFAULT_APPID, secret: DEFAULT_SECRET });
    expect(res.body.expires_in).toBe(7200);
    const token = res.body.access_token as string;
    mock.advance(7199_999);
    expect((await mock.post(PATHS.getSpeed, token)).body.speed).toBe(0);
    mock.advance(1);
    expectWxError(await mock.post(PATHS.getSpeed, token), 42001);
  });

  it('leaves the previous token valid five more minutes after a new one, then answers 40001', async () => {
    mock = newMock();
    const first = await mock.token();
    const second = await mock.token();
    expect(second).not.toBe(first);
    mock.advance(5 * 60_000 - 1);
    expect((await mock.post(PATHS.getSpeed, first)).body.speed).toBe(0);
    mock.advance(1);
    expectWxError(await mock.post(PATHS.getSpeed, first), 40001);
    expect((await mock.post(PATHS.getSpeed, second)).body.speed).toBe(0);
  });

  it('forgets a token two rotations old', async () => {
    mock = newMock();
    const first = await mock.token();
    await mock.token();
    await mock.token();
    expectWxError(await mock.post(PATHS.getSpeed, first), 40001);
  });

  it('answers the same stable token while it has over five minutes left, and a new one after', async () => {
    mock = newMock();
    const a = await stable();
    expect(a.body.expires_in).toBe(7200);
    mock.advance(3600_000);
    const b = await stable();
    expect(b.body).toEqual({ access_token: a.body.access_token, expires_in: 3600 });
    mock.advance(3300_000);
    const c = await stable();
    expect(c.body.access_token).not.toBe(a.body.access_token);
    expect(c.body.expires_in).toBe(7200);
  });

  it('issues a new stable token on force_refresh and the old one stops working', async () => {
    mock = newMock();
    const a = (await stable()).body.access_token as string;
    const b = (await stable({ force_refresh: true })).body.access_token as string;
    expect(b).not.toBe(a);
    expectWxError(await mock.post(PATHS.getSpeed, a), 40001);
    expect((await mock.post(PATHS.getSpeed, b)).body.realspeed).toBe(80);
  });

  it('keeps stable tokens apart from /cgi-bin/token tokens', async () => {
    mock = newMock();
    const s = (await stable()).body.access_token as string;
    await mock.token();
    await mock.token();
    await mock.token();
    expect((await mock.post(PATHS.getSpeed, s)).body.speed).toBe(0);
  });

  it('checks the appid before grant_type, as real probes show', async () => {
    mock = newMock();
    expectWxError(await mock.http.get(PATHS.getAccessToken).query({ appid: 'wx1234567890abcdef', secret: 'x' }), 40013);
    expectWxError(await mock.http.get(PATHS.getAccessToken).query({ appid: DEFAULT_APPID, secret: DEFAULT_SECRET }), 40002);
  });

  it('binds a token to its app', async () => {
    mock = newMock();
    const other = await mock.createApp();
    const token = await mock.token(other.appid);
    await mock.post(PATHS.setSpeed, token, { speed: 4 });
    expect((await mock.post(PATHS.getSpeed, await mock.token())).body.speed).toBe(0);
    expect((await mock.post(PATHS.getSpeed, token)).body.speed).toBe(4);
  });
});
