/**
 * A real SDK from npm, unmodified but for its base URL: co-wechat-api runs token → setSpeed →
 * getSpeed → sendall → massmsgget against a listening mock. It has no speed methods, so those two
 * calls go through its own generic request helper, with the body its postJSON helper would build.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/index.js';

const require = createRequire(import.meta.url);
const WechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoWechatApi;
const { postJSON } = require('co-wechat-api/lib/util.js') as { postJSON(data: unknown): object };

interface CoWechatApi {
  prefix: string;
  ensureAccessToken(): Promise<{ accessToken: string }>;
  request(url: string, opts: object): Promise<Record<string, unknown>>;
  massSendNews(mediaId: string, receivers: boolean | string | string[]): Promise<{ errcode: number; msg_id: number }>;
  getMassMessageStatus(messageId: number | string): Promise<{ msg_id: number; msg_status: string }>;
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ clock: { mode: 'manual' }, seed: 3, validateResponses: true });
});
afterAll(() => server.close());

describe('co-wechat-api against the mock', () => {
  it('runs token, setSpeed, getSpeed, sendall and massmsgget through the whole lifecycle', async () => {
    const api = new WechatAPI('wx0000000000000001', 'mocksecret');
    api.prefix = `${server.url}/cgi-bin/`;
    const { accessToken } = await api.ensureAccessToken();
    expect(accessToken).toMatch(/^[0-9]+_[A-Za-z0-9]+$/);

    const speedUrl = (op: string) => `${api.prefix}message/mass/speed/${op}?access_token=${accessToken}`;
    expect(await api.request(speedUrl('set'), postJSON({ speed: 2 }))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.request(speedUrl('get'), postJSON({}))).toEqual({ speed: 2, realspeed: 45 });

    const sent = await api.massSendNews('MEDIA_ID_1', true);
    expect(sent.errcode).toBe(0);
    expect(sent.msg_id).toBeGreaterThan(2 ** 31);
    expect(await api.getMassMessageStatus(sent.msg_id)).toEqual({ msg_id: sent.msg_id, msg_status: 'SENDING' });

    await server.control.advance(Math.ceil((1_000_000 / 450_000) * 60_000));
    expect(await api.getMassMessageStatus(String(sent.msg_id))).toEqual({ msg_id: sent.msg_id, msg_status: 'SEND_SUCCESS' });
    expect(server.app.mock.violations).toEqual([]);
  });

  it('surfaces WeChat errors as the SDK expects them: a thrown error with the errcode', async () => {
    const api = new WechatAPI('wx0000000000000001', 'mocksecret');
    api.prefix = `${server.url}/cgi-bin/`;
    const { accessToken } = await api.ensureAccessToken();
    await expect(api.request(`${api.prefix}message/mass/speed/set?access_token=${accessToken}`, postJSON({ speed: 9 }))).rejects.toMatchObject({ name: 'WeChatAPIError', code: 45083 });
    await expect(api.getMassMessageStatus(3147494522)).rejects.toMatchObject({ code: 40059 });
  });
});
