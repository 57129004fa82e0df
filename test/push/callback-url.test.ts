/**
 * Setting a callback URL when creating an app: verified first with a signed GET whose echostr the
 * handler must echo; refused when unverified, unreachable, incomplete or (by default) not loopback;
 * the callback token and EncodingAESKey never shown.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../mock/index.js';
import { startReceiver, unusedPort } from './receiver.js';
import { AES_KEY, TOKEN, control, createCallbackApp, serversClosedAfterEach, sign } from './push-fixtures.js';
import { T0 } from '../helpers.js';

const { start, handler, track } = serversClosedAfterEach();

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
    track(receiver);
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
