/**
 * Retries of the MASSSENDJOBFINISH push: 1 + 3 attempts when the handler answers anything but
 * success, times out, fails over HTTP or is gone; each attempt journaled; none after a reset.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from './receiver.js';
import { FAST_PUSH, TOKEN, createCallbackApp, messageOf, serversClosedAfterEach, tokenFor, wechat } from './push-fixtures.js';
import { MPNEWS_TO_ALL, PATHS } from '../helpers.js';

const { start, handler } = serversClosedAfterEach();

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
