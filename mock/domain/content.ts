/**
 * What a message carries, as sendAll, massSend and preview check it: the msgtype and its payload.
 * A media_id must name, in the sending app and at its time, unexpired media of the type the msgtype
 * takes (40007 otherwise), unless the app's media policy is "any"; `video` is the doc's slip for
 * `mpvideo` and answers 40008.
 */
import { fail, ok, type Result } from './result.js';
import { field, isObject, type Body } from './loose.js';
import { acceptMedia, type MediaRef } from './media-library.js';
import type { App } from './store.js';

export const MSGTYPES = ['mpnews', 'text', 'voice', 'music', 'image', 'mpvideo', 'wxcard'] as const;
export type MsgType = (typeof MSGTYPES)[number];

/** Only these can be deleted once sent. */
export const DELETABLE: ReadonlySet<string> = new Set<MsgType>(['mpnews', 'mpvideo']);

/** A checked message: its msgtype and how many articles it sends (a news' count; 1 for other types). */
export interface Content {
  msgtype: MsgType;
  articles: number;
}

/**
 * The media each msgtype with a `{media_id}` payload takes. No doc names a mass-send music type, so
 * its media_id is judged as a voice's.
 */
const MEDIA_OF: Partial<Record<MsgType, (media: MediaRef) => boolean>> = {
  mpnews: (media) => media.type === 'news',
  mpvideo: (media) => media.type === 'mpvideo',
  voice: (media) => media.type === 'voice',
  music: (media) => media.type === 'voice',
};

const isImage = (media: MediaRef) => media.type === 'image';

/** `includes` matches by SameValueZero: no value but one of the strings listed passes. */
function isMsgType(value: unknown): value is MsgType {
  return (MSGTYPES as readonly unknown[]).includes(value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** Old docs and SDKs send `image: {media_id}`, the newer docs `images: {media_ids: […]}`: both are accepted. */
function checkImage(app: App, body: Body, now: number): boolean {
  const image = field(body, 'image');
  if (isObject(image)) return acceptMedia(app, field(image, 'media_id'), now, isImage) !== undefined;
  const images = field(body, 'images');
  const ids = isObject(images) ? field(images, 'media_ids') : undefined;
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => acceptMedia(app, id, now, isImage));
}

/** The message `body` carries, judged in `app` at app time `now`. */
export function checkContent(app: App, body: Body, now: number): Result<Content> {
  const msgtype = field(body, 'msgtype');
  if (!isMsgType(msgtype)) return fail(40008);
  const takes = MEDIA_OF[msgtype];
  if (takes) {
    const payload = field(body, msgtype);
    const media = isObject(payload) ? acceptMedia(app, field(payload, 'media_id'), now, takes) : undefined;
    if (!media) return fail(40007);
    // Only news has articles of its own: any other media_id (or one taken under "any") counts 1.
    return ok({ msgtype, articles: media.articles });
  }
  if (msgtype === 'image') return checkImage(app, body, now) ? ok({ msgtype, articles: 1 }) : fail(40007);
  const payload = field(body, msgtype);
  const key = msgtype === 'text' ? 'content' : 'card_id';
  return isObject(payload) && nonEmptyString(field(payload, key)) ? ok({ msgtype, articles: 1 }) : fail(47001);
}

/** An openid as WeChat issues them: letters, digits, '-' and '_'. */
export function isOpenid(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(value);
}

/** The part of a send that is its content (for its digest): the msgtype's own object, or both image forms. */
export function contentPayload(body: Body, msgtype: MsgType): unknown {
  return msgtype === 'image' ? { image: field(body, 'image'), images: field(body, 'images') } : field(body, msgtype);
}
