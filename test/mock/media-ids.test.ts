/**
 * media_ids are real: sendall, send and preview take only one the sending app holds, not expired,
 * of the type the msgtype takes; anything else is 40007, unless the app's media policy is "any".
 * Every app starts with the draft wxmock-default-news.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPID } from '../../mock/domain/app-settings.js';
import { DEFAULT_NEWS_MEDIA_ID, TEMPORARY_MEDIA_MS } from '../../mock/domain/media-library.js';
import { PATHS, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

type SendOperation = 'sendAll' | 'massSend' | 'previewMassMsg';

/** Whom each operation sends `content` to: all, two of the app's followers (mass/send takes only those), one of them. */
async function recipients(operation: SendOperation, token: string): Promise<Record<string, unknown>> {
  if (operation === 'sendAll') return { filter: { is_to_all: true } };
  const followers = await mock.followers(token);
  return operation === 'massSend' ? { touser: followers } : { touser: followers[0] };
}

async function send(operation: SendOperation, token: string, content: Record<string, unknown>) {
  return mock.post(PATHS[operation], token, { ...(await recipients(operation, token)), ...content });
}

const mpnews = (media_id: string) => ({ msgtype: 'mpnews', mpnews: { media_id } });
const image = (media_id: string) => ({ msgtype: 'image', image: { media_id } });
const voice = (media_id: string) => ({ msgtype: 'voice', voice: { media_id } });
const mpvideo = (media_id: string) => ({ msgtype: 'mpvideo', mpvideo: { media_id } });

describe.each(['sendAll', 'massSend', 'previewMassMsg'] as const)('%s and its media_ids', (operation) => {
  it('takes a draft, uploadnews news, an image, a voice and an mpvideo where the msgtype takes each', async () => {
    mock = newMock();
    const token = await mock.token();
    const news = await mock.post(PATHS.uploadNews, token, { articles: [{ title: 't', content: 'c', thumb_media_id: await mock.uploaded(token, 'thumb') }] });
    const contents = [
      mpnews(await mock.draft(token)),
      mpnews(news.body.media_id),
      image(await mock.uploaded(token, 'image')),
      image(await mock.uploaded(token, 'image', true)),
      voice(await mock.uploaded(token, 'voice')),
      mpvideo(await mock.mpvideo(token)),
      { msgtype: 'image', images: { media_ids: [await mock.uploaded(token, 'image'), await mock.uploaded(token, 'image', true)] } },
    ];
    for (const content of contents) expect((await send(operation, token, content)).body.errcode, JSON.stringify(content)).toBe(0);
  });

  it('answers 40007 to a media_id nobody issued', async () => {
    mock = newMock();
    expectWxError(await send(operation, await mock.token(), mpnews('MEDIA_ID_NOBODY_ISSUED')), 40007);
  });

  it('answers 40007 to another app’s media_id', async () => {
    mock = newMock();
    const other = await mock.createApp();
    const theirs = await mock.draft(await mock.token(other.appid));
    expectWxError(await send(operation, await mock.token(), mpnews(theirs)), 40007);
  });

  it('answers 40007 to temporary media 3 days after its upload, on the manual clock, and takes it until then', async () => {
    mock = newMock();
    const token = await mock.token();
    const picture = await mock.uploaded(token, 'image');
    const clip = await mock.mpvideo(token);
    mock.advance(TEMPORARY_MEDIA_MS - 1);
    const fresh = await mock.token();
    expect((await send(operation, fresh, image(picture))).body.errcode).toBe(0);
    mock.advance(1);
    expectWxError(await send(operation, fresh, image(picture)), 40007);
    expectWxError(await send(operation, fresh, mpvideo(clip)), 40007);
  });

  it('answers 40007 to a media_id of the wrong type for the msgtype', async () => {
    mock = newMock();
    const token = await mock.token();
    const picture = await mock.uploaded(token, 'image');
    expectWxError(await send(operation, token, mpnews(picture)), 40007);
    expectWxError(await send(operation, token, voice(picture)), 40007);
    expectWxError(await send(operation, token, image(await mock.uploaded(token, 'thumb'))), 40007);
    expectWxError(await send(operation, token, image(DEFAULT_NEWS_MEDIA_ID)), 40007);
    // A raw video upload is not yet an mpvideo: uploadvideo makes it one.
    expectWxError(await send(operation, token, mpvideo(await mock.uploaded(token, 'video'))), 40007);
  });

  it('takes any non-empty media_id under the media policy "any", and still no empty one', async () => {
    mock = newMock();
    const app = await mock.createApp({ media: 'any', tags: [{ id: 100, name: 't', count: 10 }] });
    const token = await mock.token(app.appid);
    expect((await send(operation, token, mpnews('MEDIA_ID_NOBODY_ISSUED'))).body.errcode).toBe(0);
    expectWxError(await send(operation, token, mpnews('')), 40007);
  });
});

describe('the default draft', () => {
  it('is in every app from the start, stays after a send and a reset, and sends again only as a repeat', async () => {
    mock = newMock();
    const app = await mock.createApp();
    const token = await mock.token(app.appid);
    const first = await mock.post(PATHS.sendAll, token, { filter: { is_to_all: true }, ...mpnews(DEFAULT_NEWS_MEDIA_ID) });
    expect(first.body.errcode).toBe(0);
    // Kept in the draft box once sent: the same news again is a repeat (45066), not an unknown media_id.
    expectWxError(await mock.post(PATHS.sendAll, token, { filter: { is_to_all: true }, ...mpnews(DEFAULT_NEWS_MEDIA_ID) }), 45066);
    const view = (await mock.http.get('/__mock/state').query({ appid: app.appid })).body.apps[0];
    expect(view.drafts).toEqual([{ media_id: DEFAULT_NEWS_MEDIA_ID, created_at: null, updated_at: null, articles: [expect.objectContaining({ title: 'wechat-mass-mock' })] }]);
    await mock.http.post('/__mock/reset').query({ appid: app.appid });
    const again = await mock.post(PATHS.sendAll, await mock.token(app.appid), { filter: { is_to_all: true }, ...mpnews(DEFAULT_NEWS_MEDIA_ID) });
    expect(again.body.errcode).toBe(0);
  });
});

describe('what a send records of its content', () => {
  it('records how many articles its news has: the draft’s or uploadnews’, 1 for other types', async () => {
    mock = newMock();
    const token = await mock.token();
    const three = await mock.draft(token, 3);
    const thumb = await mock.uploaded(token, 'thumb');
    const news = await mock.post(PATHS.uploadNews, token, { articles: [1, 2].map((n) => ({ title: `t${n}`, content: 'c', thumb_media_id: thumb })) });
    const sent = [];
    for (const content of [mpnews(three), mpnews(news.body.media_id), mpnews(DEFAULT_NEWS_MEDIA_ID), { msgtype: 'text', text: { content: 'hi' } }]) {
      sent.push((await mock.post(PATHS.sendAll, token, { filter: { is_to_all: true }, ...content })).body.msg_id as number);
    }
    const messages = (await mock.http.get('/__mock/state')).body.apps[0].messages as { msg_id: number; articles: number }[];
    expect(sent.map((id) => messages.find((m) => m.msg_id === id)?.articles)).toEqual([3, 2, 1, 1]);
  });
});

describe('what drafts, uploadnews and uploadvideo take', () => {
  it('makes a draft only of permanent covers, and uploadnews of temporary or permanent ones', async () => {
    mock = newMock();
    const token = await mock.token();
    const article = (thumb: string) => ({ title: 'Hello', author: '', digest: '', content: '<p>Hi</p>', content_source_url: '', thumb_media_id: thumb, need_open_comment: 0, only_fans_can_comment: 0 });
    const temporary = await mock.uploaded(token, 'thumb');
    const permanentImage = await mock.uploaded(token, 'image', true);
    expectWxError(await mock.post(PATHS.addDraft, token, { articles: [article(temporary)] }), 40007);
    expect((await mock.post(PATHS.addDraft, token, { articles: [article(permanentImage)] })).body.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const thumb of [temporary, permanentImage, await mock.uploaded(token, 'image')]) {
      const res = await mock.post(PATHS.uploadNews, token, { articles: [{ ...article(thumb), show_cover_pic: 0 }] });
      expect(res.body).toMatchObject({ type: 'news', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/) });
    }
    expectWxError(await mock.post(PATHS.uploadNews, token, { articles: [article(await mock.uploaded(token, 'voice'))] }), 40007);
  });

  it('refuses more than 8 articles with 45008, and an article without title or content, or none at all, with 44003', async () => {
    mock = newMock();
    const token = await mock.token();
    const thumb = await mock.uploaded(token, 'thumb', true);
    const article = { title: 'Hello', content: '<p>Hi</p>', thumb_media_id: thumb };
    expect((await mock.post(PATHS.addDraft, token, { articles: Array.from({ length: 8 }, () => article) })).body.media_id).toBeTypeOf('string');
    expectWxError(await mock.post(PATHS.addDraft, token, { articles: Array.from({ length: 9 }, () => article) }), 45008);
    for (const articles of [[{ ...article, title: '' }], [{ content: '<p>Hi</p>', thumb_media_id: thumb }], [], 'news']) {
      expectWxError(await mock.post(PATHS.addDraft, token, { articles }), 44003);
    }
  });

  it('makes an mpvideo only of a video upload the app holds and that has not expired', async () => {
    mock = newMock();
    const token = await mock.token();
    const upload = await mock.uploaded(token, 'video');
    const permanent = await mock.uploaded(token, 'video', true);
    expectWxError(await mock.post(PATHS.uploadVideo, token, { media_id: permanent, title: 't', description: 'd' }), 40007);
    expectWxError(await mock.post(PATHS.uploadVideo, token, { media_id: await mock.uploaded(token, 'voice'), title: 't', description: 'd' }), 40007);
    mock.advance(TEMPORARY_MEDIA_MS);
    expectWxError(await mock.post(PATHS.uploadVideo, await mock.token(), { media_id: upload, title: 't', description: 'd' }), 40007);
  });
});

describe('the media policy', () => {
  it('is "strict" unless set, and is set by POST or PATCH /__mock/apps and by a start-up app', async () => {
    mock = newMock({ apps: [{ appid: 'wx1111111111111111', secret: 's', media: 'any' }] });
    const state = async (appid: string) => (await mock.http.get('/__mock/state').query({ appid })).body.apps[0].media as string;
    expect(await state(DEFAULT_APPID)).toBe('strict');
    expect(await state('wx1111111111111111')).toBe('any');
    expect(await state((await mock.createApp({ media: 'any' })).appid)).toBe('any');
    expect((await mock.http.patch(`/__mock/apps/${DEFAULT_APPID}`).send({ media: 'any' })).body.media).toBe('any');
    expect((await mock.http.patch(`/__mock/apps/${DEFAULT_APPID}`).send({ media: 'loose' })).status).toBe(400);
    const token = await mock.token();
    expect((await mock.post(PATHS.addDraft, token, { articles: [{ title: 't', content: 'c', thumb_media_id: 'made-up' }] })).body.media_id).toBeTypeOf('string');
    expect((await mock.post(PATHS.uploadVideo, token, { media_id: 'made-up' })).body.type).toBe('video');
  });
});
