/**
 * The draft box as WeChat's calls see it: draft/get, update, delete, count and batchget, shaped as
 * wechatpy's draft.py sends and reads them; paging to the end; the default draft readable but not
 * in the box; a deleted draft gone for new sends but not for the sends already made of it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NEWS_MEDIA_ID } from '../../mock/domain/media-library.js';
import { MPNEWS_TO_ALL, PATHS, T0, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

/** An article as wechatpy's draft.add builds it, with `cover` as its thumb. */
function article(title: string, cover: string, switches: { need_open_comment?: number; only_fans_can_comment?: number } = {}) {
  return { title, author: 'me', digest: 'd', content: `<p>${title}</p>`, content_source_url: 'https://example.com/a', thumb_media_id: cover, need_open_comment: 0, only_fans_can_comment: 0, ...switches };
}

async function addDraft(token: string, articles: object[]): Promise<string> {
  const res = await mock.post(PATHS.addDraft, token, { articles });
  expect(res.body.media_id, JSON.stringify(res.body)).toBeTypeOf('string');
  return res.body.media_id as string;
}

describe('draft/get', () => {
  it('reads a draft as draft/add took it, with its comment switches and a temporary link to each article', async () => {
    mock = newMock();
    const token = await mock.token();
    const cover = await mock.uploaded(token, 'thumb', true);
    const id = await addDraft(token, [article('one', cover, { need_open_comment: 1 }), article('two', cover, { only_fans_can_comment: '1' as unknown as number })]);
    const res = await mock.post(PATHS.getDraft, token, { media_id: id });
    expect(res.body).toEqual({
      news_item: [
        { ...article('one', cover), need_open_comment: 1, only_fans_can_comment: 0, url: expect.stringMatching(/^http:\/\/mp\.weixin\.qq\.com\/s\?.*tempkey=.*&idx=1$/) },
        { ...article('two', cover), need_open_comment: 0, only_fans_can_comment: 1, url: expect.stringMatching(/&idx=2$/) },
      ],
    });
    expect(res.body.news_item[0].url).not.toMatch(/[?&]mid=/);
  });

  it('reads the default draft, which draft/count and draft/batchget leave out and draft/update and draft/delete refuse', async () => {
    mock = newMock();
    const token = await mock.token();
    expect((await mock.post(PATHS.getDraft, token, { media_id: DEFAULT_NEWS_MEDIA_ID })).body.news_item).toEqual([expect.objectContaining({ title: 'wechat-mass-mock' })]);
    expect((await mock.http.get(PATHS.countDraft).query({ access_token: token })).body).toEqual({ total_count: 0 });
    expect((await mock.post(PATHS.batchGetDraft, token, { offset: 0, count: 20, no_content: 0 })).body).toEqual({ total_count: 0, item_count: 0, item: [] });
    const cover = await mock.uploaded(token, 'thumb', true);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: DEFAULT_NEWS_MEDIA_ID, index: 0, articles: article('x', cover) }), 40007);
    expectWxError(await mock.post(PATHS.deleteDraft, token, { media_id: DEFAULT_NEWS_MEDIA_ID }), 40007);
    expect((await mock.post(PATHS.sendAll, token, MPNEWS_TO_ALL)).body.errcode).toBe(0);
  });

  it('answers 40007 to another app’s draft', async () => {
    mock = newMock();
    const other = await mock.createApp();
    const theirs = await mock.draft(await mock.token(other.appid));
    expectWxError(await mock.post(PATHS.getDraft, await mock.token(), { media_id: theirs }), 40007);
  });
});

describe('draft/update', () => {
  it('replaces the article at index with the one object articles holds, and the draft then lists first', async () => {
    mock = newMock();
    const token = await mock.token();
    const cover = await mock.uploaded(token, 'thumb', true);
    const older = await addDraft(token, [article('a', cover), article('b', cover)]);
    const newer = await addDraft(token, [article('c', cover)]);
    mock.advance(60_000);
    const res = await mock.post(PATHS.updateDraft, token, { media_id: older, index: 1, articles: article('b2', cover, { need_open_comment: 1 }) });
    expect(res.body).toEqual({ errcode: 0, errmsg: 'ok' });
    const titles = (await mock.post(PATHS.getDraft, token, { media_id: older })).body.news_item.map((item: { title: string }) => item.title);
    expect(titles).toEqual(['a', 'b2']);
    const list = (await mock.post(PATHS.batchGetDraft, token, { offset: 0, count: 20 })).body;
    expect(list.item.map((item: { media_id: string }) => item.media_id)).toEqual([older, newer]);
    expect(list.item[0]).toMatchObject({ update_time: Math.floor(T0 / 1000) + 60, content: { create_time: Math.floor(T0 / 1000), update_time: Math.floor(T0 / 1000) + 60 } });
    const view = (await mock.http.get('/__mock/state')).body.apps[0].drafts.find((draft: { media_id: string }) => draft.media_id === older);
    expect(view).toMatchObject({ created_at: new Date(T0).toISOString(), updated_at: new Date(T0 + 60_000).toISOString() });
  });

  it('refuses an index past the articles (40035), a missing article (44003), a list where the object goes (47001) and a cover that is not permanent (40007), changing nothing', async () => {
    mock = newMock();
    const token = await mock.token();
    const cover = await mock.uploaded(token, 'thumb', true);
    const id = await addDraft(token, [article('a', cover)]);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: 1, articles: article('x', cover) }), 40035);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: -1, articles: article('x', cover) }), 40035);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: 0 }), 44003);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: 0, articles: [article('x', cover)] }), 47001);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: 0, articles: { ...article('x', cover), content: '' } }), 44003);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: '0', articles: article('x', await mock.uploaded(token, 'thumb')) }), 40007);
    expect((await mock.post(PATHS.getDraft, token, { media_id: id })).body.news_item.map((item: { title: string }) => item.title)).toEqual(['a']);
  });
});

describe('draft/count and draft/batchget', () => {
  it('counts the drafts and pages them to the end, newest first, 20 at a time', async () => {
    mock = newMock();
    const token = await mock.token();
    const added: string[] = [];
    for (let i = 0; i < 45; i++) {
      added.push(await mock.draft(token));
      mock.advance(1000);
    }
    expect((await mock.http.get(PATHS.countDraft).query({ access_token: token })).body).toEqual({ total_count: 45 });
    // wechatpy's count() is a GET; a POST is answered alike.
    expect((await mock.post(PATHS.countDraft, token)).body).toEqual({ total_count: 45 });
    const seen: string[] = [];
    const sizes: number[] = [];
    for (let offset = 0; ; offset += 20) {
      const page = (await mock.post(PATHS.batchGetDraft, token, { offset, count: 20, no_content: 0 })).body;
      expect(page.total_count).toBe(45);
      expect(page.item_count).toBe(page.item.length);
      sizes.push(page.item_count);
      seen.push(...page.item.map((item: { media_id: string }) => item.media_id));
      if (page.item_count === 0) break;
    }
    expect(sizes).toEqual([20, 20, 5, 0]);
    expect(seen).toEqual([...added].reverse());
  });

  it('leaves each item’s content out with no_content 1, and takes numbers as strings', async () => {
    mock = newMock();
    const token = await mock.token();
    const id = await mock.draft(token, 2);
    const bare = (await mock.post(PATHS.batchGetDraft, token, { offset: '0', count: '1', no_content: '1' })).body;
    expect(bare).toEqual({ total_count: 1, item_count: 1, item: [{ media_id: id, update_time: Math.floor(T0 / 1000) }] });
    const full = (await mock.post(PATHS.batchGetDraft, token, { offset: 0, count: 1 })).body;
    expect(full.item[0].content.news_item).toHaveLength(2);
  });

  it('refuses a count outside 1..20 or a negative offset with 40035', async () => {
    mock = newMock();
    const token = await mock.token();
    for (const body of [{ offset: 0, count: 0 }, { offset: 0, count: 21 }, { offset: 0 }, { offset: -1, count: 5 }, { offset: 'first', count: 5 }]) {
      expectWxError(await mock.post(PATHS.batchGetDraft, token, body), 40035);
    }
  });
});

describe('draft/delete', () => {
  it('takes the draft out of the box: get, update, delete and a new send of it answer 40007', async () => {
    mock = newMock();
    const token = await mock.token();
    const id = await mock.draft(token);
    expect((await mock.post(PATHS.deleteDraft, token, { media_id: id })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expectWxError(await mock.post(PATHS.getDraft, token, { media_id: id }), 40007);
    expectWxError(await mock.post(PATHS.updateDraft, token, { media_id: id, index: 0, articles: article('x', await mock.uploaded(token, 'thumb', true)) }), 40007);
    expectWxError(await mock.post(PATHS.deleteDraft, token, { media_id: id }), 40007);
    expectWxError(await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, mpnews: { media_id: id } }), 40007);
    expect((await mock.http.get(PATHS.countDraft).query({ access_token: token })).body.total_count).toBe(0);
  });

  it('leaves a send of the draft that is still SENDING as it was: it ends SEND_SUCCESS, and its articles can still be deleted one by one', async () => {
    mock = newMock();
    const token = await mock.token();
    const id = await mock.draft(token, 2);
    const sent = (await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, mpnews: { media_id: id } })).body.msg_id as number;
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: sent })).body.msg_status).toBe('SENDING');
    expect((await mock.post(PATHS.deleteDraft, token, { media_id: id })).body.errcode).toBe(0);
    expect(mock.app.mock.sim.store.messages.get(sent)).toMatchObject({ status: 'SENDING', articles: 2 });
    mock.advance(5 * 60_000);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: sent })).body.msg_status).toBe('SEND_SUCCESS');
    expect((await mock.post(PATHS.deleteMassMsg, token, { msg_id: sent, article_idx: 2 })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.massmsgget, token, { msg_id: sent })).body.msg_status).toBe('SEND_SUCCESS');
  });
});
