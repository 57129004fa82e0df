/** PATCH /__mock/apps/{appid}: a callback URL set, re-verified or removed after the fact; speed, protection, fans, tags and limits changed. */
import { describe, expect, it } from 'vitest';
import type { AppView } from '../../mock/control/views.js';
import { startReceiver } from '../push/receiver.js';
import { FAST_PUSH, TOKEN, control, createCallbackApp, serversClosedAfterEach, tokenFor, wechat } from '../push/push-fixtures.js';
import { MPNEWS_TO_ALL, PATHS } from '../helpers.js';

const { start, handler, track } = serversClosedAfterEach();

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
    track(bad);
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
    const updated = await server.control.updateApp(app.appid, { speed: 3, protection: true, fans: 42, tags: [{ id: 107, name: 'vip', count: 5 }], limits: { per_minute: 100 } });
    expect(updated).toMatchObject({ speed: 3, realspeed: 30, protection: true, fans: 42, tags: [{ id: 2, name: '星标组', count: 0 }, { id: 107, name: 'vip', count: 5 }], limits: { per_minute: 100 } });
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
