/**
 * Permanent material as WeChat's calls read and delete it: material/get_materialcount,
 * material/batchget_material, material/get_material and material/del_material. The doc's lists and
 * counts have no thumb type, so thumbs are counted and listed with the images; news material is
 * what add_news made before WeChat withdrew it, so a mock account has none.
 */
import type { components } from '../../contracts/generated/openapi.js';
import type { DomainContext } from './domain-context.js';
import { formatOfName, type FileFormat } from './file-formats.js';
import { newestPage, readPage } from './list-page.js';
import { field, type Body } from './loose.js';
import { materialOf, unixSeconds } from './media-library.js';
import { fail, ok, type Result } from './result.js';
import type { App, FileRecord, Media, MediaType } from './store.js';

type Schemas = components['schemas'];
type ListType = Schemas['BatchGetMaterialRequest']['type'];

/** The list (and count) each material type is in; none is news, which only add_news made. */
const LIST_OF: Partial<Record<MediaType, ListType>> = { image: 'image', thumb: 'image', voice: 'voice', video: 'video' };
const LIST_TYPES: readonly ListType[] = ['image', 'video', 'voice', 'news'];

/** An image, voice or thumb as get_material answers it: the file itself, of which the mock kept only this. */
export interface StoredFile {
  readonly file: FileRecord;
  /** Its format, by the extension its name was uploaded with (which add_material checked). */
  readonly format: FileFormat | undefined;
}

function* materialIn(app: App, list: ListType): Generator<Media> {
  for (const media of app.library.values()) if (media.source === 'material' && LIST_OF[media.type] === list) yield media;
}

export function getMaterialCount(app: App): Schemas['MaterialCountSuccess'] {
  const count = (list: ListType) => [...materialIn(app, list)].length;
  return { voice_count: count('voice'), video_count: count('video'), image_count: count('image'), news_count: count('news') };
}

function isListType(value: unknown): value is ListType {
  return typeof value === 'string' && (LIST_TYPES as readonly string[]).includes(value);
}

/** type (40004), then the page (40035); the newest first, each file with its name and an image its url. */
export function batchGetMaterial(app: App, body: Body): Result<Schemas['BatchGetMaterialSuccess']> {
  const type = field(body, 'type');
  if (!isListType(type)) return fail(40004);
  const page = readPage(body);
  if (!page.ok) return page;
  const listed = [...materialIn(app, type)];
  const item = newestPage(listed, (media) => media.created_at, page.value).map((media) => ({
    media_id: media.media_id,
    name: media.file?.filename ?? '',
    update_time: unixSeconds(media.created_at),
    ...(media.url === undefined ? {} : { url: media.url }),
  }));
  return ok({ total_count: listed.length, item_count: item.length, item });
}

/** Where a video material downloads from: a video CDN address naming the media_id. */
function downUrl(media: Media): string {
  return `http://vweixinp.tc.qq.com/1007_${encodeURIComponent(media.media_id)}.f10.mp4?vkey=mock`;
}

/** A video answers JSON; an image, voice or thumb the file (material always keeps its file's record). */
export function getMaterial(app: App, body: Body): Result<Schemas['GetMaterialVideoSuccess'] | StoredFile> {
  const media = materialOf(app, field(body, 'media_id'));
  if (!media) return fail(40007);
  if (media.type === 'video') return ok({ title: media.title ?? '', description: media.description ?? '', down_url: downUrl(media) });
  const file = media.file!;
  return ok({ file, format: formatOfName(file.filename) });
}

/** Sends and drafts already made with it are not touched: only new uses answer 40007. */
export function deleteMaterial(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const media = materialOf(app, field(body, 'media_id'));
  if (!media) return fail(40007);
  ctx.changes.deleteMedia(app, media.media_id);
  return ok({ errcode: 0, errmsg: 'ok' });
}
