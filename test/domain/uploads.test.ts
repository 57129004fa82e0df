import { beforeEach, describe, expect, it } from 'vitest';
import type { FileFormat, UploadedFile } from '../../mock/domain/file-formats.js';
import type { Body } from '../../mock/domain/loose.js';
import type { Result } from '../../mock/domain/result.js';
import { TEMPORARY_MEDIA_MS, issueMedia } from '../../mock/domain/media-library.js';
import type { App } from '../../mock/domain/store.js';
import { addMaterial, uploadImage, uploadTempMedia, uploadVideo } from '../../mock/domain/uploads.js';
import { T0, addApp, expectDone, expectFail, expectOk, newSim, only, touched, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
let app: App;

beforeEach(() => {
  t = newSim();
  app = addApp(t.sim, { media: 'strict' });
});

const MB = 1024 * 1024;
const EXTENSION: Record<FileFormat, string> = { jpeg: 'jpg', png: 'png', gif: 'gif', bmp: 'bmp', amr: 'amr', mp3: 'mp3', wma: 'wma', wav: 'wav', mp4: 'mp4' };

/** A file part as the request path hands it over: named for `format`, its bytes showing `format`, `size` bytes. */
const file = (format: FileFormat, size = 100, fields: Partial<UploadedFile> = {}): UploadedFile => ({ filename: `f.${EXTENSION[format]}`, size, sha256: 'ab'.repeat(32), format, ...fields });

const temp = (params: Body, on: App = app) => t.sim.unit(() => uploadTempMedia(t.sim.ctx, on, params));
const material = (params: Body, on: App = app) => t.sim.unit(() => addMaterial(t.sim.ctx, on, params));
const VIDEO_DESCRIPTION = JSON.stringify({ title: 'Clip', introduction: 'A clip' });

const UPLOADS: [string, (params: Body) => Result<unknown>][] = [
  ['uploadTempMedia', temp],
  ['addMaterial', material],
];

describe.each(UPLOADS)('%s', (_, call) => {
  it.each([[undefined], ['news'], ['IMAGE'], ['file'], [1]])('answers 40004 for the type %j, before the file', (type) => {
    expectFail(call(type === undefined ? {} : { type }), 40004);
  });

  it.each([
    ['no media part', undefined],
    ['a form field, not a file', 'f.jpg'],
    ['an object that is no file part', { filename: 'f.jpg', size: 10 }],
    ['an empty file', file('jpeg', 0)],
  ])('answers 41005 for %s', (_, media) => {
    expectFail(call(media === undefined ? { type: 'image' } : { type: 'image', media }), 41005);
  });

  it('judges the file by its name and its bytes: either off answers 40005', () => {
    expectFail(call({ type: 'image', media: file('png', 10, { filename: 'f' }) }), 40005);
    expectFail(call({ type: 'image', media: file('png', 10, { filename: 'f.txt' }) }), 40005);
    expectFail(call({ type: 'image', media: file('png', 10, { format: undefined }) }), 40005);
    expectFail(call({ type: 'image', media: file('png', 10, { format: 'mp4' }) }), 40005);
    expectFail(call({ type: 'image', media: file('png', 10, { filename: 'f.mp4' }) }), 40005);
    // Both of the type's formats, though not the same one: accepted.
    expectOk(call({ type: 'image', media: file('png', 10, { filename: 'f.JPG' }) }));
  });

  it.each([
    ['image', 'png', 10 * MB],
    ['voice', 'amr', 2 * MB],
    ['video', 'mp4', 10 * MB],
    ['thumb', 'jpeg', 64 * 1024],
  ] as const)('takes a %s of up to its limit and answers 40006 past it, after the format', (type, format, limit) => {
    const params = (size: number) => ({ type, media: file(format, size), description: VIDEO_DESCRIPTION });
    expectOk(call(params(limit)));
    expectFail(call(params(limit + 1)), 40006);
    expectFail(call({ ...params(limit + 1), media: file(format, limit + 1, { format: undefined }) }), 40005);
  });

  it('records nothing when it refuses', () => {
    const before = t.commits.length;
    expectFail(call({ type: 'image', media: file('mp3') }), 40005);
    expect(t.commits).toHaveLength(before);
    expect(app.library.size).toBe(0);
  });
});

describe('uploadTempMedia', () => {
  it.each([
    ['image', ['png', 'jpeg', 'gif'], ['bmp', 'mp3']],
    ['voice', ['amr', 'mp3'], ['wma', 'wav', 'mp4']],
    ['video', ['mp4'], ['mp3', 'gif']],
    ['thumb', ['jpeg'], ['png', 'gif', 'bmp']],
  ] as const)('takes a %s in %j, and answers 40005 for %j', (type, formats, refused) => {
    for (const format of formats) expectOk(temp({ type, media: file(format) }));
    for (const format of refused) expectFail(temp({ type, media: file(format) }), 40005);
  });

  it('issues a temporary media_id of the upload\'s type, with the file\'s name, size and digest, for 3 days, in one unit', () => {
    expectDone(t.sim.advance(3_700, app.appid));
    const before = t.commits.length;
    const answer = expectOk(temp({ type: 'voice', media: file('mp3', 1234, { filename: 'hello.mp3', sha256: 'cd'.repeat(32) }) }));
    expect(answer).toEqual({ type: 'voice', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/), created_at: Math.floor((T0 + 3_700) / 1000) });
    expect(app.library.get(answer.media_id)).toStrictEqual({
      media_id: answer.media_id,
      created_at: T0 + 3_700,
      expires_at: T0 + 3_700 + TEMPORARY_MEDIA_MS,
      type: 'voice',
      source: 'upload',
      file: { filename: 'hello.mp3', size: 1234, sha256: 'cd'.repeat(32) },
    });
    expect(t.commits).toHaveLength(before + 1);
    expect(touched(t.commits.at(-1))).toEqual(only({}));
    expect(t.commits.at(-1)!.media).toHaveLength(1);
  });
});

describe('addMaterial', () => {
  it.each([
    ['image', ['bmp', 'png', 'jpeg', 'gif'], ['mp3', 'mp4']],
    ['voice', ['mp3', 'wma', 'wav', 'amr'], ['mp4', 'jpeg']],
    ['thumb', ['jpeg'], ['png', 'bmp']],
  ] as const)('takes a %s in %j, and answers 40005 for %j', (type, formats, refused) => {
    for (const format of formats) expectOk(material({ type, media: file(format) }));
    for (const format of refused) expectFail(material({ type, media: file(format) }), 40005);
  });

  it('issues a permanent media_id of 43 characters, answered alone for a voice or a thumb', () => {
    const answer = expectOk(material({ type: 'thumb', media: file('jpeg', 5, { filename: 'cover.jpg' }) }));
    expect(answer).toStrictEqual({ media_id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(app.library.get(answer.media_id)).toStrictEqual({
      media_id: answer.media_id,
      created_at: T0,
      expires_at: undefined,
      type: 'thumb',
      source: 'material',
      file: { filename: 'cover.jpg', size: 5, sha256: 'ab'.repeat(32) },
    });
    expect(expectOk(material({ type: 'voice', media: file('wav') }))).toStrictEqual({ media_id: expect.any(String) });
  });

  it.each([
    ['jpeg', 'mmbiz_jpg', 'jpeg'],
    ['png', 'mmbiz_png', 'png'],
    ['gif', 'mmbiz_gif', 'gif'],
    ['bmp', 'mmbiz_bmp', 'bmp'],
  ] as const)('answers an image\'s address, shaped as add_material\'s for a %s, and keeps it', (format, path, wxFmt) => {
    const answer = expectOk(material({ type: 'image', media: file(format) }));
    expect(answer.url).toMatch(new RegExp(`^http://mmbiz\\.qpic\\.cn/${path}/[A-Za-z0-9_-]{54}/0\\?wx_fmt=${wxFmt}$`));
    expect(Object.keys(answer)).toEqual(['media_id', 'url']);
    expect(app.library.get(answer.media_id)).toMatchObject({ type: 'image', url: answer.url });
  });

  it('names the address after the format the bytes show, not the name', () => {
    const answer = expectOk(material({ type: 'image', media: file('png', 10, { filename: 'f.gif' }) }));
    expect(answer.url).toMatch(/\/mmbiz_png\/.*wx_fmt=png$/);
  });

  describe('a video', () => {
    it('keeps the title and introduction of its description, as title and description', () => {
      const answer = expectOk(material({ type: 'video', media: file('mp4'), description: VIDEO_DESCRIPTION }));
      expect(answer).toStrictEqual({ media_id: expect.any(String) });
      expect(app.library.get(answer.media_id)).toMatchObject({ type: 'video', source: 'material', title: 'Clip', description: 'A clip', expires_at: undefined });
      expect(app.library.get(answer.media_id)).not.toHaveProperty('url');
    });

    it.each([[undefined], [5], [{ introduction: 'x' }], ['x']])('takes an introduction of %j as none', (introduction) => {
      const answer = expectOk(material({ type: 'video', media: file('mp4'), description: JSON.stringify({ title: 'T', introduction }) }));
      expect(app.library.get(answer.media_id)).toMatchObject({ title: 'T', description: introduction === 'x' ? 'x' : '' });
    });

    it.each([
      ['no description', undefined],
      ['a description that is no JSON', '{title:'],
      ['a JSON string', '"Clip"'],
      ['a JSON array', '["Clip"]'],
      ['JSON null', 'null'],
      ['no title', '{"introduction":"x"}'],
      ['an empty title', '{"title":""}'],
      ['a title that is no string', '{"title":5}'],
      ['a description that is no string', { title: 'Clip' }],
      ['a description given twice (a list, as a repeated query field reads)', ['{"title":"Clip"}', '{"title":"Clip"}']],
      ['a description that is a list of one', ['{"title":"Clip"}']],
      ['a number', 5],
    ])('answers 47001 for %s, after the file checks', (_, description) => {
      const params: Body = { type: 'video', media: file('mp4') };
      if (description !== undefined) params.description = description;
      expectFail(material(params), 47001);
      expectFail(material({ ...params, media: file('mp4', 11 * MB) }), 40006);
    });

    it('is the only type that needs a description', () => {
      expectOk(material({ type: 'image', media: file('png'), description: '{' }));
    });
  });
});

describe('uploadVideo', () => {
  const video = (body: Body, on: App = app) => t.sim.unit(() => uploadVideo(t.sim.ctx, on, body));
  let upload: string;
  beforeEach(() => {
    upload = expectOk(temp({ type: 'video', media: file('mp4') })).media_id;
  });

  it('makes a video upload sendable: an mpvideo media_id for 3 days, answered with type video', () => {
    expectDone(t.sim.advance(1_500, app.appid));
    const answer = expectOk(video({ media_id: upload, title: 'Clip', description: 'A clip' }));
    expect(answer).toEqual({ type: 'video', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/), created_at: Math.floor((T0 + 1_500) / 1000) });
    expect(app.library.get(answer.media_id)).toStrictEqual({
      media_id: answer.media_id,
      created_at: T0 + 1_500,
      expires_at: T0 + 1_500 + TEMPORARY_MEDIA_MS,
      type: 'mpvideo',
      source: 'uploadvideo',
      title: 'Clip',
      description: 'A clip',
      video_media_id: upload,
    });
  });

  it('keeps a title or description that is no string as empty', () => {
    const answer = expectOk(video({ media_id: upload, title: 5, description: null }));
    expect(app.library.get(answer.media_id)).toMatchObject({ title: '', description: '' });
    const bare = expectOk(video({ media_id: upload }));
    expect(app.library.get(bare.media_id)).toMatchObject({ title: '', description: '' });
  });

  it('answers 40007 for what is no temporary video upload of the app', () => {
    const permanent = expectOk(material({ type: 'video', media: file('mp4'), description: VIDEO_DESCRIPTION })).media_id;
    const image = expectOk(temp({ type: 'image', media: file('png') })).media_id;
    const mpvideo = expectOk(video({ media_id: upload })).media_id;
    const theirs = t.sim.unit(() => issueMedia(t.sim.ctx, addApp(t.sim, { media: 'strict' }), T0, { type: 'video', source: 'upload' })).media_id;
    for (const media_id of [permanent, image, mpvideo, theirs, 'unknown', '', 42, undefined]) expectFail(video({ media_id }), 40007);
  });

  it('answers 40007 for a video upload that expired, at the app\'s time', () => {
    expectDone(t.sim.advance(TEMPORARY_MEDIA_MS - 1, app.appid));
    expectOk(video({ media_id: upload }));
    expectDone(t.sim.advance(1, app.appid));
    expectFail(video({ media_id: upload }), 40007);
  });

  it('takes any non-empty media_id under the media policy "any"', () => {
    const loose = addApp(t.sim, { media: 'any' });
    expectOk(video({ media_id: 'made-up' }, loose));
    expectFail(video({ media_id: 7 }, loose), 40007);
  });
});

describe('uploadImage', () => {
  const image = (params: Body) => t.sim.unit(() => uploadImage(t.sim.ctx, params));

  it('answers a JPG or PNG of up to 1 MB its address on WeChat\'s image host, keeping nothing', () => {
    const commits = t.commits.length;
    expect(expectOk(image({ media: file('jpeg', MB) }))).toEqual({ url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\/[^/]+\/0\?wx_fmt=jpeg$/) });
    expect(expectOk(image({ media: file('png') })).url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[^/]+\/0\?wx_fmt=png$/);
    expect(app.library.size).toBe(0);
    expect(t.commits).toHaveLength(commits);
  });

  it('answers 41005 without a file, 40005 for another format, 40006 over 1 MB', () => {
    expectFail(image({}), 41005);
    expectFail(image({ media: file('gif') }), 40005);
    expectFail(image({ media: file('png', MB + 1) }), 40006);
  });
});
