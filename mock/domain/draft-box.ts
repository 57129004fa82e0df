/**
 * The draft box as WeChat's calls read and change it: draft/get, draft/update, draft/delete,
 * draft/count and draft/batchget. The mock's default draft can be read and sent, but it is not in
 * the box these calls list and count, and it cannot change: a new app's box is empty, as a new
 * account's is.
 */
import type { components } from '../../contracts/generated/openapi.js';
import { checkArticle, permanentCover } from './articles.js';
import type { DomainContext } from './domain-context.js';
import { field, isObject, looseInteger, type Body } from './loose.js';
import { newestPage, readPage } from './list-page.js';
import { findDraft, unixSeconds } from './media-library.js';
import { fail, ok, type Result } from './result.js';
import type { App, Draft } from './store.js';

type Schemas = components['schemas'];
type NewsItem = Schemas['NewsItem'];

/** A draft's temporary link, as draft/get's url; tempkey, not mid, so deleteMassMsg by url never takes it for a send. */
function draftUrl(draft: Draft, idx: number): string {
  return `http://mp.weixin.qq.com/s?__biz=mock&tempkey=${encodeURIComponent(draft.media_id)}&idx=${idx}`;
}

/**
 * A draft is replaced, never changed in place: each version's getDraft answer is built once for
 * every read of it (batchget lists its items too), and frozen, so the HTTP layer serializes it once.
 */
const answerOf = new WeakMap<Draft, Schemas['GetDraftSuccess']>();

function draftAnswer(draft: Draft): Schemas['GetDraftSuccess'] {
  let answer = answerOf.get(draft);
  if (!answer) {
    const items = draft.articles.map((article, i) =>
      Object.freeze({
        ...article,
        need_open_comment: article.need_open_comment ?? 0,
        only_fans_can_comment: article.only_fans_can_comment ?? 0,
        url: draftUrl(draft, i + 1),
      }),
    );
    // Frozen as a whole: the generated type's array is not readonly, and nothing writes to it.
    answer = Object.freeze({ news_item: Object.freeze(items) as NewsItem[] });
    answerOf.set(draft, answer);
  }
  return answer;
}

/** When the draft last changed, ms: its update, else its creation. */
const changedAt = (draft: Draft) => draft.updated_at ?? draft.created_at ?? 0;

/** A draft the app added, which only those can be: the default draft is not one. */
function ownDraft(app: App, body: Body): Draft | undefined {
  const id = field(body, 'media_id');
  return typeof id === 'string' ? app.drafts.get(id) : undefined;
}

export function getDraft(app: App, body: Body): Result<Schemas['GetDraftSuccess']> {
  const draft = findDraft(app, field(body, 'media_id'));
  return draft ? ok(draftAnswer(draft)) : fail(40007);
}

/** A send already made of the draft is not touched: it keeps its articles and its lifecycle. */
export function deleteDraft(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const draft = ownDraft(app, body);
  if (!draft) return fail(40007);
  ctx.changes.deleteDraft(app, draft.media_id);
  return ok({ errcode: 0, errmsg: 'ok' });
}

/**
 * articles is one article (an object, as wechatpy and the doc send it) replacing the one at index
 * (0-based, absent 0). Checked in order: the draft (40007), the index (40035), the article (absent
 * 44003, not an object 47001), then as draft/add checks an article.
 */
export function updateDraft(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const draft = ownDraft(app, body);
  if (!draft) return fail(40007);
  const rawIndex = field(body, 'index');
  const index = rawIndex === undefined || rawIndex === null ? 0 : looseInteger(rawIndex);
  if (index === undefined || index >= draft.articles.length) return fail(40035);
  const given = field(body, 'articles');
  if (given === undefined || given === null) return fail(44003);
  if (!isObject(given)) return fail(47001);
  const now = ctx.appNow(app);
  const article = checkArticle(app, given, now, permanentCover);
  if (!article.ok) return article;
  const articles = draft.articles.map((kept, i) => (i === index ? article.value : kept));
  ctx.changes.draft(app, { ...draft, articles, updated_at: now });
  return ok({ errcode: 0, errmsg: 'ok' });
}

export function countDraft(app: App): Schemas['CountDraftSuccess'] {
  return { total_count: app.drafts.size };
}

/** The most recently added or updated first; no_content 1 leaves the articles out. */
export function batchGetDraft(app: App, body: Body): Result<Schemas['BatchGetDraftSuccess']> {
  const page = readPage(body);
  if (!page.ok) return page;
  const withContent = looseInteger(field(body, 'no_content')) !== 1;
  const item = newestPage(app.drafts.values(), changedAt, page.value).map((draft) => {
    const update_time = unixSeconds(changedAt(draft));
    const content = { news_item: draftAnswer(draft).news_item, create_time: unixSeconds(draft.created_at ?? 0), update_time };
    return withContent ? { media_id: draft.media_id, content, update_time } : { media_id: draft.media_id, update_time };
  });
  return ok({ total_count: app.drafts.size, item_count: item.length, item });
}
