/**
 * The MASSSENDJOBFINISH push end to end: once a send ends (or is rejected, expires or fails), the
 * mock POSTs the event to the app's callback URL, signed and in safe mode encrypted, with every field
 * matching the send. The handler is the fixtures' independent one (push-fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import type { AppView } from '../../mock/control/views.js';
import { items, inner, text } from './xml-fields.js';
import { AES_KEY, createCallbackApp, expectEvent, messageOf, serversClosedAfterEach, tokenFor, wechat } from './push-fixtures.js';
import { MPNEWS_TO_ALL, PATHS, T0, followersAt } from '../helpers.js';

const { start, handler } = serversClosedAfterEach();

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
    // mpnews: the article's URL, carrying the msg_data_id as real article URLs do, which deleteMassMsg accepts back.
    const urls = items(inner(event.xml, 'ArticleUrlResult') ?? '');
    expect(urls).toHaveLength(1);
    expect(message.msg_data_id).toEqual(expect.any(Number));
    expect(text(urls[0] ?? '', 'ArticleUrl')).toContain(`mid=${message.msg_data_id}&idx=1`);
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
    const sent = await wechat(server, PATHS.massSend, token, { touser: await followersAt(server.url, token), msgtype: 'text', text: { content: 'hi' } });
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
    const second = await wechat(server, PATHS.massSend, token, { touser: await followersAt(server.url, token), msgtype: 'text', text: { content: 'x' } });
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
