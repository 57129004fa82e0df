/**
 * The media_ids an app holds and what each names: the default draft every app starts with, the
 * drafts it added, and what its uploads, material, uploadnews and uploadvideo issued. Temporary
 * ones stop being accepted 3 days after they were issued, at the app's time, and stay, so the
 * state shows them expired; only draft/delete and material/del_material remove anything.
 */
import type { DomainContext } from './domain-context.js';
import type { App, Draft, Media, MediaType } from './store.js';

/** The news draft every app has from the start, so a first mpnews send needs no upload. */
export const DEFAULT_NEWS_MEDIA_ID = 'wxmock-default-news';

/** How long temporary media (and uploadnews and uploadvideo answers) can be used. */
export const TEMPORARY_MEDIA_MS = 3 * 86_400_000;

/** Real permanent ids (material, drafts) are 43 characters, temporary ones 64. */
const PERMANENT_ID_LENGTH = 43;
const TEMPORARY_ID_LENGTH = 64;

export const DEFAULT_DRAFT: Draft = {
  media_id: DEFAULT_NEWS_MEDIA_ID,
  created_at: undefined,
  articles: [
    {
      title: 'wechat-mass-mock',
      author: '',
      digest: '',
      content: '<p>The draft every app of wechat-mass-mock starts with.</p>',
      content_source_url: '',
      thumb_media_id: '',
    },
  ],
};

/** What a usable media_id names: its type, whether it is permanent, and how many articles (news) it has. */
export interface MediaRef {
  readonly type: MediaType;
  readonly permanent: boolean;
  readonly articles: number;
}

/** The app's drafts, the default one first. */
export function draftsOf(app: App): Draft[] {
  return [DEFAULT_DRAFT, ...app.drafts.values()];
}

/** The draft `id` names in `app`: one it added, or the default draft. */
export function findDraft(app: App, id: unknown): Draft | undefined {
  if (id === DEFAULT_NEWS_MEDIA_ID) return DEFAULT_DRAFT;
  return typeof id === 'string' ? app.drafts.get(id) : undefined;
}

/** The permanent material `id` names in `app` (add_material's; temporary media and drafts are not material). */
export function materialOf(app: App, id: unknown): Media | undefined {
  const media = typeof id === 'string' ? app.library.get(id) : undefined;
  return media?.source === 'material' ? media : undefined;
}

export function isExpired(media: Media, now: number): boolean {
  return now >= (media.expires_at ?? Infinity);
}

/** What `id` names in `app` at app time `now`, when it names anything not expired. */
function findMedia(app: App, id: string, now: number): MediaRef | undefined {
  const draft = findDraft(app, id);
  if (draft) return { type: 'news', permanent: true, articles: draft.articles.length };
  const media = app.library.get(id);
  if (!media || isExpired(media, now)) return undefined;
  return { type: media.type, permanent: media.source === 'material', articles: media.articles?.length ?? 1 };
}

/**
 * Whether `id` may stand where `wanted` says, in `app` at app time `now`: an id the app holds and
 * `wanted` accepts, or, under the app's media policy "any", any non-empty string (one article).
 */
export function acceptMedia(app: App, id: unknown, now: number, wanted: (media: MediaRef) => boolean): { readonly articles: number } | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  const found = findMedia(app, id, now);
  if (found && wanted(found)) return found;
  return app.media === 'any' ? { articles: 1 } : undefined;
}

/** A new media_id for `app`, issued at app time `now` and recorded; all but material expire. */
export function issueMedia(ctx: DomainContext, app: App, now: number, fields: Omit<Media, 'media_id' | 'created_at' | 'expires_at'>): Media {
  const permanent = fields.source === 'material';
  const media: Media = {
    media_id: ctx.random.mediaId(permanent ? PERMANENT_ID_LENGTH : TEMPORARY_ID_LENGTH),
    created_at: now,
    expires_at: permanent ? undefined : now + TEMPORARY_MEDIA_MS,
    ...fields,
  };
  ctx.changes.media(app, media);
  return media;
}

/** A new draft in `app`'s draft box, added at app time `now` and recorded. */
export function issueDraft(ctx: DomainContext, app: App, now: number, articles: Draft['articles']): Draft {
  const draft: Draft = { media_id: ctx.random.mediaId(PERMANENT_ID_LENGTH), created_at: now, articles };
  ctx.changes.draft(app, draft);
  return draft;
}

/** Unix seconds, as WeChat's created_at. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
