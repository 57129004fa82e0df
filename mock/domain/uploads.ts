/**
 * The calls that take files: media/upload (temporary, 3 days), material/add_material (permanent),
 * media/uploadvideo (a video upload made sendable as mpvideo) and media/uploadimg (an image for
 * article content, with a URL and no media_id). Formats and sizes are the temporary-media and
 * material docs'; the file's bytes never reach the rules, only its name, size, digest and the format
 * its first bytes show.
 */
import type { components } from '../../contracts/generated/openapi.js';
import type { DomainContext } from './domain-context.js';
import { formatOfName, isUploadedFile, type FileFormat, type UploadedFile } from './file-formats.js';
import { field, isObject, type Body } from './loose.js';
import { acceptMedia, issueMedia, unixSeconds } from './media-library.js';
import { fail, ok, type Result } from './result.js';
import type { App, FileRecord } from './store.js';

type Schemas = components['schemas'];

const UPLOAD_TYPES = ['image', 'voice', 'video', 'thumb'] as const;
type UploadType = (typeof UPLOAD_TYPES)[number];
type UploadKind = 'temporary' | 'material';

const MB = 1024 * 1024;
const MAX_BYTES: Record<UploadType, number> = { image: 10 * MB, voice: 2 * MB, video: 10 * MB, thumb: 64 * 1024 };

/** 新增临时素材: PNG\JPEG\JPG\GIF, AMR\MP3, MP4, JPG; 新增永久素材 adds BMP images and WMA, WAV voice. */
const FORMATS: Record<UploadKind, Record<UploadType, readonly FileFormat[]>> = {
  temporary: { image: ['png', 'jpeg', 'gif'], voice: ['amr', 'mp3'], video: ['mp4'], thumb: ['jpeg'] },
  material: { image: ['bmp', 'png', 'jpeg', 'gif'], voice: ['mp3', 'wma', 'wav', 'amr'], video: ['mp4'], thumb: ['jpeg'] },
};

const URL_ID_LENGTH = 54;

/** A file that passed the checks, and its format: one of those asked for. */
interface CheckedFile<F extends FileFormat> {
  file: UploadedFile;
  format: F;
}

interface Upload extends CheckedFile<FileFormat> {
  type: UploadType;
}

/** `includes` matches by SameValueZero: no value but one of the strings listed passes. */
function isUploadType(value: unknown): value is UploadType {
  return (UPLOAD_TYPES as readonly unknown[]).includes(value);
}

/** The media part (41005: none, not a file, or empty), its format by name and bytes (40005), its size (40006). */
function checkFile<F extends FileFormat>(params: Body, formats: readonly F[], maxBytes: number): Result<CheckedFile<F>> {
  const file = field(params, 'media');
  if (!isUploadedFile(file) || file.size === 0) return fail(41005);
  const takes = (format: FileFormat | undefined): format is F => format !== undefined && (formats as readonly FileFormat[]).includes(format);
  if (!takes(formatOfName(file.filename)) || !takes(file.format)) return fail(40005);
  if (file.size > maxBytes) return fail(40006);
  return ok({ file, format: file.format });
}

/** type (40004), then the file as its type takes it. */
function checkUpload(kind: UploadKind, params: Body): Result<Upload> {
  const type = field(params, 'type');
  if (!isUploadType(type)) return fail(40004);
  const checked = checkFile(params, FORMATS[kind][type], MAX_BYTES[type]);
  return checked.ok ? ok({ type, ...checked.value }) : checked;
}

function fileRecord({ filename, size, sha256 }: UploadedFile): FileRecord {
  return { filename, size, sha256 };
}

export function uploadTempMedia(ctx: DomainContext, app: App, params: Body): Result<Schemas['UploadTempMediaSuccess']> {
  const upload = checkUpload('temporary', params);
  if (!upload.ok) return upload;
  const { type, file } = upload.value;
  const media = issueMedia(ctx, app, ctx.appNow(app), { type, source: 'upload', file: fileRecord(file) });
  return ok({ type, media_id: media.media_id, created_at: unixSeconds(media.created_at) });
}

/** A video's description: JSON {"title","introduction"} with a title, from a form part or (wechatpy) the query. */
function videoDescription(params: Body): Result<{ title: string; description: string }> {
  const text = field(params, 'description');
  let parsed: unknown;
  try {
    parsed = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: parsed stays undefined.
  }
  if (!isObject(parsed)) return fail(47001);
  const title = field(parsed, 'title');
  if (typeof title !== 'string' || title === '') return fail(47001);
  const introduction = field(parsed, 'introduction');
  return ok({ title, description: typeof introduction === 'string' ? introduction : '' });
}

/** An image's address on WeChat's image host (add_material's, uploadimg's): mmbiz_jpg, mmbiz_png, … and the format as wx_fmt. */
function imageUrl(ctx: DomainContext, format: FileFormat): string {
  const path = `mmbiz_${format === 'jpeg' ? 'jpg' : format}`;
  return `http://mmbiz.qpic.cn/${path}/${ctx.random.mediaId(URL_ID_LENGTH)}/0?wx_fmt=${format}`;
}

export function addMaterial(ctx: DomainContext, app: App, params: Body): Result<Schemas['AddMaterialSuccess']> {
  const upload = checkUpload('material', params);
  if (!upload.ok) return upload;
  const { type, file, format } = upload.value;
  const described = type === 'video' ? videoDescription(params) : ok(undefined);
  if (!described.ok) return described;
  const url = type === 'image' ? imageUrl(ctx, format) : undefined;
  const media = issueMedia(ctx, app, ctx.appNow(app), { type, source: 'material', file: fileRecord(file), ...described.value, ...(url === undefined ? {} : { url }) });
  return ok(url === undefined ? { media_id: media.media_id } : { media_id: media.media_id, url });
}

/** 上传图文消息内的图片: JPG or PNG, up to 1 MB. */
const IMAGE_IN_CONTENT_FORMATS = ['jpeg', 'png'] as const satisfies readonly FileFormat[];
const IMAGE_IN_CONTENT_MAX_BYTES = MB;

/** An image for <img src> in article content: its URL only, no media_id, nothing kept (it is not material). */
export function uploadImage(ctx: DomainContext, params: Body): Result<Schemas['ImageUrlSuccess']> {
  const checked = checkFile(params, IMAGE_IN_CONTENT_FORMATS, IMAGE_IN_CONTENT_MAX_BYTES);
  return checked.ok ? ok({ url: imageUrl(ctx, checked.value.format) }) : checked;
}

/** The media_id must be a video upload (the doc: from 上传下载多媒体文件), not a permanent one. */
export function uploadVideo(ctx: DomainContext, app: App, body: Body): Result<Schemas['UploadVideoSuccess']> {
  const now = ctx.appNow(app);
  const videoId = field(body, 'media_id');
  if (!acceptMedia(app, videoId, now, (media) => media.type === 'video' && !media.permanent)) return fail(40007);
  const title = field(body, 'title');
  const description = field(body, 'description');
  const media = issueMedia(ctx, app, now, {
    type: 'mpvideo',
    source: 'uploadvideo',
    title: typeof title === 'string' ? title : '',
    description: typeof description === 'string' ? description : '',
    // acceptMedia takes only a non-empty string.
    video_media_id: videoId as string,
  });
  return ok({ type: 'video', media_id: media.media_id, created_at: unixSeconds(media.created_at) });
}
