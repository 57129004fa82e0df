/**
 * A real SDK from npm, unmodified but for its base URLs (`prefix`, and `fileServerPrefix` where it
 * posts uploadvideo): co-wechat-api runs token → setSpeed → getSpeed → sendall → massmsgget, and the
 * content of a send as a service makes it: a cover as permanent material, news from uploadnews, an
 * mpnews send; a video upload made an mpvideo and sent; and the material library: counted, listed,
 * read, removed, an image uploaded for article content, add_news refused. It has no speed methods,
 * so those two calls go through its own generic request helper, with the body its postJSON helper
 * would build. Then it pages followers and a tag's fans to the end with its own getFollowers and
 * getUsersFromTag, stopping as wechatpy's iterators do.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NEWS_MEDIA_ID, startMockServer, type MockServer } from '../../mock/index.js';
import { FILES } from '../helpers.js';

const require = createRequire(import.meta.url);
const WechatAPI = require('co-wechat-api') as new (appid: string, secret: string) => CoWechatApi;
const { postJSON } = require('co-wechat-api/lib/util.js') as { postJSON(data: unknown): object };

type SendResult = { errcode: number; msg_id: number };
type MediaResult = { type: string; media_id: string; created_at: number };

interface CoWechatApi {
  prefix: string;
  fileServerPrefix: string;
  ensureAccessToken(): Promise<{ accessToken: string }>;
  request(url: string, opts: object): Promise<Record<string, unknown>>;
  massSendNews(mediaId: string, receivers: boolean | string | string[]): Promise<SendResult>;
  getMassMessageStatus(messageId: number | string): Promise<{ msg_id: number; msg_status: string }>;
  uploadMaterial(filepath: string, type: string): Promise<{ media_id: string; url?: string }>;
  uploadNews(news: { articles: object[] }): Promise<MediaResult>;
  uploadMedia(filepath: string, type: string): Promise<MediaResult>;
  uploadMPVideo(opts: { media_id: string; title: string; description: string }): Promise<MediaResult>;
  massSendMPVideo(data: { media_id: string; title: string; description: string }, receivers: boolean | string | string[]): Promise<SendResult>;
  getFollowers(nextOpenid?: string): Promise<OpenidPage & { total: number }>;
  getUsersFromTag(tagId: number, nextOpenid?: string): Promise<OpenidPage>;
  getTags(): Promise<{ tags: { id: number; name: string; count: number }[] }>;
  createTags(name: string): Promise<{ tag: { id: number; name: string } }>;
  batchTagging(openids: string[], tagId: number): Promise<{ errcode: number }>;
  getIdList(openid: string): Promise<{ tagid_list: number[] }>;
  getMaterialCount(): Promise<Record<string, number>>;
  getMaterials(type: string, offset: number, count: number): Promise<{ total_count: number; item_count: number; item: { media_id: string; name: string }[] }>;
  getMaterial(mediaId: string): Promise<unknown>;
  removeMaterial(mediaId: string): Promise<{ errcode: number; errmsg: string }>;
  uploadImage(filepath: string): Promise<{ url: string }>;
  uploadNewsMaterial(news: { articles: object[] }): Promise<unknown>;
}

interface OpenidPage {
  count: number;
  data?: { openid: string[] };
  next_openid: string;
}

/**
 * Every openid, page by page, as wechatpy's iter_followers and iter_tag_users walk them: next_openid
 * is read from every page, and the walk stops only when a page has no data or next_openid is empty.
 */
async function walk(page: (next: string | undefined) => Promise<OpenidPage>): Promise<{ openids: string[]; calls: number }> {
  const openids: string[] = [];
  let next: string | undefined;
  for (let calls = 1; ; calls++) {
    const answer = await page(next);
    next = answer.next_openid;
    if (!answer.data) return { openids, calls };
    openids.push(...answer.data.openid);
    if (!next) return { openids, calls };
  }
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ clock: { mode: 'manual' }, seed: 3, validateResponses: true });
});
afterAll(() => server.close());

function sdk(): CoWechatApi {
  const api = new WechatAPI('wx0000000000000001', 'mocksecret');
  api.prefix = `${server.url}/cgi-bin/`;
  api.fileServerPrefix = `${server.url}/cgi-bin/`;
  return api;
}

/** A GIF's signature, then more bytes: ASCII, so a text/plain answer decodes back to the same length. */
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00 a test image', 'latin1');

/** Files on disk, as co-wechat-api uploads them (it reads a path). */
function filesOnDisk(): { cover: string; clip: string; gif: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wxmock-sdk-'));
  const cover = join(dir, FILES.jpeg.filename);
  const clip = join(dir, FILES.mp4.filename);
  const gif = join(dir, 'picture.gif');
  writeFileSync(cover, FILES.jpeg.bytes);
  writeFileSync(clip, FILES.mp4.bytes);
  writeFileSync(gif, GIF);
  return { cover, clip, gif };
}

describe('co-wechat-api against the mock', () => {
  it('runs token, setSpeed, getSpeed, sendall and massmsgget through the whole lifecycle', async () => {
    const api = sdk();
    const { accessToken } = await api.ensureAccessToken();
    expect(accessToken).toMatch(/^[0-9]+_[A-Za-z0-9]+$/);

    const speedUrl = (op: string) => `${api.prefix}message/mass/speed/${op}?access_token=${accessToken}`;
    expect(await api.request(speedUrl('set'), postJSON({ speed: 2 }))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.request(speedUrl('get'), postJSON({}))).toEqual({ speed: 2, realspeed: 45 });

    const sent = await api.massSendNews(DEFAULT_NEWS_MEDIA_ID, true);
    expect(sent.errcode).toBe(0);
    expect(sent.msg_id).toBeGreaterThan(2 ** 31);
    expect(await api.getMassMessageStatus(sent.msg_id)).toEqual({ msg_id: sent.msg_id, msg_status: 'SENDING' });

    await server.control.advance(Math.ceil((1_000_000 / 450_000) * 60_000));
    expect(await api.getMassMessageStatus(String(sent.msg_id))).toEqual({ msg_id: sent.msg_id, msg_status: 'SEND_SUCCESS' });
    expect(server.app.mock.violations).toEqual([]);
  });

  it('uploads a cover as material, makes news of it with uploadNews and sends it with massSendNews', async () => {
    const api = sdk();
    const { cover } = filesOnDisk();
    const material = await api.uploadMaterial(cover, 'image');
    expect(material.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//);
    const news = await api.uploadNews({ articles: [{ thumb_media_id: material.media_id, author: 'xxx', title: 'Happy Day', content_source_url: 'www.qq.com', content: 'content', digest: 'digest', show_cover_pic: '1' }] });
    expect(news).toMatchObject({ type: 'news', media_id: expect.any(String), created_at: expect.any(Number) });
    const sent = await api.massSendNews(news.media_id, '100');
    expect(sent.errcode).toBe(0);
    const message = server.app.mock.sim.store.messages.get(sent.msg_id);
    expect(message).toMatchObject({ msgtype: 'mpnews', articles: 1, audience: 1000 });
    expect(server.app.mock.violations).toEqual([]);
  });

  it('uploads a video with uploadMedia, makes it an mpvideo with uploadMPVideo and sends it with massSendMPVideo', async () => {
    const api = sdk();
    const { clip } = filesOnDisk();
    const video = await api.uploadMedia(clip, 'video');
    expect(video).toMatchObject({ type: 'video', media_id: expect.any(String) });
    const data = { media_id: video.media_id, title: 'TITLE', description: 'Description' };
    expect(await api.uploadMPVideo(data)).toMatchObject({ type: 'video', media_id: expect.any(String) });
    const sent = await api.massSendMPVideo(data, true);
    expect(sent.errcode).toBe(0);
    expect(server.app.mock.sim.store.messages.get(sent.msg_id)?.msgtype).toBe('mpvideo');
    const journal = await server.control.requests({ operation: 'uploadVideo' });
    // massSendMPVideo makes its own mpvideo first, through fileServerPrefix.
    expect(journal.map((entry) => entry.path)).toEqual(['/cgi-bin/media/uploadvideo', '/cgi-bin/media/uploadvideo']);
    expect(server.app.mock.violations).toEqual([]);
  });

  it('pages every follower and every fan of a tag with getFollowers and getUsersFromTag, to the end marker', async () => {
    const app = await server.control.createApp({ fans: 25_000, tags: [{ id: 100, name: 'vip', count: 12_345 }] });
    const api = new WechatAPI(app.appid, app.secret);
    api.prefix = `${server.url}/cgi-bin/`;

    const followers = await walk((next) => api.getFollowers(next));
    // Three pages of 10,000, 10,000 and 5,000, then count 0 with no data and next_openid "".
    expect(followers.calls).toBe(4);
    expect(followers.openids).toHaveLength(25_000);
    expect(new Set(followers.openids).size).toBe(25_000);
    expect((await api.getFollowers(followers.openids.at(-1))).next_openid).toBe('');

    const tagged = await walk((next) => api.getUsersFromTag(100, next));
    expect(tagged.calls).toBe(3);
    expect(new Set(tagged.openids).size).toBe(12_345);
    const everyFollower = new Set(followers.openids);
    expect(tagged.openids.every((openid) => everyFollower.has(openid))).toBe(true);
    expect((await api.getTags()).tags).toContainEqual({ id: 100, name: 'vip', count: 12_345 });

    // A tag created and filled through the SDK pages the same way.
    const { tag } = await api.createTags('广东');
    expect(tag.id).toBeGreaterThanOrEqual(100);
    expect((await api.batchTagging(followers.openids.slice(0, 50), tag.id)).errcode).toBe(0);
    expect((await walk((next) => api.getUsersFromTag(tag.id, next))).openids.sort()).toEqual(followers.openids.slice(0, 50).sort());
    expect((await api.getIdList(followers.openids[0]!)).tagid_list).toContain(tag.id);
    expect(server.app.mock.violations).toEqual([]);
  });

  it('counts, lists, reads and removes material, uploads an image for article content, and is refused add_news', async () => {
    const api = sdk();
    const { cover, gif } = filesOnDisk();
    const before = await api.getMaterialCount();
    const image = await api.uploadMaterial(gif, 'image');
    expect(await api.getMaterialCount()).toEqual({ ...before, image_count: (before['image_count'] ?? 0) + 1 });
    const listed = await api.getMaterials('image', 0, 20);
    expect(listed.item[0]).toMatchObject({ media_id: image.media_id, name: 'picture.gif' });
    // The file comes as text/plain, which co-wechat-api hands back as the decoded text when it is not JSON.
    const file = await api.getMaterial(image.media_id);
    expect(typeof file === 'string' && file.startsWith('GIF89a') && file.length).toBe(GIF.length);
    expect(await api.removeMaterial(image.media_id)).toEqual({ errcode: 0, errmsg: 'ok' });
    await expect(api.getMaterial(image.media_id)).rejects.toMatchObject({ name: 'WeChatAPIError', code: 40007 });
    expect((await api.uploadImage(cover)).url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//);
    await expect(api.uploadNewsMaterial({ articles: [{ title: 't', thumb_media_id: image.media_id, content: 'c', show_cover_pic: 1 }] })).rejects.toMatchObject({ code: 45103 });
    expect(server.app.mock.violations).toEqual([]);
  });

  it('surfaces WeChat errors as the SDK expects them: a thrown error with the errcode', async () => {
    const api = sdk();
    const { accessToken } = await api.ensureAccessToken();
    await expect(api.request(`${api.prefix}message/mass/speed/set?access_token=${accessToken}`, postJSON({ speed: 9 }))).rejects.toMatchObject({ name: 'WeChatAPIError', code: 45083 });
    await expect(api.getMassMessageStatus(3147494522)).rejects.toMatchObject({ code: 40059 });
    await expect(api.massSendNews('MEDIA_ID_NOBODY_ISSUED', true)).rejects.toMatchObject({ code: 40007 });
  });
});
