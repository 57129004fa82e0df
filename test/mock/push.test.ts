/**
 * The event push end to end: a real mock server on a manual clock, a real node:http callback
 * handler on another loopback port. The handler is written from wechat-facts §3 alone (its own
 * sha1, its own AES decryption, its own XML reading), never from the mock's push modules, so a bug
 * shared by both sides cannot hide.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, startMockServer, type MockServer, type ServerOptions } from '../../mock/index.js';
import { parseCliOptions, UsageError, USAGE } from '../../mock/cli/parse-cli-options.js';
import type { AppView, MessageView } from '../../mock/control/views.js';
import { items, inner, text } from '../push/xml-fields.js';
import { startReceiver, unusedPort, type Answer, type Received, type Receiver } from '../push/receiver.js';
import { MPNEWS_TO_ALL, OPENIDS, PATHS, T0 } from '../helpers.js';

/** WeChat's signature as its doc states it: sha1 of the parts sorted as strings, joined with nothing. */
const sign = (...parts: string[]) => createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');

const TOKEN = 'cbToken2026';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
/** Small push options so retries take milliseconds, not WeChat's 5 s. */
const FAST_PUSH = { timeout_ms: 300, retry_delay_ms: 10 };

/** AES-256-CBC as a receiver does it (WXBizMsgCrypt): key = base64(EncodingAESKey + "="), IV = key[:16], PKCS#7 to 32 bytes. */
function decrypt(encrypt: string, encodingAesKey: string): { message: string; appid: string } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  expect(pad).toBeGreaterThanOrEqual(1);
  expect(pad).toBeLessThanOrEqual(32);
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  return { message: plain.subarray(20, 20 + length).toString('utf8'), appid: plain.subarray(20 + length).toString('utf8') };
}

interface ReceivedEvent {
  request: Received;
  /** The plaintext event XML (decrypted in safe mode). */
  xml: string;
  signatureOk: boolean;
}

/**
 * A callback handler as an app would write it: verifies `signature` on every request, echoes
 * echostr on the verification GET, and on a POST checks msg_signature and decrypts in safe mode.
 * `reply` decides each POST's answer (1-based count of POSTs).
 */
async function startHandler(options: { token?: string; aesKey?: string; appid?: () => string; reply?: (count: number) => Answer } = {}) {
  const token = options.token ?? TOKEN;
  const events: ReceivedEvent[] = [];
  let posts = 0;
  const receiver = await startReceiver((request) => {
    const q = request.url.searchParams;
    const signatureOk = q.get('signature') === sign(token, q.get('timestamp') ?? '', q.get('nonce') ?? '');
    if (request.method === 'GET') return signatureOk ? { body: q.get('echostr') ?? '' } : { status: 403, body: 'bad signature' };
    posts += 1;
    let xml = request.body;
    if (q.get('encrypt_type') === 'aes') {
      const encrypt = text(request.body, 'Encrypt') ?? '';
      expect(q.get('msg_signature')).toBe(sign(token, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypt));
      const plain = decrypt(encrypt, options.aesKey ?? AES_KEY);
      if (options.appid) expect(plain.appid).toBe(options.appid());
      xml = plain.message;
    }
    events.push({ request, xml, signatureOk });
    return options.reply ? options.reply(posts) : { body: 'success' };
  });
  return { receiver, events, gets: () => receiver.received.filter((r) => r.method === 'GET') };
}

let mock: MockServer | undefined;
const receivers: Receiver[] = [];
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function start(options: ServerOptions = {}): Promise<MockServer> {
  mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 7, validateResponses: true, ...options });
  return mock;
}

async function handler(options: Parameters<typeof startHandler>[0] = {}) {
  const h = await startHandler(options);
  receivers.push(h.receiver);
  return h;
}

async function control(server: MockServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/__mock${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function wechat(server: MockServer, path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

async function tokenFor(server: MockServer, app: AppView): Promise<string> {
  const res = await fetch(`${server.url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

async function messageOf(server: MockServer, appid: string, msgId: number): Promise<MessageView> {
  const state = await server.control.state();
  const message = state.apps.find((app) => app.appid === appid)?.messages.find((m) => m.msg_id === msgId);
  if (!message) throw new Error(`no message ${msgId}`);
  return message;
}

/** Every field of the event against the send it reports. */
function expectEvent(xml: string, expected: { app: AppView; message: MessageView; status: string }) {
  const { app, message, status } = expected;
  expect(text(xml, 'ToUserName')).toBe(app.original_id);
  expect(text(xml, 'FromUserName')).toMatch(/^o[A-Za-z0-9_-]{27}$/);
  expect(Number(text(xml, 'CreateTime'))).toBe(Math.floor(Date.parse(message.finished_at ?? '') / 1000));
  expect(text(xml, 'MsgType')).toBe('event');
  expect(text(xml, 'Event')).toBe('MASSSENDJOBFINISH');
  expect(text(xml, 'MsgID')).toBe(String(message.msg_id));
  expect(text(xml, 'Status')).toBe(status);
  const total = Number(text(xml, 'TotalCount'));
  const filter = Number(text(xml, 'FilterCount'));
  const sent = Number(text(xml, 'SentCount'));
  const errors = Number(text(xml, 'ErrorCount'));
  expect(total).toBe(message.audience);
  expect(filter).toBeLessThanOrEqual(total);
  expect(filter).toBeGreaterThanOrEqual(Math.floor(total * 0.98));
  expect(sent + errors).toBe(filter);
  if (status !== 'send success') expect(sent).toBe(0);
  return { total, filter, sent, errors };
}

async function createCallbackApp(server: MockServer, input: Record<string, unknown>): Promise<AppView> {
  const res = await control(server, 'POST', '/apps', { callback_token: TOKEN, push: FAST_PUSH, ...input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as AppView;
}

describe('the signature helper the handler uses', () => {
  it('matches the doc\'s worked example (token AAAAA, timestamp 1714037059, nonce 486452656)', () => {
    expect(sign('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(sign('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });
});

describe('the MASSSENDJOBFINISH push', () => {
  it('POSTs send success, signed, with every field matching the send, once the send ends', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, fans: 1000 });
    expect(h.gets()).toHaveLength(1);
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    const msgId = sent.msg_id as number;
    await server.app.mock.push.idle();
    expect(h.events).toHaveLength(0); // still SENDING: nothing pushed yet
    await server.control.advance(60_000, app.appid);
    await server.app.mock.push.idle();

    expect(h.events).toHaveLength(1);
    const [event] = h.events;
    if (!event) throw new Error('no push');
    expect(event.signatureOk).toBe(true);
    expect(event.request.method).toBe('POST');
    expect(event.request.url.pathname).toBe('/wechat/callback');
    expect([...event.request.url.searchParams.keys()].sort()).toEqual(['nonce', 'signature', 'timestamp']);
    expect(Number(event.request.url.searchParams.get('timestamp'))).toBe(Math.floor((T0 + 60_000) / 1000));
    const message = await messageOf(server, app.appid, msgId);
    expect(message.status).toBe('SEND_SUCCESS');
    expectEvent(event.xml, { app, message, status: 'send success' });
    // mpnews: the article's URL, which deleteMassMsg accepts back.
    const urls = items(inner(event.xml, 'ArticleUrlResult') ?? '');
    expect(urls).toHaveLength(1);
    expect(text(urls[0] ?? '', 'ArticleUrl')).toContain(`mid=${msgId}`);
    expect(message.pushes).toEqual([{ attempt: 1, outcome: 'ok', status: 200, reply: 'success', at: new Date(Math.floor((T0 + 60_000) / 1000) * 1000).toISOString(), duration_ms: expect.any(Number) }]);
    server.app.mock.violations.forEach((v) => expect(v).toBeUndefined());
  });

  it('encrypts in safe mode when the app has an encoding_aes_key, and counts an openid list', async () => {
    const server = await start();
    let appid = '';
    const h = await handler({ appid: () => appid });
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, encoding_aes_key: AES_KEY });
    appid = app.appid;
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.massSend, token, { touser: OPENIDS, msgtype: 'text', text: { content: 'hi' } });
    await server.control.advance(60_000);
    await server.app.mock.push.idle();

    const [event] = h.events;
    if (!event) throw new Error('no push');
    const q = event.request.url.searchParams;
    expect([...q.keys()].sort()).toEqual(['encrypt_type', 'msg_signature', 'nonce', 'signature', 'timestamp']);
    expect(q.get('encrypt_type')).toBe('aes');
    expect(event.signatureOk).toBe(true);
    // Only ToUserName stays readable outside Encrypt.
    expect(text(event.request.body, 'ToUserName')).toBe(app.original_id);
    expect(event.request.body).not.toContain('MASSSENDJOBFINISH');
    const message = await messageOf(server, app.appid, sent.msg_id as number);
    const counts = expectEvent(event.xml, { app, message, status: 'send success' });
    expect(counts.total).toBe(2);
    // A text send publishes no article.
    expect(text(inner(event.xml, 'ArticleUrlResult') ?? '', 'Count')).toBe('0');
  });

  it('pushes err(40001) when the administrator rejects a protected send', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, protection: true, fans: 5000 });
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.reject(sent.msg_id as number);
    await server.app.mock.push.idle();
    const message = await messageOf(server, app.appid, sent.msg_id as number);
    expect(message.status).toBe('SEND_FAIL');
    const [event] = h.events;
    const counts = expectEvent(event?.xml ?? '', { app, message, status: 'err(40001)' });
    expect(counts.errors).toBe(counts.filter);
    expect(text(inner(event?.xml ?? '', 'ArticleUrlResult') ?? '', 'Count')).toBe('0');
  });

  it('pushes err(40002) when nobody answers the confirmation within 30 minutes', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, protection: true });
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(30 * 60_000 - 1, app.appid);
    await server.app.mock.push.idle();
    expect(h.events).toHaveLength(0);
    await server.control.advance(1, app.appid);
    await server.app.mock.push.idle();
    const message = await messageOf(server, app.appid, sent.msg_id as number);
    expectEvent(h.events[0]?.xml ?? '', { app, message, status: 'err(40002)' });
  });

  it('pushes the status a failed send was given, and "send fail" by default', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url });
    const token = await tokenFor(server, app);
    const first = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    const second = await wechat(server, PATHS.massSend, token, { touser: OPENIDS, msgtype: 'text', text: { content: 'x' } });
    await server.control.fail(first.msg_id as number, 'err(20001)');
    await server.control.fail(second.msg_id as number);
    await server.app.mock.push.idle();
    const byId = new Map(h.events.map((event) => [text(event.xml, 'MsgID'), event.xml]));
    expectEvent(byId.get(String(first.msg_id)) ?? '', { app, message: await messageOf(server, app.appid, first.msg_id as number), status: 'err(20001)' });
    expectEvent(byId.get(String(second.msg_id)) ?? '', { app, message: await messageOf(server, app.appid, second.msg_id as number), status: 'send fail' });
  });

  it('sends nothing for an app without a callback URL', async () => {
    const server = await start();
    const app = (await server.control.createApp({ fans: 1000 })) as AppView;
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(60_000);
    expect(server.app.mock.push.pending).toBe(0);
    expect((await messageOf(server, app.appid, sent.msg_id as number)).pushes).toEqual([]);
  });
});

describe('retries', () => {
  async function pushWith(reply: (count: number) => Answer, push = FAST_PUSH) {
    const server = await start();
    const h = await handler({ reply });
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, push });
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(60 * 60_000);
    await server.app.mock.push.idle();
    return { server, h, app, message: await messageOf(server, app.appid, sent.msg_id as number) };
  }

  it('makes exactly 1 + 3 attempts when the handler keeps answering something other than success', async () => {
    const { h, message } = await pushWith(() => ({ body: 'fail' }));
    expect(h.events).toHaveLength(4);
    expect(message.pushes.map((p) => [p.attempt, p.outcome, p.status, p.reply])).toEqual([
      [1, 'bad_reply', 200, 'fail'],
      [2, 'bad_reply', 200, 'fail'],
      [3, 'bad_reply', 200, 'fail'],
      [4, 'bad_reply', 200, 'fail'],
    ]);
    // Each retry is re-signed with a fresh nonce; the event itself (CreateTime, counts) is the same.
    expect(new Set(h.events.map((e) => e.request.url.searchParams.get('nonce'))).size).toBe(4);
    expect(h.events.every((e) => e.signatureOk)).toBe(true);
    expect(new Set(h.events.map((e) => e.xml)).size).toBe(1);
  });

  it('journals every attempt as a direction "out" entry, without the callback token', async () => {
    const { server, h, app, message } = await pushWith(() => ({ status: 502, body: 'bad gateway' }));
    const res = await fetch(`${server.url}/__mock/requests?direction=out`);
    const { requests } = (await res.json()) as { requests: Record<string, unknown>[] };
    expect(requests).toHaveLength(4);
    requests.forEach((entry, i) => {
      const event = h.events[i];
      expect(entry).toMatchObject({
        direction: 'out',
        operation: 'MASSSENDJOBFINISH',
        appid: app.appid,
        method: 'POST',
        path: '/wechat/callback',
        status: 502,
        time: message.pushes[i]?.at,
        query: Object.fromEntries(event?.request.url.searchParams ?? []),
        body: event?.request.body,
      });
    });
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
  });

  it('makes exactly 1 + 3 attempts when the handler is slower than the push timeout', async () => {
    const { h, message } = await pushWith(() => ({ body: 'success', delayMs: 400 }), { timeout_ms: 100, retry_delay_ms: 5 });
    expect(h.events).toHaveLength(4);
    expect(message.pushes.map((p) => p.outcome)).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
    expect(message.pushes[0]?.error).toBe('no full reply within 100 ms');
  });

  it('counts an HTTP error as a failed attempt, and stops at the first success or empty reply', async () => {
    const { h, message } = await pushWith((count) => (count === 1 ? { status: 500, body: 'oops' } : count === 2 ? { body: 'nope' } : { body: '' }));
    expect(h.events).toHaveLength(3);
    expect(message.pushes.map((p) => [p.outcome, p.status])).toEqual([
      ['http_error', 500],
      ['bad_reply', 200],
      ['ok', 200],
    ]);
  });

  it('stops retrying when the app is reset, and journals nothing after', async () => {
    const server = await start();
    const h = await handler({ reply: () => ({ body: 'fail' }) });
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, push: { timeout_ms: 300, retry_delay_ms: 300 } });
    const token = await tokenFor(server, app);
    await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(60 * 60_000);
    await expect.poll(() => server.app.mock.journal.list({ direction: 'out' }).length).toBe(1);
    await server.control.reset(app.appid);
    await server.app.mock.push.idle();
    expect(h.events).toHaveLength(1);
    expect(server.app.mock.journal.list({ direction: 'out' })).toEqual([]);
  });

  it('records a handler that went away as network errors', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url });
    await h.receiver.close();
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(60 * 60_000);
    await server.app.mock.push.idle();
    const { pushes } = await messageOf(server, app.appid, sent.msg_id as number);
    expect(pushes.map((p) => p.outcome)).toEqual(['network_error', 'network_error', 'network_error', 'network_error']);
    expect(pushes[0]?.error).toMatch(/ECONNREFUSED/);
  });
});

describe('shutdown and the real clock', () => {
  it('close() cancels a push under way instead of waiting for the handler', async () => {
    const server = await start();
    const h = await handler({ reply: () => ({ body: 'success', delayMs: 10_000 }) });
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, push: { timeout_ms: 20_000, retry_delay_ms: 20_000 } });
    const token = await tokenFor(server, app);
    await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(60 * 60_000);
    await expect.poll(() => h.events.length).toBe(1);
    expect(server.app.mock.push.pending).toBe(1);
    const started = performance.now();
    await server.close();
    mock = undefined;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(server.app.mock.push.pending).toBe(0);
    const message = [...server.app.mock.sim.store.messages.values()][0];
    expect(message?.pushes.map((p) => [p.outcome, p.error])).toEqual([['network_error', 'delivery cancelled']]);
  });

  it('on the real clock, a send ends and is pushed without anyone asking', async () => {
    const server = await start({ clock: { mode: 'real' } });
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, fans: 1000 }); // 75 ms at speed 0
    const token = await tokenFor(server, app);
    const sent = await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await expect.poll(() => h.events.length, { timeout: 3000 }).toBe(1);
    expect(text(h.events[0]?.xml ?? '', 'MsgID')).toBe(String(sent.msg_id));
    expect(text(h.events[0]?.xml ?? '', 'Status')).toBe('send success');
  });
});

describe('setting a callback URL', () => {
  it('verifies it first with a signed GET whose echostr the handler echoes', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url });
    const [get] = h.gets();
    const q = get?.url.searchParams;
    expect([...(q?.keys() ?? [])].sort()).toEqual(['echostr', 'nonce', 'signature', 'timestamp']);
    expect(q?.get('signature')).toBe(sign(TOKEN, q?.get('timestamp') ?? '', q?.get('nonce') ?? ''));
    expect(q?.get('timestamp')).toBe(String(Math.floor(T0 / 1000)));
    expect(app.callback_url).toBe(h.receiver.url);
    expect(app.has_callback_token).toBe(true);
  });

  it('refuses a URL whose handler does not echo echostr (400), and creates nothing', async () => {
    const server = await start();
    const receiver = await startReceiver(() => ({ body: 'success' }));
    receivers.push(receiver);
    const res = await control(server, 'POST', '/apps', { appid: 'wx00000000000000e1', callback_url: receiver.url, callback_token: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.message).toMatch(/instead of echoing echostr/);
    const state = await server.control.state();
    expect(state.apps.some((app) => app.appid === 'wx00000000000000e1')).toBe(false);
  });

  it('refuses a handler that checks the signature against another token', async () => {
    const server = await start();
    const h = await handler({ token: 'someOtherToken' });
    const res = await control(server, 'POST', '/apps', { callback_url: h.receiver.url, callback_token: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/HTTP 403/);
  });

  it('refuses an unreachable URL with a clear message', async () => {
    const server = await start();
    const port = await unusedPort();
    const res = await control(server, 'POST', '/apps', { callback_url: `http://127.0.0.1:${port}/cb`, callback_token: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/unreachable/);
  });

  it('refuses a callback_url without a callback_token, and a bad encoding_aes_key', async () => {
    const server = await start();
    const h = await handler();
    const noToken = await control(server, 'POST', '/apps', { callback_url: h.receiver.url });
    expect(noToken.status).toBe(400);
    expect(noToken.body.message).toMatch(/callback_url requires callback_token/);
    const badKey = await control(server, 'POST', '/apps', { callback_url: h.receiver.url, callback_token: TOKEN, encoding_aes_key: 'short' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toMatch(/encoding_aes_key/);
    expect(h.gets()).toHaveLength(0);
  });

  it('refuses a non-loopback URL without allowRemoteCallbacks, and never calls it', async () => {
    const server = await start();
    const h = await handler();
    // 0.0.0.0 reaches this machine, yet is not a loopback address: a fair stand-in for a remote host.
    const remote = h.receiver.url.replace('127.0.0.1', '0.0.0.0');
    const res = await control(server, 'POST', '/apps', { callback_url: remote, callback_token: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not a loopback address.*--allow-remote-callbacks/);
    const external = await control(server, 'POST', '/apps', { callback_url: 'https://example.com/wechat', callback_token: TOKEN });
    expect(external.status).toBe(400);
    expect(h.gets()).toHaveLength(0);
  });

  it('accepts a non-loopback URL with allowRemoteCallbacks', async () => {
    const server = await start({ allowRemoteCallbacks: true });
    const h = await handler();
    const remote = h.receiver.url.replace('127.0.0.1', '0.0.0.0');
    const res = await control(server, 'POST', '/apps', { callback_url: remote, callback_token: TOKEN });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(h.gets()).toHaveLength(1);
  });

  it('refuses start-up apps that break the callback rules', () => {
    expect(() => createApp({ apps: [{ callback_url: 'http://127.0.0.1:9/cb' }] })).toThrow(/requires callback_token/);
    expect(() => createApp({ apps: [{ callback_url: 'http://10.0.0.1/cb', callback_token: TOKEN }] })).toThrow(/not a loopback address/);
    expect(() => createApp({ allowRemoteCallbacks: true, apps: [{ callback_url: 'http://10.0.0.1/cb', callback_token: TOKEN }] })).not.toThrow();
  });

  it('never shows the callback token or the EncodingAESKey', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url, encoding_aes_key: AES_KEY });
    const state = JSON.stringify(await server.control.state());
    for (const shown of [JSON.stringify(app), state]) {
      expect(shown).not.toContain(TOKEN);
      expect(shown).not.toContain(AES_KEY);
    }
    expect(app).toMatchObject({ has_callback_token: true, has_encoding_aes_key: true });
  });
});

describe('PATCH /__mock/apps/{appid}', () => {
  it('sets a callback URL after the fact, verifying it first', async () => {
    const server = await start();
    const h = await handler();
    const app = (await server.control.createApp({ fans: 1000 })) as AppView;
    const updated = await server.control.updateApp(app.appid, { callback_url: h.receiver.url, callback_token: TOKEN, push: FAST_PUSH });
    expect(updated.callback_url).toBe(h.receiver.url);
    expect(updated.push).toEqual(FAST_PUSH);
    expect(h.gets()).toHaveLength(1);
    const token = await tokenFor(server, app);
    await wechat(server, PATHS.sendAll, token, MPNEWS_TO_ALL);
    await server.control.advance(60_000);
    await server.app.mock.push.idle();
    expect(h.events).toHaveLength(1);
  });

  it('refuses a URL that fails verification and leaves the app as it was', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url });
    const bad = await startReceiver(() => ({ body: 'not the echo' }));
    receivers.push(bad);
    const res = await control(server, 'PATCH', `/apps/${app.appid}`, { callback_url: bad.url, speed: 3 });
    expect(res.status).toBe(400);
    const after = (await server.control.state()).apps.find((a) => a.appid === app.appid);
    expect(after?.callback_url).toBe(h.receiver.url);
    expect(after?.speed).toBe(0);
  });

  it('re-verifies when only the token changes, and removes the callback with null', async () => {
    const server = await start();
    const h = await handler();
    const app = await createCallbackApp(server, { callback_url: h.receiver.url });
    const res = await control(server, 'PATCH', `/apps/${app.appid}`, { callback_token: 'anotherToken' });
    expect(res.status).toBe(400);
    expect(h.gets()).toHaveLength(2);
    const cleared = await server.control.updateApp(app.appid, { callback_url: null });
    expect(cleared.callback_url).toBeNull();
  });

  it('changes speed (as getSpeed then shows), protection, fans, tags and limits', async () => {
    const server = await start();
    const app = (await server.control.createApp()) as AppView;
    const updated = await server.control.updateApp(app.appid, { speed: 3, protection: true, fans: 42, tags: [{ id: 7, name: 'vip', count: 5 }], limits: { per_minute: 100 } });
    expect(updated).toMatchObject({ speed: 3, realspeed: 30, protection: true, fans: 42, tags: [{ id: 7, name: 'vip', count: 5 }], limits: { per_minute: 100 } });
    const token = await tokenFor(server, app);
    expect(await wechat(server, PATHS.getSpeed, token, {})).toEqual({ speed: 3, realspeed: 30 });
  });

  it('answers 404 for an unknown app and 400 for an unknown field or a speed out of range', async () => {
    const server = await start();
    expect((await control(server, 'PATCH', '/apps/wx00000000000000ff', { speed: 1 })).status).toBe(404);
    const app = (await server.control.createApp()) as AppView;
    const unknown = await control(server, 'PATCH', `/apps/${app.appid}`, { colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/unknown field "colour"/);
    expect((await control(server, 'PATCH', `/apps/${app.appid}`, { speed: 5 })).status).toBe(400);
  });
});

describe('the CLI flag', () => {
  it('--allow-remote-callbacks and WXMOCK_ALLOW_REMOTE_CALLBACKS turn remote callbacks on; default off', () => {
    expect(parseCliOptions([], {}).allowRemoteCallbacks).toBe(false);
    expect(parseCliOptions(['--allow-remote-callbacks'], {}).allowRemoteCallbacks).toBe(true);
    expect(parseCliOptions([], { WXMOCK_ALLOW_REMOTE_CALLBACKS: '1' }).allowRemoteCallbacks).toBe(true);
    expect(parseCliOptions([], { WXMOCK_ALLOW_REMOTE_CALLBACKS: 'false' }).allowRemoteCallbacks).toBe(false);
    expect(() => parseCliOptions([], { WXMOCK_ALLOW_REMOTE_CALLBACKS: 'maybe' })).toThrow(UsageError);
    expect(USAGE).toContain('--allow-remote-callbacks');
  });
});
