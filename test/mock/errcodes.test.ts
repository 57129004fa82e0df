/**
 * Every operation answers success, and every errcode openapi.yaml documents for it: reached the way
 * WeChat reaches it where the mock simulates the cause, else through X-Mock-Errcode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { documentedErrcodes, operationIds, type OperationId } from '../../contracts/load-spec.js';
import type { WxErrcode } from '../../mock/domain/errors.js';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../../mock/domain/app-settings.js';
import { DEFAULT_NEWS_MEDIA_ID } from '../../mock/domain/media-library.js';
import { FILES, MPNEWS_TO_ALL, PATHS, STRANGER, TEXT_TO_TAG, expectWxError, newMock, type TestMock } from '../helpers.js';

type Call = (mock: TestMock) => Promise<supertest.Response>;
/**
 * `forced` sends a plain call with X-Mock-Errcode, for causes the mock does not simulate (-1, 48001, …).
 * `withdrawn`: WeChat no longer serves the operation, so its well-formed `success` call answers that errcode.
 */
type OperationCase = { success: Call; withdrawn?: WxErrcode; forced: (mock: TestMock, errcode: number) => Promise<supertest.Response>; natural: Partial<Record<number, Call>> };

const tokenQuery = { grant_type: 'client_credential', appid: DEFAULT_APPID, secret: DEFAULT_SECRET };

/** Errcodes every token-taking operation reaches the same way; `reads` says what its body is (44002 empty, 47001 not JSON). */
function commonNatural(path: string, body: unknown, reads: 'json' | 'multipart' | 'nothing' = 'json'): Partial<Record<number, Call>> {
  const natural: Partial<Record<number, Call>> = {
    41001: (m) => m.http.post(path).send(body as object),
    40014: (m) => m.http.post(path).query({ access_token: 'not a token!' }).send(body as object),
    40001: (m) => m.http.post(path).query({ access_token: 'ACCESS_TOKEN_THAT_NOBODY_ISSUED' }).send(body as object),
    42001: async (m) => {
      const token = await m.token();
      m.advance(7200_000);
      return m.post(path, token, body);
    },
    43002: async (m) => m.http.get(path).query({ access_token: await m.token() }),
    45009: async (m) => {
      const app = await m.createApp({ limits: { daily_api_quota: 1 } });
      return m.post(path, await m.token(app.appid), body);
    },
    45011: async (m) => {
      const app = await m.createApp({ limits: { per_minute: 1 } });
      return m.post(path, await m.token(app.appid), body);
    },
  };
  if (reads !== 'nothing') natural[44002] = async (m) => m.http.post(path).query({ access_token: await m.token() }).set('content-type', 'application/json').send('');
  if (reads === 'json') natural[47001] = async (m) => m.http.post(path).query({ access_token: await m.token() }).set('content-type', 'application/json').send('{"speed":');
  return natural;
}

async function sent(m: TestMock, body: unknown = MPNEWS_TO_ALL): Promise<{ token: string; msg_id: number }> {
  const token = await m.token();
  const res = await m.post(PATHS.sendAll, token, body);
  expect(res.body.errcode, JSON.stringify(res.body)).toBe(0);
  return { token, msg_id: res.body.msg_id };
}

async function protectedSend(m: TestMock): Promise<{ token: string; msg_id: number }> {
  const app = await m.createApp({ protection: true });
  const token = await m.token(app.appid);
  const res = await m.post(PATHS.sendAll, token, MPNEWS_TO_ALL);
  return { token, msg_id: res.body.msg_id };
}

/** What both uploads refuse alike: an unknown type, no media part, a format the type does not take, a file over its size. */
function uploadErrors(operationId: 'uploadTempMedia' | 'addMaterial'): Partial<Record<number, Call>> {
  return {
    40004: async (m) => m.upload(operationId, await m.token(), 'document', FILES.png),
    41005: async (m) => m.http.post(PATHS[operationId]).query({ access_token: await m.token(), type: 'image' }).attach('file', FILES.png.bytes, FILES.png.filename),
    40005: async (m) => m.upload(operationId, await m.token(), 'image', { filename: 'cover.txt', bytes: FILES.png.bytes }),
    40006: async (m) => m.upload(operationId, await m.token(), 'thumb', { filename: 'big.jpg', bytes: Buffer.concat([FILES.jpeg.bytes, Buffer.alloc(64 * 1024)]) }),
  };
}

const ARTICLE = { title: 'Hello', content: '<p>Hello, fans</p>', thumb_media_id: 'MEDIA_ID_NOBODY_ISSUED' };

/** What draft/add and uploadnews refuse alike: a cover nobody issued, an article without content, more than 8 articles. */
function articleErrors(path: string): Partial<Record<number, Call>> {
  return {
    40007: withToken(path, { articles: [ARTICLE] }),
    44003: withToken(path, { articles: [{ ...ARTICLE, content: '' }] }),
    45008: withToken(path, { articles: Array.from({ length: 9 }, () => ARTICLE) }),
  };
}

const forcedPost = (path: string) => async (m: TestMock, errcode: number) => m.post(path, await m.token(), {}).set('X-Mock-Errcode', String(errcode));
const forcedGet = (path: string) => async (m: TestMock, errcode: number) => m.http.get(path).query({ access_token: await m.token() }).set('X-Mock-Errcode', String(errcode));
const withToken = (path: string, body: unknown): Call => async (m) => m.post(path, await m.token(), body);
/** A call whose body names followers of the default app, read from getFollowers. */
const withFollowers =
  (path: string, body: (openids: string[]) => unknown, count = 2): Call =>
  async (m) => {
    const token = await m.token();
    return m.post(path, token, body(await m.followers(token, count)));
  };
/** A follower of another app of the same mock. */
async function foreignFollower(m: TestMock): Promise<string> {
  const other = await m.createApp({ fans: 5 });
  return (await m.followers(await m.token(other.appid), 1))[0]!;
}
/** A call of the default app whose body names a follower of another app. */
const withForeignFollower =
  (path: string, body: (openid: string) => unknown): Call =>
  async (m) => {
    const openid = await foreignFollower(m);
    return m.post(path, await m.token(), body(openid));
  };
/** A GET with the token and `query`. */
const getWithToken =
  (path: string, query: Record<string, string> = {}): Call =>
  async (m) =>
    m.http.get(path).query({ access_token: await m.token(), ...query });
/** The GET operations answer POST too, as /cgi-bin/token does; another method is 43002. */
const putWithToken = (path: string): Call => async (m) => m.http.put(path).query({ access_token: await m.token() });
const TEXT = { msgtype: 'text', text: { content: 'hi' } };
/** 33 bytes of UTF-8: over the 30 a tag name may take. */
const LONG_NAME = '广'.repeat(11);

/** What a GET operation without a body (the tags, the counts) reaches besides commonNatural: any method but GET and POST is 43002. */
function getNatural(path: string): Partial<Record<number, Call>> {
  return { ...commonNatural(path, {}, 'nothing'), 43002: putWithToken(path) };
}

/** A permanent video's media_id, which get_material answers as JSON. */
const videoMaterial = (m: TestMock) => m.token().then((token) => m.uploaded(token, 'video', true));
/** A call to updateDraft of a fresh one-article draft, with one token (a second one would retire the first). */
const updateFresh = (fields: Record<string, unknown>): Call => async (m) => {
  const token = await m.token();
  const media_id = await m.draft(token);
  return m.post(PATHS.updateDraft, token, { media_id, ...fields, ...('articles' in fields ? { articles: { ...ARTICLE, thumb_media_id: await m.uploaded(token, 'thumb', true) } } : {}) });
};

const CASES: Partial<Record<OperationId, OperationCase>> = {
  getAccessToken: {
    success: (m) => m.http.get(PATHS.getAccessToken).query(tokenQuery),
    forced: (m, errcode) => m.http.get(PATHS.getAccessToken).query(tokenQuery).set('X-Mock-Errcode', String(errcode)),
    natural: {
      40013: (m) => m.http.get(PATHS.getAccessToken).query({ ...tokenQuery, appid: 'wx00000000000000ff' }),
      40002: (m) => m.http.get(PATHS.getAccessToken).query({ ...tokenQuery, grant_type: 'password' }),
      40125: (m) => m.http.get(PATHS.getAccessToken).query({ ...tokenQuery, secret: 'wrong' }),
      43002: (m) => m.http.put(PATHS.getAccessToken).query(tokenQuery),
      45009: async (m) => {
        const app = await m.createApp({ limits: { daily_api_quota: 1 } });
        await m.token(app.appid);
        return m.http.get(PATHS.getAccessToken).query({ ...tokenQuery, appid: app.appid, secret: app.secret });
      },
      45011: async (m) => {
        const app = await m.createApp({ limits: { per_minute: 1 } });
        await m.token(app.appid);
        return m.http.get(PATHS.getAccessToken).query({ ...tokenQuery, appid: app.appid, secret: app.secret });
      },
    },
  },
  getStableAccessToken: {
    success: (m) => m.http.post(PATHS.getStableAccessToken).send(tokenQuery),
    forced: (m, errcode) => m.http.post(PATHS.getStableAccessToken).send(tokenQuery).set('X-Mock-Errcode', String(errcode)),
    natural: {
      40013: (m) => m.http.post(PATHS.getStableAccessToken).send({ ...tokenQuery, appid: 'wx00000000000000ff' }),
      40002: (m) => m.http.post(PATHS.getStableAccessToken).send({ ...tokenQuery, grant_type: 'password' }),
      40125: (m) => m.http.post(PATHS.getStableAccessToken).send({ ...tokenQuery, secret: 'wrong' }),
      43002: (m) => m.http.get(PATHS.getStableAccessToken).query(tokenQuery),
      44002: (m) => m.http.post(PATHS.getStableAccessToken).set('content-type', 'application/json').send(''),
      47001: (m) => m.http.post(PATHS.getStableAccessToken).set('content-type', 'application/json').send('{appid:'),
    },
  },
  setSpeed: {
    success: withToken(PATHS.setSpeed, { speed: 2 }),
    forced: forcedPost(PATHS.setSpeed),
    natural: {
      ...commonNatural(PATHS.setSpeed, { speed: 1 }),
      45083: withToken(PATHS.setSpeed, { speed: 9 }),
      45084: withToken(PATHS.setSpeed, {}),
      89505: async (m) => m.post(PATHS.setSpeed, (await protectedSend(m)).token, { speed: 1 }),
      89504: async (m) => {
        const { token } = await protectedSend(m);
        m.advance(60_000);
        return m.post(PATHS.setSpeed, token, { speed: 1 });
      },
    },
  },
  getSpeed: {
    success: withToken(PATHS.getSpeed, {}),
    forced: forcedPost(PATHS.getSpeed),
    natural: commonNatural(PATHS.getSpeed, {}, 'nothing'),
  },
  massmsgget: {
    success: async (m) => {
      const { token, msg_id } = await sent(m);
      return m.post(PATHS.massmsgget, token, { msg_id });
    },
    forced: forcedPost(PATHS.massmsgget),
    natural: {
      ...commonNatural(PATHS.massmsgget, { msg_id: 3147494522 }),
      40059: withToken(PATHS.massmsgget, { msg_id: '3147494522' }),
      89505: async (m) => {
        const { token, msg_id } = await protectedSend(m);
        return m.post(PATHS.massmsgget, token, { msg_id });
      },
      89504: async (m) => {
        const { token, msg_id } = await protectedSend(m);
        m.advance(60_000);
        return m.post(PATHS.massmsgget, token, { msg_id });
      },
    },
  },
  sendAll: {
    success: withToken(PATHS.sendAll, MPNEWS_TO_ALL),
    forced: forcedPost(PATHS.sendAll),
    natural: {
      ...commonNatural(PATHS.sendAll, MPNEWS_TO_ALL),
      40007: withToken(PATHS.sendAll, { ...MPNEWS_TO_ALL, mpnews: { media_id: 'MEDIA_ID_NOBODY_ISSUED' } }),
      40008: withToken(PATHS.sendAll, { ...MPNEWS_TO_ALL, msgtype: 'video' }),
      45028: async (m) => {
        const app = await m.createApp({ limits: { daily_mass_quota: 0 } });
        return m.post(PATHS.sendAll, await m.token(app.appid), MPNEWS_TO_ALL);
      },
      45065: async (m) => {
        const { token } = await sent(m, { ...MPNEWS_TO_ALL, clientmsgid: 'job-1' });
        m.advance(61_000);
        return m.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: 'job-1' });
      },
      45066: async (m) => {
        const { token } = await sent(m, { ...MPNEWS_TO_ALL, clientmsgid: 'job-1' });
        return m.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, clientmsgid: 'job-1' });
      },
      45067: withToken(PATHS.sendAll, { ...MPNEWS_TO_ALL, clientmsgid: '群'.repeat(22) }),
    },
  },
  massSend: {
    success: withFollowers(PATHS.massSend, (touser) => ({ ...TEXT, touser })),
    forced: forcedPost(PATHS.massSend),
    natural: {
      ...commonNatural(PATHS.massSend, { ...TEXT, touser: [STRANGER, STRANGER] }),
      // A stranger's openid, and one of another app, are both "invalid openid" to mass/send.
      40003: withFollowers(PATHS.massSend, ([follower]) => ({ ...TEXT, touser: [follower, STRANGER] })),
      40007: withFollowers(PATHS.massSend, (touser) => ({ touser, msgtype: 'voice', voice: { media_id: '' } })),
      40008: withFollowers(PATHS.massSend, (touser) => ({ touser, msgtype: 'video', mpvideo: { media_id: 'V' } })),
      40130: withFollowers(PATHS.massSend, (touser) => ({ ...TEXT, touser }), 1),
      45067: withFollowers(PATHS.massSend, (touser) => ({ ...TEXT, touser, clientmsgid: 'x'.repeat(65) })),
    },
  },
  deleteMassMsg: {
    success: async (m) => {
      const { token, msg_id } = await sent(m);
      m.advance(10 * 60_000);
      return m.post(PATHS.deleteMassMsg, token, { msg_id });
    },
    forced: forcedPost(PATHS.deleteMassMsg),
    natural: {
      ...commonNatural(PATHS.deleteMassMsg, { msg_id: 3147494522 }),
      40008: async (m) => {
        const { token, msg_id } = await sent(m, TEXT_TO_TAG);
        m.advance(60_000);
        return m.post(PATHS.deleteMassMsg, token, { msg_id });
      },
      40059: async (m) => {
        const { token, msg_id } = await sent(m);
        return m.post(PATHS.deleteMassMsg, token, { msg_id: String(msg_id) });
      },
      40060: async (m) => {
        const { token, msg_id } = await sent(m);
        m.advance(10 * 60_000);
        return m.post(PATHS.deleteMassMsg, token, { msg_id, article_idx: -1 });
      },
    },
  },
  previewMassMsg: {
    success: withFollowers(PATHS.previewMassMsg, ([touser]) => ({ ...TEXT, touser }), 1),
    forced: forcedPost(PATHS.previewMassMsg),
    natural: {
      ...commonNatural(PATHS.previewMassMsg, { ...TEXT, touser: STRANGER }),
      40003: withToken(PATHS.previewMassMsg, TEXT),
      40007: withFollowers(PATHS.previewMassMsg, ([touser]) => ({ touser, msgtype: 'image', image: { media_id: 'MEDIA_ID_NOBODY_ISSUED' } }), 1),
      40008: withFollowers(PATHS.previewMassMsg, ([touser]) => ({ touser, msgtype: 'news' }), 1),
    },
  },
  uploadTempMedia: {
    success: async (m) => m.upload('uploadTempMedia', await m.token(), 'image', FILES.png),
    forced: forcedPost(PATHS.uploadTempMedia),
    natural: { ...commonNatural(PATHS.uploadTempMedia, {}, 'multipart'), ...uploadErrors('uploadTempMedia') },
  },
  addMaterial: {
    success: async (m) => m.upload('addMaterial', await m.token(), 'image', FILES.png),
    forced: forcedPost(PATHS.addMaterial),
    natural: {
      ...commonNatural(PATHS.addMaterial, {}, 'multipart'),
      ...uploadErrors('addMaterial'),
      47001: async (m) => m.upload('addMaterial', await m.token(), 'video', FILES.mp4, { description: 'a clip' }),
    },
  },
  addDraft: {
    success: async (m) => m.post(PATHS.addDraft, await m.token(), { articles: [{ ...ARTICLE, thumb_media_id: await m.uploaded(await m.token(), 'thumb', true) }] }),
    forced: forcedPost(PATHS.addDraft),
    natural: { ...commonNatural(PATHS.addDraft, { articles: [ARTICLE] }), ...articleErrors(PATHS.addDraft) },
  },
  uploadNews: {
    success: async (m) => m.post(PATHS.uploadNews, await m.token(), { articles: [{ ...ARTICLE, thumb_media_id: await m.uploaded(await m.token(), 'thumb') }] }),
    forced: forcedPost(PATHS.uploadNews),
    natural: { ...commonNatural(PATHS.uploadNews, { articles: [ARTICLE] }), ...articleErrors(PATHS.uploadNews) },
  },
  uploadVideo: {
    success: async (m) => m.post(PATHS.uploadVideo, await m.token(), { media_id: await m.uploaded(await m.token(), 'video'), title: 't', description: 'd' }),
    forced: forcedPost(PATHS.uploadVideo),
    natural: {
      ...commonNatural(PATHS.uploadVideo, { media_id: 'V' }),
      40007: withToken(PATHS.uploadVideo, { media_id: 'MEDIA_ID_NOBODY_ISSUED', title: 't', description: 'd' }),
    },
  },
  getTags: {
    success: getWithToken(PATHS.getTags),
    forced: forcedGet(PATHS.getTags),
    natural: getNatural(PATHS.getTags),
  },
  createTag: {
    success: withToken(PATHS.createTag, { tag: { name: '广东' } }),
    forced: forcedPost(PATHS.createTag),
    natural: {
      ...commonNatural(PATHS.createTag, { tag: { name: '广东' } }),
      45056: async (m) => {
        const app = await m.createApp({ tags: Array.from({ length: 100 }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 0 })) });
        return m.post(PATHS.createTag, await m.token(app.appid), { tag: { name: 'one more' } });
      },
      45157: withToken(PATHS.createTag, { tag: { name: '测试组' } }),
      45158: withToken(PATHS.createTag, { tag: { name: LONG_NAME } }),
    },
  },
  updateTag: {
    success: withToken(PATHS.updateTag, { tag: { id: 100, name: '广东人' } }),
    forced: forcedPost(PATHS.updateTag),
    natural: {
      ...commonNatural(PATHS.updateTag, { tag: { id: 100, name: '广东人' } }),
      45058: withToken(PATHS.updateTag, { tag: { id: 2, name: 'starred' } }),
      45157: withToken(PATHS.updateTag, { tag: { id: 100, name: '星标组' } }),
      45158: withToken(PATHS.updateTag, { tag: { id: 100, name: LONG_NAME } }),
      45159: withToken(PATHS.updateTag, { tag: { id: 150, name: '广东人' } }),
    },
  },
  deleteTag: {
    success: withToken(PATHS.deleteTag, { tag: { id: 100 } }),
    forced: forcedPost(PATHS.deleteTag),
    natural: {
      ...commonNatural(PATHS.deleteTag, { tag: { id: 100 } }),
      45057: async (m) => {
        const app = await m.createApp({ tags: [{ id: 100, name: 'big', count: 100_001 }] });
        return m.post(PATHS.deleteTag, await m.token(app.appid), { tag: { id: 100 } });
      },
      45058: withToken(PATHS.deleteTag, { tag: { id: 1 } }),
      45159: withToken(PATHS.deleteTag, { tag: { id: 150 } }),
    },
  },
  getTagFans: {
    success: withToken(PATHS.getTagFans, { tagid: 100, next_openid: '' }),
    forced: forcedPost(PATHS.getTagFans),
    natural: {
      ...commonNatural(PATHS.getTagFans, { tagid: 100 }),
      40003: withToken(PATHS.getTagFans, { tagid: 100, next_openid: STRANGER }),
      45159: withToken(PATHS.getTagFans, { tagid: 150 }),
      49003: withForeignFollower(PATHS.getTagFans, (next_openid) => ({ tagid: 100, next_openid })),
    },
  },
  batchTagging: {
    success: withFollowers(PATHS.batchTagging, (openid_list) => ({ openid_list, tagid: 100 })),
    forced: forcedPost(PATHS.batchTagging),
    natural: {
      ...commonNatural(PATHS.batchTagging, { openid_list: [STRANGER], tagid: 100 }),
      40003: withFollowers(PATHS.batchTagging, ([follower]) => ({ openid_list: [follower, STRANGER], tagid: 100 })),
      40032: withToken(PATHS.batchTagging, { openid_list: [], tagid: 100 }),
      45059: async (m) => {
        // 10 fans, each in 20 tags (every tag counts all 10), and a 21st tag with nobody.
        const full = Array.from({ length: 20 }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 10 }));
        const app = await m.createApp({ fans: 10, tags: [...full, { id: 120, name: 'empty', count: 0 }] });
        const token = await m.token(app.appid);
        return m.post(PATHS.batchTagging, token, { openid_list: await m.followers(token, 1), tagid: 120 });
      },
      45159: withFollowers(PATHS.batchTagging, (openid_list) => ({ openid_list, tagid: 150 })),
      49003: withForeignFollower(PATHS.batchTagging, (openid) => ({ openid_list: [openid], tagid: 100 })),
    },
  },
  batchUntagging: {
    success: withFollowers(PATHS.batchUntagging, (openid_list) => ({ openid_list, tagid: 100 })),
    forced: forcedPost(PATHS.batchUntagging),
    natural: {
      ...commonNatural(PATHS.batchUntagging, { openid_list: [STRANGER], tagid: 100 }),
      40003: withToken(PATHS.batchUntagging, { openid_list: [STRANGER], tagid: 100 }),
      40032: withToken(PATHS.batchUntagging, { openid_list: Array(51).fill(STRANGER), tagid: 100 }),
      45159: withFollowers(PATHS.batchUntagging, (openid_list) => ({ openid_list, tagid: 0 })),
      49003: withForeignFollower(PATHS.batchUntagging, (openid) => ({ openid_list: [openid], tagid: 100 })),
    },
  },
  getUserTags: {
    success: withFollowers(PATHS.getUserTags, ([openid]) => ({ openid }), 1),
    forced: forcedPost(PATHS.getUserTags),
    natural: {
      ...commonNatural(PATHS.getUserTags, { openid: STRANGER }),
      40003: withToken(PATHS.getUserTags, { openid: STRANGER }),
      49003: withForeignFollower(PATHS.getUserTags, (openid) => ({ openid })),
    },
  },
  getFollowers: {
    success: getWithToken(PATHS.getFollowers),
    forced: forcedGet(PATHS.getFollowers),
    natural: {
      ...commonNatural(PATHS.getFollowers, {}, 'nothing'),
      40003: getWithToken(PATHS.getFollowers, { next_openid: STRANGER }),
      43002: putWithToken(PATHS.getFollowers),
      49003: async (m) => getWithToken(PATHS.getFollowers, { next_openid: await foreignFollower(m) })(m),
    },
  },
  getDraft: {
    success: async (m) => m.post(PATHS.getDraft, await m.token(), { media_id: await m.draft(await m.token()) }),
    forced: forcedPost(PATHS.getDraft),
    natural: { ...commonNatural(PATHS.getDraft, { media_id: 'M' }), 40007: withToken(PATHS.getDraft, { media_id: 'MEDIA_ID_NOBODY_ISSUED' }) },
  },
  deleteDraft: {
    success: async (m) => m.post(PATHS.deleteDraft, await m.token(), { media_id: await m.draft(await m.token()) }),
    forced: forcedPost(PATHS.deleteDraft),
    natural: { ...commonNatural(PATHS.deleteDraft, { media_id: 'M' }), 40007: withToken(PATHS.deleteDraft, { media_id: DEFAULT_NEWS_MEDIA_ID }) },
  },
  updateDraft: {
    success: updateFresh({ index: 0, articles: true }),
    forced: forcedPost(PATHS.updateDraft),
    natural: {
      ...commonNatural(PATHS.updateDraft, { media_id: 'M', index: 0, articles: ARTICLE }),
      40007: withToken(PATHS.updateDraft, { media_id: 'MEDIA_ID_NOBODY_ISSUED', index: 0, articles: ARTICLE }),
      40035: updateFresh({ index: 1, articles: true }),
      44003: updateFresh({ index: 0 }),
    },
  },
  countDraft: {
    success: getWithToken(PATHS.countDraft),
    forced: forcedGet(PATHS.countDraft),
    natural: getNatural(PATHS.countDraft),
  },
  batchGetDraft: {
    success: withToken(PATHS.batchGetDraft, { offset: 0, count: 20, no_content: 0 }),
    forced: forcedPost(PATHS.batchGetDraft),
    natural: { ...commonNatural(PATHS.batchGetDraft, { offset: 0, count: 20 }), 40035: withToken(PATHS.batchGetDraft, { offset: 0, count: 21 }) },
  },
  getMaterialCount: {
    success: getWithToken(PATHS.getMaterialCount),
    forced: forcedGet(PATHS.getMaterialCount),
    natural: getNatural(PATHS.getMaterialCount),
  },
  batchGetMaterial: {
    success: withToken(PATHS.batchGetMaterial, { type: 'image', offset: 0, count: 20 }),
    forced: forcedPost(PATHS.batchGetMaterial),
    natural: {
      ...commonNatural(PATHS.batchGetMaterial, { type: 'image', offset: 0, count: 20 }),
      40004: withToken(PATHS.batchGetMaterial, { type: 'thumb', offset: 0, count: 20 }),
      40035: withToken(PATHS.batchGetMaterial, { type: 'image', offset: 0, count: 0 }),
    },
  },
  getMaterial: {
    success: async (m) => m.post(PATHS.getMaterial, await m.token(), { media_id: await videoMaterial(m) }),
    forced: forcedPost(PATHS.getMaterial),
    natural: { ...commonNatural(PATHS.getMaterial, { media_id: 'M' }), 40007: async (m) => m.post(PATHS.getMaterial, await m.token(), { media_id: await m.uploaded(await m.token(), 'image') }) },
  },
  deleteMaterial: {
    success: async (m) => m.post(PATHS.deleteMaterial, await m.token(), { media_id: await videoMaterial(m) }),
    forced: forcedPost(PATHS.deleteMaterial),
    natural: { ...commonNatural(PATHS.deleteMaterial, { media_id: 'M' }), 40007: async (m) => m.post(PATHS.deleteMaterial, await m.token(), { media_id: await m.draft(await m.token()) }) },
  },
  uploadImage: {
    success: async (m) => m.upload('uploadImage', await m.token(), undefined, FILES.jpeg),
    forced: forcedPost(PATHS.uploadImage),
    natural: {
      ...commonNatural(PATHS.uploadImage, {}, 'multipart'),
      41005: async (m) => m.http.post(PATHS.uploadImage).query({ access_token: await m.token() }).attach('file', FILES.jpeg.bytes, FILES.jpeg.filename),
      40005: async (m) => m.upload('uploadImage', await m.token(), undefined, { filename: 'cover.gif', bytes: Buffer.from('GIF89a\x01\x00', 'latin1') }),
      40006: async (m) => m.upload('uploadImage', await m.token(), undefined, { filename: 'big.png', bytes: Buffer.concat([FILES.png.bytes, Buffer.alloc(1024 * 1024)]) }),
    },
  },
  addNews: {
    success: withToken(PATHS.addNews, { articles: [ARTICLE] }),
    withdrawn: 45103,
    forced: forcedPost(PATHS.addNews),
    natural: { ...commonNatural(PATHS.addNews, { articles: [ARTICLE] }, 'nothing') },
  },
};

let mock: TestMock | undefined;
afterEach(() => mock?.assertNoViolations());

describe.each(operationIds.map((id) => [id]))('%s', (operationId) => {
  const cases = CASES[operationId];
  it('has a case for every operation of openapi.yaml', () => {
    expect(cases).toBeDefined();
  });
  if (!cases) return;

  const { withdrawn } = cases;
  if (withdrawn !== undefined) {
    it(`answers a well-formed call ${withdrawn}, never success: WeChat withdrew it`, async () => {
      expectWxError(await cases.success((mock = newMock())), withdrawn);
    });
  } else {
    it('answers success', async () => {
      const m = (mock = newMock());
      const res = await cases.success(m);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
      expect(res.body.errcode ?? 0, JSON.stringify(res.body)).toBe(0);
    });
  }

  it.each(documentedErrcodes(operationId).map((code) => [code]))('answers errcode %i', async (errcode) => {
    const m = (mock = newMock());
    const natural = cases.natural[errcode];
    const res = natural ? await natural(m) : await cases.forced(m, errcode);
    expectWxError(res, errcode as WxErrcode);
    if (errcode === 45065) expect(res.body.msg_id).toBeTypeOf('number');
  });
});
