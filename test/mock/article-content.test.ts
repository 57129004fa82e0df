/**
 * What goes inside an article: media/uploadimg gives an image its URL on WeChat's image host, which
 * article content keeps, while images from other hosts are filtered out as WeChat filters them; and
 * material/add_news, the permanent news of before drafts, answers 45103 as WeChat now does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keepWechatImages } from '../../mock/domain/article-images.js';
import { FILES, PATHS, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

describe('media/uploadimg', () => {
  it('answers a JPG’s or PNG’s URL on WeChat’s image host, and issues no media_id nor material', async () => {
    mock = newMock();
    const token = await mock.token();
    const jpg = (await mock.upload('uploadImage', token, undefined, FILES.jpeg)).body;
    const png = (await mock.upload('uploadImage', token, undefined, FILES.png)).body;
    expect(jpg).toEqual({ url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\/[A-Za-z0-9_-]+\/0\?wx_fmt=jpeg$/) });
    expect(png.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\//);
    expect(jpg.url).not.toBe(png.url);
    expect((await mock.http.get(PATHS.getMaterialCount).query({ access_token: token })).body.image_count).toBe(0);
    expect((await mock.http.get('/__mock/state')).body.apps[0].library).toEqual([]);
  });

  it('takes up to 1 MB: a PNG of exactly 1 MB passes, a byte more answers 40006', async () => {
    mock = newMock();
    const token = await mock.token();
    const sized = (size: number) => ({ filename: 'big.png', bytes: Buffer.concat([FILES.png.bytes, Buffer.alloc(size - FILES.png.bytes.length)]) });
    expect((await mock.upload('uploadImage', token, undefined, sized(1024 * 1024))).body.url).toBeTypeOf('string');
    expectWxError(await mock.upload('uploadImage', token, undefined, sized(1024 * 1024 + 1)), 40006);
  });

  it('keeps its URL inside a draft’s content and drops images from other hosts', async () => {
    mock = newMock();
    const token = await mock.token();
    const { url } = (await mock.upload('uploadImage', token, undefined, FILES.png)).body as { url: string };
    const content = `<p>Hi</p><img src="${url}" alt="ours"><img src="https://example.com/cat.png"><p>bye</p>`;
    const thumb = await mock.uploaded(token, 'thumb', true);
    const draft = (await mock.post(PATHS.addDraft, token, { articles: [{ title: 't', content, thumb_media_id: thumb }] })).body.media_id as string;
    const kept = (await mock.post(PATHS.getDraft, token, { media_id: draft })).body.news_item[0].content;
    expect(kept).toBe(`<p>Hi</p><img src="${url}" alt="ours"><p>bye</p>`);
  });
});

describe('the filter of images from other hosts', () => {
  it('keeps WeChat’s image hosts however the src is quoted, and an <img> without src; drops any other src', () => {
    expect(keepWechatImages(`<IMG SRC='http://mmbiz.qpic.cn/mmbiz_jpg/a/0'><img data-src="x"><img src=//mmbiz.qlogo.cn/b/0>`)).toBe(
      `<IMG SRC='http://mmbiz.qpic.cn/mmbiz_jpg/a/0'><img data-src="x"><img src=//mmbiz.qlogo.cn/b/0>`,
    );
    expect(keepWechatImages('<img src="http://mmbiz.qpic.cn.evil.com/a"><img src="data:image/png;base64,AAAA"><img alt="x" src=/local.png>')).toBe('');
  });
});

describe('material/add_news', () => {
  it('answers 45103 to a well-formed call as to any body: WeChat withdrew it for the draft box', async () => {
    mock = newMock();
    const token = await mock.token();
    const thumb = await mock.uploaded(token, 'thumb', true);
    expectWxError(await mock.post(PATHS.addNews, token, { articles: [{ title: 't', content: 'c', thumb_media_id: thumb, show_cover_pic: 1 }] }), 45103);
    expectWxError(await mock.post(PATHS.addNews, token, 'not json'), 45103);
    expect((await mock.http.get(PATHS.getMaterialCount).query({ access_token: token })).body.news_count).toBe(0);
  });
});
