/**
 * What a message carries, as sendAll, massSend and preview check it: the msgtype and its payload.
 * Any non-empty media_id is accepted except one starting with `invalid` (40007), so tests can reach
 * that error; `video` is the doc's slip for `mpvideo` and answers 40008.
 */
import { fail, ok, type Result } from './result.js';
import { field, isObject, type Body } from './loose.js';

export const MSGTYPES = ['mpnews', 'text', 'voice', 'music', 'image', 'mpvideo', 'wxcard'] as const;
export type MsgType = (typeof MSGTYPES)[number];

/** Only these can be deleted once sent. */
export const DELETABLE: ReadonlySet<string> = new Set<MsgType>(['mpnews', 'mpvideo']);

const MEDIA_PAYLOAD: Partial<Record<MsgType, string>> = { mpnews: 'mpnews', voice: 'voice', music: 'music', mpvideo: 'mpvideo' };

function isMsgType(value: unknown): value is MsgType {
  return typeof value === 'string' && (MSGTYPES as readonly string[]).includes(value);
}

function validMediaId(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && !value.startsWith('invalid');
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** Old docs and SDKs send `image: {media_id}`, the newer docs `images: {media_ids: […]}`: both are accepted. */
function checkImage(body: Body): boolean {
  const image = field(body, 'image');
  if (isObject(image)) return validMediaId(field(image, 'media_id'));
  const images = field(body, 'images');
  const ids = isObject(images) ? field(images, 'media_ids') : undefined;
  return Array.isArray(ids) && ids.length > 0 && ids.every(validMediaId);
}

export function checkContent(body: Body): Result<MsgType> {
  const msgtype = field(body, 'msgtype');
  if (!isMsgType(msgtype)) return fail(40008);
  const mediaKey = MEDIA_PAYLOAD[msgtype];
  if (mediaKey) {
    const payload = field(body, mediaKey);
    return isObject(payload) && validMediaId(field(payload, 'media_id')) ? ok(msgtype) : fail(40007);
  }
  if (msgtype === 'image') return checkImage(body) ? ok(msgtype) : fail(40007);
  const payload = field(body, msgtype);
  const key = msgtype === 'text' ? 'content' : 'card_id';
  return isObject(payload) && nonEmptyString(field(payload, key)) ? ok(msgtype) : fail(47001);
}

/** An openid as WeChat issues them: letters, digits, '-' and '_'. */
export function isOpenid(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(value);
}

/** The part of a send that is its content (for its digest): the msgtype's own object, or both image forms. */
export function contentPayload(body: Body, msgtype: MsgType): unknown {
  return msgtype === 'image' ? { image: field(body, 'image'), images: field(body, 'images') } : field(body, msgtype);
}
