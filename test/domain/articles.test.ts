import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_ARTICLES, addDraft, addNews, uploadNews } from '../../mock/domain/articles.js';
import type { Body } from '../../mock/domain/loose.js';
import { TEMPORARY_MEDIA_MS, issueMedia } from '../../mock/domain/media-library.js';
import type { App, MediaSource, MediaType } from '../../mock/domain/store.js';
import { T0, addApp, expectDone, expectFail, expectOk, newSim, only, touched, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
/** An app under the strict media policy. */
let app: App;

beforeEach(() => {
  t = newSim();
  app = addApp(t.sim, { media: 'strict' });
});

const issue = (type: MediaType, source: MediaSource, on: App = app) => t.sim.unit(() => issueMedia(t.sim.ctx, on, t.sim.appNow(on), { type, source })).media_id;
const draft = (body: Body, on: App = app) => t.sim.unit(() => addDraft(t.sim.ctx, on, body));
const news = (body: Body, on: App = app) => t.sim.unit(() => uploadNews(t.sim.ctx, on, body));

/** An article with a title, content and `thumb`, nothing else. */
const article = (thumb: unknown, fields: Body = {}): Body => ({ title: 'Title', content: '<p>Body</p>', thumb_media_id: thumb, ...fields });

describe('the article limit', () => {
  it('is 8 articles a news', () => {
    expect(MAX_ARTICLES).toBe(8);
  });
});

describe.each([
  ['addDraft', draft],
  ['uploadNews', news],
] as const)('%s', (_, call) => {
  let thumb: string;
  beforeEach(() => {
    thumb = issue('thumb', 'material');
  });

  it('takes 1 to 8 articles', () => {
    expectOk(call({ articles: [article(thumb)] }));
    expectOk(call({ articles: Array.from({ length: 8 }, () => article(thumb)) }));
  });

  it.each([[undefined], [[]], ['x'], [{ 0: {} }], [null]])('answers 44003 for articles %j', (articles) => {
    expectFail(call(articles === undefined ? {} : { articles }), 44003);
  });

  it('answers 45008 for 9 articles, before looking at any of them', () => {
    expectFail(call({ articles: Array.from({ length: 9 }, () => ({})) }), 45008);
  });

  it.each([
    ['an article that is no object', 'x'],
    ['an array', [article('t')]],
    ['null', null],
    ['no title', { content: 'c', thumb_media_id: 't' }],
    ['an empty title', { title: '', content: 'c', thumb_media_id: 't' }],
    ['a title that is no string', { title: 5, content: 'c', thumb_media_id: 't' }],
    ['no content', { title: 't', thumb_media_id: 't' }],
    ['an empty content', { title: 't', content: '', thumb_media_id: 't' }],
    ['a content that is no string', { title: 't', content: ['c'], thumb_media_id: 't' }],
  ])('answers 44003 for %s, before its thumb', (_, bad) => {
    expectFail(call({ articles: [bad] }), 44003);
    expectFail(call({ articles: [article(thumb), bad] }), 44003);
  });

  it.each([[undefined], [''], [42], ['unknown']])('answers 40007 for the thumb_media_id %j', (bad) => {
    expectFail(call({ articles: [article(bad)] }), 40007);
    expectFail(call({ articles: [article(thumb), article(bad)] }), 40007);
  });

  it('answers 40007 for a thumb that is a voice, a video or news, or another app\'s', () => {
    for (const other of [issue('voice', 'material'), issue('video', 'material'), issue('news', 'uploadnews')]) expectFail(call({ articles: [article(other)] }), 40007);
    const theirs = issue('thumb', 'material', addApp(t.sim, { media: 'strict' }));
    expectFail(call({ articles: [article(theirs)] }), 40007);
  });

  it('takes a permanent image as the cover too', () => {
    expectOk(call({ articles: [article(issue('image', 'material'))] }));
  });

  it('answers the first refusal in article order', () => {
    expectFail(call({ articles: [article('unknown'), { title: '' }] }), 40007);
    expectFail(call({ articles: [{ title: '' }, article('unknown')] }), 44003);
  });

  it('takes any non-empty string as the thumb under the media policy "any", but still needs a string', () => {
    const loose = addApp(t.sim, { media: 'any' });
    expectOk(call({ articles: [article('made-up')] }, loose));
    expectFail(call({ articles: [article('')] }, loose), 40007);
    expectFail(call({ articles: [article(7)] }, loose), 40007);
  });

  it('records nothing when it refuses', () => {
    const before = t.commits.length;
    expectFail(call({ articles: [article('unknown')] }), 40007);
    expect(t.commits).toHaveLength(before);
    expect(app.drafts.size).toBe(0);
    expect(app.library.size).toBe(1);
  });
});

describe('addDraft', () => {
  it('needs a permanent cover: a temporary thumb or image answers 40007', () => {
    expectFail(draft({ articles: [article(issue('thumb', 'upload'))] }), 40007);
    expectFail(draft({ articles: [article(issue('image', 'upload'))] }), 40007);
  });

  it('adds a draft with a permanent media_id, its articles as kept and the app\'s time, in one unit', () => {
    const thumb = issue('thumb', 'material');
    expectDone(t.sim.advance(5_000, app.appid));
    const before = t.commits.length;
    const answer = expectOk(
      draft({
        articles: [
          article(thumb, { author: 'me', digest: 'd', content_source_url: 'https://example.com', need_open_comment: 1, only_fans_can_comment: 0, extra: 'x' }),
          article(thumb, { author: 7, digest: null }),
        ],
      }),
    );
    expect(answer).toEqual({ media_id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(app.drafts.get(answer.media_id)).toEqual({
      media_id: answer.media_id,
      created_at: T0 + 5_000,
      articles: [
        { title: 'Title', author: 'me', digest: 'd', content: '<p>Body</p>', content_source_url: 'https://example.com', thumb_media_id: thumb, need_open_comment: 1, only_fans_can_comment: 0 },
        { title: 'Title', author: '', digest: '', content: '<p>Body</p>', content_source_url: '', thumb_media_id: thumb, need_open_comment: 0, only_fans_can_comment: 0 },
      ],
    });
    expect(t.commits).toHaveLength(before + 1);
    expect(t.commits.at(-1)!.drafts).toEqual([{ app, media_id: answer.media_id, now: app.drafts.get(answer.media_id), previous: undefined }]);
    expect(touched(t.commits.at(-1))).toEqual(only({}));
  });
});

describe('the comment switches', () => {
  it('keeps each as 1 when given 1, as a number or a string, and as 0 otherwise', () => {
    const thumb = issue('thumb', 'material');
    const switches = (given: Body) => {
      const { need_open_comment, only_fans_can_comment } = app.drafts.get(expectOk(draft({ articles: [article(thumb, given)] })).media_id)!.articles[0]!;
      return { need_open_comment, only_fans_can_comment };
    };
    expect(switches({ need_open_comment: 1, only_fans_can_comment: '1' })).toEqual({ need_open_comment: 1, only_fans_can_comment: 1 });
    expect(switches({ need_open_comment: '1', only_fans_can_comment: 1 })).toEqual({ need_open_comment: 1, only_fans_can_comment: 1 });
    expect(switches({ need_open_comment: 2, only_fans_can_comment: true })).toEqual({ need_open_comment: 0, only_fans_can_comment: 0 });
  });
});

describe('addNews', () => {
  it('answers 45103 whatever is sent: WeChat withdrew material/add_news for the draft box', () => {
    expectFail(addNews(), 45103);
  });
});

describe('uploadNews', () => {
  it('takes any image or thumb as the cover, temporary or permanent', () => {
    for (const [type, source] of [
      ['thumb', 'upload'],
      ['image', 'upload'],
      ['thumb', 'material'],
      ['image', 'material'],
    ] as const) {
      expectOk(news({ articles: [article(issue(type, source))] }));
    }
  });

  it('issues a news media_id for 3 days with its articles, answered with type news and the time in Unix seconds', () => {
    const thumb = issue('thumb', 'upload');
    expectDone(t.sim.advance(2_500, app.appid));
    const answer = expectOk(news({ articles: [article(thumb), article(thumb, { author: 'a' })] }));
    expect(answer).toEqual({ type: 'news', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/), created_at: Math.floor((T0 + 2_500) / 1000) });
    expect(app.library.get(answer.media_id)).toEqual({
      media_id: answer.media_id,
      type: 'news',
      source: 'uploadnews',
      created_at: T0 + 2_500,
      expires_at: T0 + 2_500 + TEMPORARY_MEDIA_MS,
      articles: [
        { title: 'Title', author: '', digest: '', content: '<p>Body</p>', content_source_url: '', thumb_media_id: thumb, need_open_comment: 0, only_fans_can_comment: 0 },
        { title: 'Title', author: 'a', digest: '', content: '<p>Body</p>', content_source_url: '', thumb_media_id: thumb, need_open_comment: 0, only_fans_can_comment: 0 },
      ],
    });
  });

  it('judges an expiring thumb at the app\'s time', () => {
    const thumb = issue('thumb', 'upload');
    expectDone(t.sim.advance(TEMPORARY_MEDIA_MS - 1, app.appid));
    expectOk(news({ articles: [article(thumb)] }));
    expectDone(t.sim.advance(1, app.appid));
    expectFail(news({ articles: [article(thumb)] }), 40007);
  });
});
