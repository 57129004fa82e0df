/**
 * Shared test set-up: a fresh mock per test on a manual clock, with response self-validation on,
 * and small helpers for tokens and sends.
 */
import supertest from 'supertest';
import { expect } from 'vitest';
import { createApp, type MockApp, type MockOptions } from '../mock/index.js';
import { createClock } from '../mock/domain/clock.js';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../mock/domain/app-settings.js';
import { DEFAULT_NEWS_MEDIA_ID } from '../mock/domain/media-library.js';
import { WX_ERRORS, type WxErrcode } from '../mock/domain/errors.js';
import { getOperation, operationIds, type OperationId } from '../contracts/load-spec.js';

/** 2026-11-22T00:00:00Z: a fixed start so times are easy to read in failures. */
export const T0 = Date.UTC(2026, 10, 22);

export interface TestMock {
  app: MockApp;
  http: ReturnType<typeof supertest>;
  /** A fresh access_token for `appid` (default app unless given). */
  token(appid?: string, secret?: string): Promise<string>;
  /** POSTs JSON to a /cgi-bin path with a token. */
  post(path: string, token: string, body?: unknown): supertest.Test;
  /** Moves the global clock (or one app's) forward. */
  advance(ms: number, appid?: string): void;
  /** Posts `file` as the multipart part `media` to an upload (uploadImage takes no `type`), with `type` and any other form fields. */
  upload(operationId: 'uploadTempMedia' | 'addMaterial' | 'uploadImage', token: string, type: string | undefined, file: TestFile, fields?: Record<string, string>): supertest.Test;
  /** The media_id of a fresh upload of `type` (a temporary one unless `permanent`), with the file FILES has for it. */
  uploaded(token: string, type: 'image' | 'voice' | 'video' | 'thumb', permanent?: boolean): Promise<string>;
  /** The media_id of a fresh draft of `articles` articles, its cover a permanent thumb. */
  draft(token: string, articles?: number): Promise<string>;
  /** The media_id an mpvideo send takes: a video upload made sendable by uploadVideo. */
  mpvideo(token: string): Promise<string>;
  /** The first `count` followers of the app `token` belongs to, read from getFollowers as a client would. */
  followers(token: string, count?: number): Promise<string[]>;
  /** Creates an app through the control API. */
  createApp(input?: Record<string, unknown>): Promise<{ appid: string; secret: string }>;
  /** Throws when any answer the mock sent broke openapi.yaml. */
  assertNoViolations(): void;
}

export function newMock(options: MockOptions = {}): TestMock {
  const app = createApp({ clock: createClock({ mode: 'manual', start: T0 }), seed: 7, validateResponses: true, ...options });
  const http = supertest(app);
  const secrets = new Map<string, string>([[DEFAULT_APPID, DEFAULT_SECRET]]);
  return {
    app,
    http,
    async token(appid = DEFAULT_APPID, secret = secrets.get(appid)) {
      const res = await http.get(PATHS.getAccessToken).query({ grant_type: 'client_credential', appid, secret });
      expect(res.body.access_token, JSON.stringify(res.body)).toBeTypeOf('string');
      return res.body.access_token as string;
    },
    post: (path, token, body) => {
      const req = http.post(path).query({ access_token: token });
      return body === undefined ? req : req.send(body as object);
    },
    upload(operationId, token, type, file, fields = {}) {
      const req = http.post(PATHS[operationId]).query(type === undefined ? { access_token: token } : { access_token: token, type });
      for (const [name, value] of Object.entries(fields)) req.field(name, value);
      return req.attach('media', file.bytes, file.filename);
    },
    async uploaded(token, type, permanent = false) {
      const fields: Record<string, string> = type === 'video' && permanent ? { description: JSON.stringify({ title: 'clip', introduction: 'a test clip' }) } : {};
      const res = await this.upload(permanent ? 'addMaterial' : 'uploadTempMedia', token, type, FILE_FOR[type], fields);
      expect(res.body.media_id, JSON.stringify(res.body)).toBeTypeOf('string');
      return res.body.media_id as string;
    },
    async draft(token, articles = 1) {
      const thumb = await this.uploaded(token, 'thumb', true);
      const article = { title: 'Hello', content: '<p>Hello, fans</p>', thumb_media_id: thumb };
      const res = await this.post(PATHS.addDraft, token, { articles: Array.from({ length: articles }, () => article) });
      expect(res.body.media_id, JSON.stringify(res.body)).toBeTypeOf('string');
      return res.body.media_id as string;
    },
    async mpvideo(token) {
      const video = await this.uploaded(token, 'video');
      const res = await this.post(PATHS.uploadVideo, token, { media_id: video, title: 'clip', description: 'a test clip' });
      expect(res.body.media_id, JSON.stringify(res.body)).toBeTypeOf('string');
      return res.body.media_id as string;
    },
    advance(ms, appid) {
      const result = app.mock.sim.advance(ms, appid);
      if (!result.ok) throw new Error(result.message);
    },
    async followers(token, count = 2) {
      const res = await http.get(PATHS.getFollowers).query({ access_token: token });
      expect(res.body.data?.openid?.length, JSON.stringify(res.body).slice(0, 200)).toBeGreaterThanOrEqual(count);
      return (res.body.data.openid as string[]).slice(0, count);
    },
    async createApp(input = {}) {
      const res = await http.post('/__mock/apps').send(input);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      secrets.set(res.body.appid, res.body.secret);
      return res.body as { appid: string; secret: string };
    },
    assertNoViolations() {
      expect(app.mock.violations).toEqual([]);
    },
  };
}

/** Asserts a WeChat error answer: HTTP 200, WeChat's Content-Type, the catalog's text with a rid. */
export function expectWxError(res: supertest.Response, errcode: WxErrcode): void {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
  expect(res.body.errcode, JSON.stringify(res.body)).toBe(errcode);
  const entry = WX_ERRORS[errcode];
  if (entry.rid === 'none') expect(res.body.errmsg).toBe(entry.text);
  else expect(res.body.errmsg).toMatch(new RegExp(`^${escape(entry.text)}${entry.rid === 'comma' ? ',' : ''} rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each WeChat operation's path, keyed by its operationId and read from openapi.yaml, so no test restates one. */
export const PATHS: Readonly<Record<OperationId, string>> = Object.fromEntries(
  operationIds.map((id) => {
    const operation = getOperation(id);
    if (!operation) throw new Error(`openapi.yaml has no operation "${id}"`);
    return [id, operation.path];
  }),
) as Record<OperationId, string>;

/** A file to upload: its name (whose extension the mock judges) and its bytes. */
export interface TestFile {
  filename: string;
  bytes: Buffer;
}

/** Files that open with their format's signature, which is all the mock reads of them: tiny, never real media. */
export const FILES = {
  jpeg: { filename: 'cover.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]) },
  png: { filename: 'cover.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) },
  amr: { filename: 'voice.amr', bytes: Buffer.from('#!AMR\n\x3c\x48\x77\x55', 'latin1') },
  mp4: { filename: 'clip.mp4', bytes: Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]) },
} satisfies Record<string, TestFile>;

/** The file each upload type takes. */
const FILE_FOR = { image: FILES.png, voice: FILES.amr, video: FILES.mp4, thumb: FILES.jpeg };

export const MPNEWS_TO_ALL = { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: DEFAULT_NEWS_MEDIA_ID } };
export const TEXT_TO_TAG = { filter: { is_to_all: false, tag_id: 100 }, msgtype: 'text', text: { content: 'hello' } };
/** The first `count` followers of the app `token` belongs to, from a listening mock's getFollowers. */
export async function followersAt(url: string, token: string, count = 2): Promise<string[]> {
  const res = await fetch(`${url}${PATHS.getFollowers}?access_token=${encodeURIComponent(token)}`);
  const body = (await res.json()) as { data?: { openid: string[] } };
  if (!body.data || body.data.openid.length < count) throw new Error(`getFollowers gave fewer than ${count} openids: ${JSON.stringify(body).slice(0, 200)}`);
  return body.data.openid.slice(0, count);
}

/** An openid of the right shape that no app of any mock issues: a stranger. */
export const STRANGER = 'oR5Gjjl_eiZoUpGozMo7dbBJ362A';
