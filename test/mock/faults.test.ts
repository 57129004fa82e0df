/**
 * Faults (POST /__mock/faults) and the per-request override (X-Mock-Errcode): each fault kind, its
 * times, per app and for every app, and the refusals that keep an injected answer inside the contract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateExchange } from '../../contracts/validate-exchange.js';
import { documentedErrcodes } from '../../contracts/load-spec.js';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../../mock/domain/app-settings.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { MPNEWS_TO_ALL, PATHS, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock | undefined;
let server: MockServer | undefined;

afterEach(async () => {
  mock?.assertNoViolations();
  mock = undefined;
  if (server) expect(server.app.mock.violations).toEqual([]);
  await server?.close();
  server = undefined;
});

/** A fresh app with a token, so a test's faults and calls touch nothing else. */
async function appWithToken(m: TestMock): Promise<{ appid: string; token: string }> {
  const app = await m.createApp();
  return { appid: app.appid, token: await m.token(app.appid) };
}

async function serverToken(s: MockServer, appid = DEFAULT_APPID, secret = DEFAULT_SECRET): Promise<string> {
  const res = await fetch(`${s.url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${appid}&secret=${secret}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

const postJson = (s: MockServer, path: string, token: string, body: unknown) =>
  fetch(`${s.url}${path}?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('errcode faults', () => {
  it('answers the catalog body for the errcode once, then the real answer', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    const created = await mock.http.post('/__mock/faults').send({ operation: 'setSpeed', appid, errcode: 45083 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^fault_\d+$/), operation: 'setSpeed', appid, errcode: 45083, times: 1 });
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 2 }), 45083);
    expect((await mock.post(PATHS.setSpeed, token, { speed: 2 })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await mock.http.get('/__mock/faults')).body).toEqual({ faults: [] });
  });

  it('leaves state untouched when it answers: a faulted setSpeed changes no speed', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    await mock.http.post('/__mock/faults').send({ operation: 'setSpeed', appid, errcode: -1 });
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 3 }), -1);
    expect((await mock.post(PATHS.getSpeed, token)).body).toEqual({ speed: 0, realspeed: 80 });
  });

  it('answers 45065 with the msg_id of the app\'s latest send, as WeChat does', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    const first = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    await mock.http.post('/__mock/faults').send({ operation: 'sendAll', appid, errcode: 45065 });
    const res = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    expectWxError(res, 45065);
    expect(res.body.msg_id).toBe(first.body.msg_id);
  });

  it('breaks exactly `times` calls, counting down in GET /__mock/faults, then disappears', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    const { body: fault } = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid, errcode: 48001, times: 3 });
    expect(fault.times).toBe(3);
    expectWxError(await mock.post(PATHS.getSpeed, token), 48001);
    expect((await mock.http.get('/__mock/faults')).body.faults).toEqual([{ ...fault, times: 2 }]);
    expectWxError(await mock.post(PATHS.getSpeed, token), 48001);
    expectWxError(await mock.post(PATHS.getSpeed, token), 48001);
    expect((await mock.http.get('/__mock/faults')).body.faults).toEqual([]);
    expect((await mock.post(PATHS.getSpeed, token)).body).toEqual({ speed: 0, realspeed: 80 });
  });

  it('with an appid breaks only that app\'s calls', async () => {
    mock = newMock();
    const a = await appWithToken(mock);
    const b = await appWithToken(mock);
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid: a.appid, errcode: -1, times: 2 });
    expect((await mock.post(PATHS.getSpeed, b.token)).body).toEqual({ speed: 0, realspeed: 80 });
    expectWxError(await mock.post(PATHS.getSpeed, a.token), -1);
    expect((await mock.post(PATHS.getSpeed, b.token)).body).toEqual({ speed: 0, realspeed: 80 });
    expect((await mock.http.get('/__mock/faults')).body.faults[0].times).toBe(1);
  });

  it('without an appid breaks every app\'s calls, each call using one time', async () => {
    mock = newMock();
    const a = await appWithToken(mock);
    const b = await appWithToken(mock);
    const created = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: -1, times: 2 });
    expect(created.body.appid).toBeNull();
    expectWxError(await mock.post(PATHS.getSpeed, a.token), -1);
    expectWxError(await mock.post(PATHS.getSpeed, b.token), -1);
    expect((await mock.post(PATHS.getSpeed, a.token)).body).toEqual({ speed: 0, realspeed: 80 });
  });

  it('applies the oldest matching fault first', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: 48001 });
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid, errcode: -1 });
    expectWxError(await mock.post(PATHS.getSpeed, token), 48001);
    expectWxError(await mock.post(PATHS.getSpeed, token), -1);
  });

  it('applies to the token operations only after the credentials check', async () => {
    mock = newMock();
    const app = await mock.createApp();
    await mock.http.post('/__mock/faults').send({ operation: 'getAccessToken', appid: app.appid, errcode: 45009 });
    expectWxError(await mock.http.get(PATHS.getAccessToken).query({ grant_type: 'client_credential', appid: app.appid, secret: 'wrong' }), 40125);
    expect((await mock.http.get('/__mock/faults')).body.faults).toHaveLength(1);
    expectWxError(await mock.http.get(PATHS.getAccessToken).query({ grant_type: 'client_credential', appid: app.appid, secret: app.secret }), 45009);
    await mock.http.post('/__mock/faults').send({ operation: 'getStableAccessToken', errcode: -1 });
    expectWxError(await mock.http.post(PATHS.getStableAccessToken).send({ grant_type: 'client_credential', appid: app.appid, secret: app.secret }), -1);
  });

  it('applies to mass operations only after the token check, so a bad token still answers 40001', async () => {
    mock = newMock();
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: -1 });
    expectWxError(await mock.http.post(PATHS.getSpeed).query({ access_token: 'ACCESS_TOKEN_THAT_NOBODY_ISSUED' }), 40001);
    expect((await mock.http.get('/__mock/faults')).body.faults).toHaveLength(1);
  });

  it('yields to X-Mock-Errcode when both apply, and stays for the next call', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid, errcode: -1 });
    expectWxError(await mock.post(PATHS.getSpeed, token).set('X-Mock-Errcode', '48001'), 48001);
    expectWxError(await mock.post(PATHS.getSpeed, token), -1);
  });
});

describe('refused faults', () => {
  it('refuses an errcode the operation does not document, naming the ones it does', async () => {
    mock = newMock();
    const res = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: 40007 });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.message).toContain('errcode 40007 is not one getSpeed documents');
    expect(res.body.message).toContain(documentedErrcodes('getSpeed').join(', '));
    expect((await mock.http.get('/__mock/faults')).body.faults).toEqual([]);
  });

  it('refuses an unknown operation, listing the known ones', async () => {
    mock = newMock();
    const res = await mock.http.post('/__mock/faults').send({ operation: 'sendEverything', errcode: -1 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_request', message: expect.stringContaining('no operation "sendEverything"; known: getAccessToken') });
  });

  it('refuses none or two of errcode, http_status, delay_ms and reset', async () => {
    mock = newMock();
    const none = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed' });
    expect(none.status).toBe(400);
    expect(none.body.message).toBe('give exactly one of errcode, http_status, delay_ms or reset');
    const two = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: -1, delay_ms: 5 });
    expect(two.status).toBe(400);
    expect(two.body.message).toBe('give exactly one of errcode, http_status, delay_ms or reset, not errcode and delay_ms');
  });

  it('refuses inputs outside the schema: a status below 400, zero times, an unknown field, reset false', async () => {
    mock = newMock();
    for (const body of [
      { operation: 'getSpeed', http_status: 302 },
      { operation: 'getSpeed', errcode: -1, times: 0 },
      { operation: 'getSpeed', errcode: -1, when: 'now' },
      { operation: 'getSpeed', reset: false },
      { errcode: -1 },
    ]) {
      const res = await mock.http.post('/__mock/faults').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
  });

  it('refuses an appid that names no app (404)', async () => {
    mock = newMock();
    const res = await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid: 'wx00000000000000ff', errcode: -1 });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: 'no app wx00000000000000ff' });
  });
});

describe('clearing faults', () => {
  it('DELETE /__mock/faults?appid= removes that app\'s faults; without it, every fault', async () => {
    mock = newMock();
    const a = await mock.createApp();
    const b = await mock.createApp();
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid: a.appid, errcode: -1 });
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid: b.appid, errcode: -1 });
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: -1 });
    expect((await mock.http.delete('/__mock/faults').query({ appid: a.appid })).body).toEqual({ ok: true, removed: 1 });
    expect((await mock.http.get('/__mock/faults')).body.faults.map((f: { appid: string | null }) => f.appid)).toEqual([b.appid, null]);
    expect((await mock.http.delete('/__mock/faults')).body).toEqual({ ok: true, removed: 2 });
    expect((await mock.http.get('/__mock/faults')).body.faults).toEqual([]);
  });

  it('POST /__mock/reset removes faults with the rest of the state', async () => {
    mock = newMock();
    const a = await mock.createApp();
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', appid: a.appid, errcode: -1 });
    await mock.http.post('/__mock/faults').send({ operation: 'getSpeed', errcode: -1 });
    await mock.http.post('/__mock/reset').query({ appid: a.appid });
    expect((await mock.http.get('/__mock/faults')).body.faults).toEqual([expect.objectContaining({ appid: null })]);
    await mock.http.post('/__mock/reset');
    expect((await mock.http.get('/__mock/faults')).body.faults).toEqual([]);
  });
});

describe('http_status faults', () => {
  it('answers that status with a JSON body naming the fault, and the operation does not run', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    const { body: fault } = await mock.http.post('/__mock/faults').send({ operation: 'sendAll', appid, http_status: 503 });
    expect(fault).toEqual({ id: fault.id, operation: 'sendAll', appid, http_status: 503, times: 1 });
    const res = await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: 'fault_injected', message: `fault ${fault.id} (POST /__mock/faults) answers HTTP 503 for sendAll`, fault: fault.id });
    expect((await mock.http.get('/__mock/state').query({ appid })).body.apps[0].message_count).toBe(0);
    // The contract kit accepts the 5xx only when told a fault was injected.
    const exchange = { status: res.status, headers: { 'content-type': res.headers['content-type'] as string }, body: res.text };
    expect(validateExchange('sendAll', exchange, { faultInjected: true })).toEqual([]);
    expect(validateExchange('sendAll', exchange).map((v) => v.check)).toContain('no-5xx');
    expect((await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.errcode).toBe(0);
  });

  it('answers a 4xx status as well', async () => {
    mock = newMock();
    const { appid, token } = await appWithToken(mock);
    await mock.http.post('/__mock/faults').send({ operation: 'massmsgget', appid, http_status: 429, times: 2 });
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: 1 })).status).toBe(429);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: 1 })).status).toBe(429);
    expectWxError(await mock.post(PATHS.massmsgget, token, { msg_id: 1 }), 40059);
  });
});

describe('delay_ms and reset faults, over a real socket', () => {
  it('delay_ms holds the real answer at least that long, after the operation ran', async () => {
    server = await startMockServer({ clock: { mode: 'manual' }, seed: 5, validateResponses: true });
    const app = await server.control.createApp();
    const token = await serverToken(server, app.appid, app.secret);
    const DELAY = 300;
    await server.control.fault({ operation: 'setSpeed', appid: app.appid, delay_ms: DELAY });
    const started = performance.now();
    let answeredAt = 0;
    const answer = postJson(server, PATHS.setSpeed, token, { speed: 3 }).then(async (res) => {
      answeredAt = performance.now();
      return { status: res.status, body: await res.json() };
    });
    // The speed changes while the answer is still held.
    let seenAt = 0;
    while (seenAt === 0 && answeredAt === 0) {
      const state = await server.control.state();
      if (state.apps.find((a) => a.appid === app.appid)?.speed === 3) seenAt = performance.now();
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await answer).toEqual({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
    expect(seenAt).toBeGreaterThan(0);
    expect(seenAt).toBeLessThan(answeredAt);
    // Node's timers fire on whole milliseconds; allow the one it may round away.
    expect(answeredAt - started).toBeGreaterThanOrEqual(DELAY - 1);
    // Used once: the next call is answered at once (no upper bound asserted on timing).
    expect(await server.control.faults()).toEqual([]);
    expect((await postJson(server, PATHS.getSpeed, token, {})).status).toBe(200);
  });

  it('reset drops the connection without an answer, and the operation does not run', async () => {
    server = await startMockServer({ clock: { mode: 'manual' }, seed: 5, validateResponses: true });
    const app = await server.control.createApp();
    const token = await serverToken(server, app.appid, app.secret);
    const fault = await server.control.fault({ operation: 'sendAll', appid: app.appid, reset: true });
    expect(fault).toMatchObject({ operation: 'sendAll', appid: app.appid, reset: true, times: 1 });
    const error = await postJson(server, PATHS.sendAll, token, MPNEWS_TO_ALL).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(TypeError);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    expect(`${cause?.code} ${cause?.message}`).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed|socket/i);
    const state = await server.control.state();
    expect(state.apps.find((a) => a.appid === app.appid)?.message_count).toBe(0);
    const again = await postJson(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    expect(((await again.json()) as { errcode: number }).errcode).toBe(0);
  });

  it('the control client adds, lists and clears faults', async () => {
    server = await startMockServer({ clock: { mode: 'manual' }, seed: 5 });
    const app = await server.control.createApp();
    const one = await server.control.fault({ operation: 'getSpeed', appid: app.appid, errcode: -1, times: 4 });
    const two = await server.control.fault({ operation: 'massmsgget', http_status: 502 });
    expect(await server.control.faults()).toEqual([one, two]);
    expect(await server.control.clearFaults(app.appid)).toEqual({ ok: true, removed: 1 });
    expect(await server.control.faults()).toEqual([two]);
    expect(await server.control.clearFaults()).toEqual({ ok: true, removed: 1 });
    await expect(server.control.fault({ operation: 'getSpeed', errcode: 40007 })).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
  });
});

describe('X-Mock-Errcode', () => {
  it('answers a documented errcode after the token check', async () => {
    mock = newMock();
    const token = await mock.token();
    expectWxError(await mock.post(PATHS.setSpeed, token, { speed: 1 }).set('X-Mock-Errcode', '89504'), 89504);
    expectWxError(await mock.http.post(PATHS.setSpeed).query({ access_token: 'nope!' }).set('X-Mock-Errcode', '89504').send({ speed: 1 }), 40014);
  });

  it('ignores an errcode the operation does not document, with a warning header and a contract-valid answer', async () => {
    mock = newMock();
    const token = await mock.token();
    for (const header of ['40007', '12345', 'abc', '0']) {
      const res = await mock.post(PATHS.getSpeed, token, {}).set('X-Mock-Errcode', header);
      expect(res.status).toBe(200);
      expect(res.headers['x-mock-warning']).toBe(`X-Mock-Errcode ${header} ignored: getSpeed does not document it`);
      expect(res.body).toEqual({ speed: 0, realspeed: 80 });
      const exchange = { status: res.status, headers: { 'content-type': res.headers['content-type'] as string }, body: res.text };
      expect(validateExchange('getSpeed', exchange, { expect: 'success' })).toEqual([]);
    }
  });
});
