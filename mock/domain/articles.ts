/**
 * The calls that make news an mpnews send takes: draft/add (a draft, permanent) and the legacy
 * media/uploadnews (3 days). Each article needs title and content (44003) and a thumb the app holds
 * (40007); one to 8 articles (none 44003, more 45008, which replaced 10 in 2017: Eric-Guo/wechat#175).
 * material/add_news, the permanent news before drafts, is withdrawn.
 */
import type { components } from '../../contracts/generated/openapi.js';
import { keepWechatImages } from './article-images.js';
import type { DomainContext } from './domain-context.js';
import { field, isObject, looseInteger, type Body } from './loose.js';
import { acceptMedia, issueDraft, issueMedia, unixSeconds, type MediaRef } from './media-library.js';
import { fail, ok, type Result } from './result.js';
import type { App, Article } from './store.js';

type Schemas = components['schemas'];

/** The most articles a news (and so a send's article_idx) has. */
export const MAX_ARTICLES = 8;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
/** A switch SDKs send as 0 or 1, a number or a string: 1 is on, anything else off. */
const flag = (value: unknown): 0 | 1 => (looseInteger(value) === 1 ? 1 : 0);

/** A draft's cover must be permanent material: an image or thumb from add_material. */
export const permanentCover = (media: MediaRef) => media.permanent && (media.type === 'image' || media.type === 'thumb');
/** Reports disagree on which cover uploadnews demands, so any image or thumb, temporary or permanent. */
const anyCover = (media: MediaRef) => media.type === 'image' || media.type === 'thumb';

/**
 * One article as kept: title and content (44003), a cover `cover` accepts (40007); the optional
 * fields SDKs send as "" or 0 are accepted, unknown ones ignored, images from other hosts dropped.
 */
export function checkArticle(app: App, article: Body, now: number, cover: (media: MediaRef) => boolean): Result<Article> {
  const title = text(field(article, 'title'));
  const content = text(field(article, 'content'));
  if (title === '' || content === '') return fail(44003);
  const thumb = field(article, 'thumb_media_id');
  if (!acceptMedia(app, thumb, now, cover)) return fail(40007);
  return ok({
    title,
    author: text(field(article, 'author')),
    digest: text(field(article, 'digest')),
    content: keepWechatImages(content),
    content_source_url: text(field(article, 'content_source_url')),
    // acceptMedia takes only a non-empty string.
    thumb_media_id: thumb as string,
    need_open_comment: flag(field(article, 'need_open_comment')),
    only_fans_can_comment: flag(field(article, 'only_fans_can_comment')),
  });
}

function checkArticles(app: App, body: Body, now: number, cover: (media: MediaRef) => boolean): Result<Article[]> {
  const articles = field(body, 'articles');
  if (!Array.isArray(articles) || articles.length === 0) return fail(44003);
  if (articles.length > MAX_ARTICLES) return fail(45008);
  const kept: Article[] = [];
  for (const article of articles as unknown[]) {
    if (!isObject(article)) return fail(44003);
    const checked = checkArticle(app, article, now, cover);
    if (!checked.ok) return checked;
    kept.push(checked.value);
  }
  return ok(kept);
}

export function addDraft(ctx: DomainContext, app: App, body: Body): Result<Schemas['MediaIdSuccess']> {
  const now = ctx.appNow(app);
  const articles = checkArticles(app, body, now, permanentCover);
  if (!articles.ok) return articles;
  return ok({ media_id: issueDraft(ctx, app, now, articles.value).media_id });
}

export function uploadNews(ctx: DomainContext, app: App, body: Body): Result<Schemas['UploadNewsSuccess']> {
  const now = ctx.appNow(app);
  const articles = checkArticles(app, body, now, anyCover);
  if (!articles.ok) return articles;
  const media = issueMedia(ctx, app, now, { type: 'news', source: 'uploadnews', articles: articles.value });
  return ok({ type: 'news', media_id: media.media_id, created_at: unixSeconds(media.created_at) });
}

/** material/add_news: WeChat withdrew it for the draft box, and answers 45103 whatever is sent. */
export function addNews(): Result<Schemas['MediaIdSuccess']> {
  return fail(45103);
}
