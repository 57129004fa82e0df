/** The push and the server's lifetime: close() cancels a push under way; on the real clock a send ends and is pushed by itself. */
import { describe, expect, it } from 'vitest';
import { text } from './xml-fields.js';
import { createCallbackApp, serversClosedAfterEach, tokenFor, wechat } from './push-fixtures.js';
import { MPNEWS_TO_ALL, PATHS } from '../helpers.js';

const { start, handler, forget } = serversClosedAfterEach();

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
    forget();
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
