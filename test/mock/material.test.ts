/**
 * Permanent material as WeChat's calls see it: counted and listed by type (thumbs with the images,
 * as the doc has no thumb type), a video read as JSON and a file as itself (a stand-in of the
 * uploaded size), deleted for new uses but not for the sends already made with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateExchange } from '../../contracts/validate-exchange.js';
import { sniffFormat } from '../../mock/domain/file-formats.js';
import { FILES, PATHS, T0, expectWxError, newMock, type TestFile, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

const UNIX_T0 = Math.floor(T0 / 1000);
const VIDEO_DESCRIPTION = { description: JSON.stringify({ title: 'clip', introduction: 'a test clip' }) };

async function material(token: string, type: string, file: TestFile, fields: Record<string, string> = {}): Promise<{ media_id: string; url?: string }> {
  const res = await mock.upload('addMaterial', token, type, file, fields);
  expect(res.body.media_id, JSON.stringify(res.body)).toBeTypeOf('string');
  return res.body;
}

/** get_material's answer with its raw bytes (supertest would parse text/plain as a string). */
function getMaterial(token: string, mediaId: string) {
  return mock
    .post(PATHS.getMaterial, token, { media_id: mediaId })
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

describe('material/get_materialcount and material/batchget_material', () => {
  it('count material by type, thumbs with the images, and neither temporary media, news from uploadnews nor drafts', async () => {
    mock = newMock();
    const token = await mock.token();
    await material(token, 'image', FILES.png);
    await material(token, 'thumb', FILES.jpeg);
    await material(token, 'voice', FILES.amr);
    await material(token, 'video', FILES.mp4, VIDEO_DESCRIPTION);
    await mock.uploaded(token, 'image');
    await mock.draft(token);
    const counts = { voice_count: 1, video_count: 1, image_count: 3, news_count: 0 };
    expect((await mock.http.get(PATHS.getMaterialCount).query({ access_token: token })).body).toEqual(counts);
    expect((await mock.post(PATHS.getMaterialCount, token)).body).toEqual(counts);
  });

  it('list one type newest first, a file with its name and update_time and an image with its url, paging to the end', async () => {
    mock = newMock();
    const token = await mock.token();
    const images: string[] = [];
    for (let i = 0; i < 23; i++) {
      images.push((await material(token, i % 2 ? 'thumb' : 'image', { ...FILES.jpeg, filename: `cover-${i}.jpg` })).media_id);
      mock.advance(1000);
    }
    const voice = await material(token, 'voice', FILES.amr);
    const first = (await mock.post(PATHS.batchGetMaterial, token, { type: 'image', offset: 0, count: 20 })).body;
    const rest = (await mock.post(PATHS.batchGetMaterial, token, { type: 'image', offset: 20, count: 20 })).body;
    const past = (await mock.post(PATHS.batchGetMaterial, token, { type: 'image', offset: 23, count: 20 })).body;
    expect([first.total_count, first.item_count, rest.item_count, past]).toEqual([23, 20, 3, { total_count: 23, item_count: 0, item: [] }]);
    expect([...first.item, ...rest.item].map((item: { media_id: string }) => item.media_id)).toEqual([...images].reverse());
    expect(first.item[0]).toEqual({ media_id: images[22], name: 'cover-22.jpg', update_time: UNIX_T0 + 22, url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//) });
    // A thumb has no url.
    expect(first.item[1]).toEqual({ media_id: images[21], name: 'cover-21.jpg', update_time: UNIX_T0 + 21 });
    expect((await mock.post(PATHS.batchGetMaterial, token, { type: 'voice', offset: 0, count: 1 })).body.item).toEqual([{ media_id: voice.media_id, name: 'voice.amr', update_time: UNIX_T0 + 23 }]);
    expect((await mock.post(PATHS.batchGetMaterial, token, { type: 'news', offset: 0, count: 20 })).body).toEqual({ total_count: 0, item_count: 0, item: [] });
  });

  it('refuse a type outside image, video, voice and news (40004), and a count outside 1..20 (40035)', async () => {
    mock = newMock();
    const token = await mock.token();
    for (const type of ['thumb', 'mpnews', '', undefined]) expectWxError(await mock.post(PATHS.batchGetMaterial, token, { type, offset: 0, count: 20 }), 40004);
    expectWxError(await mock.post(PATHS.batchGetMaterial, token, { type: 'video', offset: 0, count: 50 }), 40035);
  });
});

describe('material/get_material', () => {
  it('answers a video as JSON: its title, its introduction as description, and a down_url', async () => {
    mock = newMock();
    const token = await mock.token();
    const { media_id } = await material(token, 'video', FILES.mp4, VIDEO_DESCRIPTION);
    const res = await mock.post(PATHS.getMaterial, token, { media_id });
    expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
    expect(res.body).toEqual({ title: 'clip', description: 'a test clip', down_url: expect.stringMatching(/^http:\/\/.+\.mp4/) });
  });

  it.each([
    ['image', { filename: 'cover.png', bytes: Buffer.concat([FILES.png.bytes, Buffer.alloc(3000, 7)]) }, 'png'],
    ['thumb', FILES.jpeg, 'jpeg'],
    ['voice', { filename: 'voice.mp3', bytes: Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x0f', 'latin1') }, 'mp3'],
  ] as const)('answers a %s as the file itself: text/plain, an attachment named as uploaded, of the uploaded size and format', async (type, file, format) => {
    mock = newMock();
    const token = await mock.token();
    const { media_id } = await material(token, type, file);
    const res = await getMaterial(token, media_id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${file.filename}"`);
    const bytes = res.body as Buffer;
    expect(bytes.length).toBe(file.bytes.length);
    expect(sniffFormat(bytes)).toBe(format);
    expect(validateExchange('getMaterial', { status: res.status, headers: res.headers, body: bytes.toString('latin1') }, { expect: 'success' })).toEqual([]);
  });

  it('names a file with characters beyond ASCII as RFC 5987 encodes them', async () => {
    mock = newMock();
    const token = await mock.token();
    const { media_id } = await material(token, 'image', { ...FILES.jpeg, filename: '封面.jpg' });
    expect((await getMaterial(token, media_id)).headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('封面.jpg')}`);
  });

  it('answers 40007 to temporary media, a draft, uploadnews news and another app’s material', async () => {
    mock = newMock();
    const other = await mock.createApp();
    const theirs = await material(await mock.token(other.appid), 'image', FILES.png);
    const token = await mock.token();
    const thumb = await mock.uploaded(token, 'thumb');
    const news = (await mock.post(PATHS.uploadNews, token, { articles: [{ title: 't', content: 'c', thumb_media_id: thumb }] })).body.media_id as string;
    for (const media_id of [thumb, await mock.draft(token), news, theirs.media_id]) expectWxError(await mock.post(PATHS.getMaterial, token, { media_id }), 40007);
  });
});

describe('material/del_material', () => {
  it('deletes material: get, a new send, a new cover and a second delete answer 40007, and the counts drop', async () => {
    mock = newMock();
    const token = await mock.token();
    const image = await material(token, 'image', FILES.png);
    expect((await mock.post(PATHS.deleteMaterial, token, { media_id: image.media_id })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await mock.post(PATHS.getMaterial, token, { media_id: image.media_id }), 40007);
    expectWxError(await mock.post(PATHS.sendAll, token, { filter: { is_to_all: true }, msgtype: 'image', image: { media_id: image.media_id } }), 40007);
    expectWxError(await mock.post(PATHS.addDraft, token, { articles: [{ title: 't', content: 'c', thumb_media_id: image.media_id }] }), 40007);
    expectWxError(await mock.post(PATHS.deleteMaterial, token, { media_id: image.media_id }), 40007);
    expect((await mock.http.get(PATHS.getMaterialCount).query({ access_token: token })).body.image_count).toBe(0);
    expect((await mock.http.get('/__mock/state')).body.apps[0].library).toEqual([]);
  });

  it('refuses temporary media and drafts: they are not material', async () => {
    mock = newMock();
    const token = await mock.token();
    for (const media_id of [await mock.uploaded(token, 'image'), await mock.draft(token)]) expectWxError(await mock.post(PATHS.deleteMaterial, token, { media_id }), 40007);
  });

  it('leaves what was made with it alone: a send still SENDING ends SEND_SUCCESS, and a draft with it as cover still sends', async () => {
    mock = newMock();
    const token = await mock.token();
    const image = await material(token, 'image', FILES.png);
    const sent = (await mock.post(PATHS.sendAll, token, { filter: { is_to_all: true }, msgtype: 'image', image: { media_id: image.media_id } })).body.msg_id as number;
    const draft = (await mock.post(PATHS.addDraft, token, { articles: [{ title: 't', content: 'c', thumb_media_id: image.media_id }] })).body.media_id as string;
    expect((await mock.post(PATHS.deleteMaterial, token, { media_id: image.media_id })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: sent })).body.msg_status).toBe('SENDING');
    mock.advance(5 * 60_000);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: sent })).body.msg_status).toBe('SEND_SUCCESS');
    expect((await mock.post(PATHS.sendAll, token, { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: draft } })).body.errcode).toBe(0);
  });
});
