/**
 * Fixtures for the event push end to end: a real mock server on a manual clock, a real node:http
 * callback handler on another loopback port. The handler is written from wechat-facts §3 alone (its
 * own sha1, its own AES decryption, its own XML reading), never from the mock's push modules, so a
 * bug shared by both sides cannot hide.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { afterEach, expect } from 'vitest';
import { startMockServer, type MockServer, type ServerOptions } from '../../mock/index.js';
import type { AppView, MessageView } from '../../mock/control/views.js';
import { text } from './xml-fields.js';
import { startReceiver, type Answer, type Received, type Receiver } from './receiver.js';
import { PATHS, T0 } from '../helpers.js';

/** WeChat's signature as its doc states it: sha1 of the parts sorted as strings, joined with nothing. */
export const sign = (...parts: string[]) => createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');

export const TOKEN = 'cbToken2026';
export const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
/** Small push options so retries take milliseconds, not WeChat's 5 s. */
export const FAST_PUSH = { timeout_ms: 300, retry_delay_ms: 10 };

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

export interface ReceivedEvent {
  request: Received;
  /** The plaintext event XML (decrypted in safe mode). */
  xml: string;
  signatureOk: boolean;
}

export interface HandlerOptions {
  token?: string;
  aesKey?: string;
  appid?: () => string;
  reply?: (count: number) => Answer;
}

/**
 * A callback handler as an app would write it: verifies `signature` on every request, echoes
 * echostr on the verification GET, and on a POST checks msg_signature and decrypts in safe mode.
 * `reply` decides each POST's answer (1-based count of POSTs).
 */
async function startHandler(options: HandlerOptions = {}) {
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

/**
 * The mock server and callback handlers a test starts, all closed after each test. Call once, at
 * the top level of a test file.
 */
export function serversClosedAfterEach() {
  let mock: MockServer | undefined;
  const receivers: Receiver[] = [];
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
    for (const receiver of receivers.splice(0)) await receiver.close();
  });
  return {
    /** A mock on a manual clock at T0 (seed 7, answers validated against openapi.yaml). */
    async start(options: ServerOptions = {}): Promise<MockServer> {
      mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 7, validateResponses: true, ...options });
      return mock;
    },
    /** A callback handler as an app would write it (see startHandler). */
    async handler(options: HandlerOptions = {}) {
      const h = await startHandler(options);
      receivers.push(h.receiver);
      return h;
    },
    /** Closes a receiver the test started itself after the test. */
    track(receiver: Receiver): void {
      receivers.push(receiver);
    },
    /** The test closed its server itself: nothing is left to close. */
    forget(): void {
      mock = undefined;
    },
  };
}

export async function control(server: MockServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/__mock${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function wechat(server: MockServer, path: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

export async function tokenFor(server: MockServer, app: AppView): Promise<string> {
  const res = await fetch(`${server.url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export async function messageOf(server: MockServer, appid: string, msgId: number): Promise<MessageView> {
  const state = await server.control.state();
  const message = state.apps.find((app) => app.appid === appid)?.messages.find((m) => m.msg_id === msgId);
  if (!message) throw new Error(`no message ${msgId}`);
  return message;
}

/** Every field of the event against the send it reports. */
export function expectEvent(xml: string, expected: { app: AppView; message: MessageView; status: string }) {
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

/** An app with the callback token and fast push options, created (and its URL verified) through the control API. */
export async function createCallbackApp(server: MockServer, input: Record<string, unknown>): Promise<AppView> {
  const res = await control(server, 'POST', '/apps', { callback_token: TOKEN, push: FAST_PUSH, ...input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as AppView;
}
