/**
 * The draft box as WeChat's calls read and change it, without HTTP: draft/get, update, delete, count
 * and batchget. The default draft can be read, but it is not in the box and cannot change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { addDraft } from '../../mock/domain/articles.js';
import { batchGetDraft, countDraft, deleteDraft, getDraft, updateDraft } from '../../mock/domain/draft-box.js';
import type { Body } from '../../mock/domain/loose.js';
import { DEFAULT_NEWS_MEDIA_ID, issueMedia } from '../../mock/domain/media-library.js';
import type { App, MediaSource } from '../../mock/domain/store.js';
import { addDraft as putDraft } from './fixtures.js';
import { T0, addApp, expectDone, expectFail, expectOk, newSim, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
/** An app under the strict media policy, with a permanent thumb to use as a cover. */
let app: App;
let cover: string;

const run = <T>(work: () => T): T => t.sim.unit(work);
const issueThumb = (source: MediaSource) => run(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'thumb', source })).media_id;

beforeEach(() => {
  t = newSim();
  app = addApp(t.sim, { media: 'strict' });
  cover = issueThumb('material');
});

const article = (title: string, fields: Body = {}): Body => ({ title, content: `<p>${title}</p>`, thumb_media_id: cover, ...fields });
/** A draft of articles titled `titles`, added now: its media_id. */
const draftOf = (...titles: string[]) => expectOk(run(() => addDraft(t.sim.ctx, app, { articles: titles.map((title) => article(title)) }))).media_id;
const update = (body: Body) => run(() => updateDraft(t.sim.ctx, app, body));
const remove = (body: Body) => run(() => deleteDraft(t.sim.ctx, app, body));
const titles = (media_id: string) => expectOk(getDraft(app, { media_id })).news_item.map((item) => item.title);
const listed = (body: Body = { offset: 0, count: 20 }) => expectOk(batchGetDraft(app, body)).item.map((item) => item.media_id);
const later = (ms: number) => expectDone(t.sim.advance(ms, app.appid));
const OK = { errcode: 0, errmsg: 'ok' };

describe('getDraft', () => {
  it('answers the articles as kept, with the comment switches and a temporary link to each', () => {
    const id = expectOk(run(() => addDraft(t.sim.ctx, app, { articles: [article('one', { need_open_comment: 1 }), article('two', { author: 'me', only_fans_can_comment: 1 })] }))).media_id;
    const link = (idx: number) => `http://mp.weixin.qq.com/s?__biz=mock&tempkey=${id}&idx=${idx}`;
    expect(expectOk(getDraft(app, { media_id: id }))).toEqual({
      news_item: [
        { title: 'one', author: '', digest: '', content: '<p>one</p>', content_source_url: '', thumb_media_id: cover, need_open_comment: 1, only_fans_can_comment: 0, url: link(1) },
        { title: 'two', author: 'me', digest: '', content: '<p>two</p>', content_source_url: '', thumb_media_id: cover, need_open_comment: 0, only_fans_can_comment: 1, url: link(2) },
      ],
    });
  });

  it('reads the switches as 0 on an article kept before there were any, and escapes the media_id in the link', () => {
    putDraft(app, 'an id/with&odd=characters');
    const [item] = expectOk(getDraft(app, { media_id: 'an id/with&odd=characters' })).news_item;
    expect(item).toMatchObject({ need_open_comment: 0, only_fans_can_comment: 0, url: 'http://mp.weixin.qq.com/s?__biz=mock&tempkey=an%20id%2Fwith%26odd%3Dcharacters&idx=1' });
  });

  it('reads the default draft', () => {
    expect(titles(DEFAULT_NEWS_MEDIA_ID)).toEqual(['wechat-mass-mock']);
  });

  it('answers one frozen answer per version of a draft, and a new one once the draft is updated', () => {
    const id = draftOf('first');
    const answer = expectOk(getDraft(app, { media_id: id }));
    expect(expectOk(getDraft(app, { media_id: id }))).toBe(answer);
    expect([answer, answer.news_item, answer.news_item[0]].every((part) => Object.isFrozen(part))).toBe(true);
    expect(expectOk(update({ media_id: id, index: 0, articles: article('second') }))).toEqual(OK);
    const updated = expectOk(getDraft(app, { media_id: id }));
    expect(updated).not.toBe(answer);
    expect(updated.news_item.map((item) => item.title)).toEqual(['second']);
    expect(answer.news_item.map((item) => item.title)).toEqual(['first']);
  });

  it("answers 40007 for a media_id that names no draft of the app's", () => {
    const other = addApp(t.sim);
    const theirs = putDraft(other, 'theirs').media_id;
    for (const media_id of [undefined, 'nothing', 42, theirs, cover]) expectFail(getDraft(app, { media_id }), 40007);
  });
});

describe('deleteDraft', () => {
  it('takes the draft out of the box, recorded; its media_id then names nothing', () => {
    const id = draftOf('a');
    const kept = draftOf('b');
    expect(expectOk(remove({ media_id: id }))).toEqual(OK);
    expect(t.commits.at(-1)!.drafts).toEqual([{ app, media_id: id, now: undefined, previous: expect.objectContaining({ media_id: id }) }]);
    expect(countDraft(app)).toEqual({ total_count: 1 });
    expect(listed()).toEqual([kept]);
    expectFail(getDraft(app, { media_id: id }), 40007);
    expectFail(remove({ media_id: id }), 40007);
  });

  it('answers 40007 for the default draft, and for anything else that is not a draft the app added', () => {
    for (const media_id of [DEFAULT_NEWS_MEDIA_ID, undefined, 'nothing', 42, cover]) expectFail(remove({ media_id }), 40007);
    expect(titles(DEFAULT_NEWS_MEDIA_ID)).toEqual(['wechat-mass-mock']);
  });
});

describe('updateDraft', () => {
  it('replaces the article at index with the one given, at the app\'s time, keeping the others and the draft\'s creation', () => {
    const id = draftOf('a', 'b', 'c');
    const before = app.drafts.get(id);
    // Read first: what a read built must not outlive the version it was built from.
    expect(titles(id)).toEqual(['a', 'b', 'c']);
    later(60_000);
    expect(expectOk(update({ media_id: id, index: 1, articles: article('b2') }))).toEqual(OK);
    expect(titles(id)).toEqual(['a', 'b2', 'c']);
    expect(app.drafts.get(id)).toMatchObject({ created_at: T0, updated_at: T0 + 60_000 });
    expect(t.commits.at(-1)!.drafts).toEqual([{ app, media_id: id, now: app.drafts.get(id), previous: before }]);
  });

  it('replaces the first article when index is absent or null, and takes index as a string', () => {
    const id = draftOf('a', 'b');
    expectOk(update({ media_id: id, articles: article('a2') }));
    expectOk(update({ media_id: id, index: null, articles: article('a3') }));
    expectOk(update({ media_id: id, index: '1', articles: article('b2') }));
    expect(titles(id)).toEqual(['a3', 'b2']);
  });

  it('checks the draft (40007), the index (40035), then the article (44003, 47001, then as draft/add), changing nothing', () => {
    const id = draftOf('a', 'b');
    const refusals: [Body, number][] = [
      [{ media_id: DEFAULT_NEWS_MEDIA_ID, index: 0, articles: article('x') }, 40007],
      [{ media_id: 'nothing', index: 0, articles: article('x') }, 40007],
      [{ media_id: 'nothing', index: 9 }, 40007],
      [{ media_id: id, index: 2, articles: article('x') }, 40035],
      [{ media_id: id, index: -1, articles: article('x') }, 40035],
      [{ media_id: id, index: 'first', articles: article('x') }, 40035],
      [{ media_id: id, index: 5 }, 40035],
      [{ media_id: id, index: 1 }, 44003],
      [{ media_id: id, index: 1, articles: null }, 44003],
      [{ media_id: id, index: 1, articles: [article('x')] }, 47001],
      [{ media_id: id, index: 1, articles: 'x' }, 47001],
      [{ media_id: id, index: 1, articles: article('') }, 44003],
      [{ media_id: id, index: 1, articles: article('x', { thumb_media_id: issueThumb('upload') }) }, 40007],
    ];
    for (const [body, errcode] of refusals) expectFail(update(body), errcode as 40007);
    expect(titles(id)).toEqual(['a', 'b']);
    expect(app.drafts.get(id)!.updated_at).toBeUndefined();
  });
});

describe('countDraft', () => {
  it('counts the drafts the app added, not the default one', () => {
    expect(countDraft(app)).toEqual({ total_count: 0 });
    draftOf('a');
    draftOf('b');
    expect(countDraft(app)).toEqual({ total_count: 2 });
  });
});

describe('batchGetDraft', () => {
  it('lists the most recently added or updated first, each with its content and times in Unix seconds', () => {
    const older = draftOf('a');
    later(1_000);
    const newer = draftOf('b');
    expect(listed()).toEqual([newer, older]);
    later(1_000);
    expectOk(update({ media_id: older, articles: article('a2') }));
    const page = expectOk(batchGetDraft(app, { offset: 0, count: 20 }));
    const seconds = (ms: number) => Math.floor(ms / 1000);
    expect(page).toEqual({
      total_count: 2,
      item_count: 2,
      item: [
        { media_id: older, content: { news_item: expectOk(getDraft(app, { media_id: older })).news_item, create_time: seconds(T0), update_time: seconds(T0) + 2 }, update_time: seconds(T0) + 2 },
        { media_id: newer, content: { news_item: expectOk(getDraft(app, { media_id: newer })).news_item, create_time: seconds(T0) + 1, update_time: seconds(T0) + 1 }, update_time: seconds(T0) + 1 },
      ],
    });
  });

  it('leaves the content out with no_content 1, as a number or a string', () => {
    const id = draftOf('a');
    for (const no_content of [1, '1']) expect(expectOk(batchGetDraft(app, { offset: 0, count: 1, no_content })).item).toEqual([{ media_id: id, update_time: Math.floor(T0 / 1000) }]);
    expect(expectOk(batchGetDraft(app, { offset: 0, count: 1, no_content: 0 })).item[0]).toHaveProperty('content');
  });

  it('pages from offset, count at a time; total_count is the whole box, item_count the page', () => {
    const ids = Array.from({ length: 5 }, (_, i) => {
      later(1_000);
      return draftOf(`d${i}`);
    });
    expect(expectOk(batchGetDraft(app, { offset: 1, count: 3, no_content: 1 }))).toMatchObject({ total_count: 5, item_count: 3 });
    expect(listed({ offset: 1, count: 3 })).toEqual([ids[3], ids[2], ids[1]]);
    expect(expectOk(batchGetDraft(app, { offset: 5, count: 3 }))).toEqual({ total_count: 5, item_count: 0, item: [] });
  });

  it('answers 40035 for a page out of range', () => {
    expectFail(batchGetDraft(app, { offset: 0, count: 21 }), 40035);
    expectFail(batchGetDraft(app, { offset: -1, count: 1 }), 40035);
  });
});
