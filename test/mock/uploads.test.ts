/**
 * Uploads as SDKs make them: media/upload and material/add_material take a multipart part `media`;
 * WeChat judges the file by its name's extension and its first bytes, never by the part's
 * Content-Type; whatever the form holds, the answer is a WeChat error, never a 500.
 */
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEMPORARY_MEDIA_MS } from '../../mock/domain/media-library.js';
import { MULTIPART_MAX_BODY_BYTES } from '../../mock/wechat/route.js';
import { listenLocally } from '../listen-locally.js';
import { FILES, PATHS, T0, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

/** A multipart body by hand, for forms no client library would write. */
function form(parts: { headers: string; body: Buffer | string }[], end = '--edge--\r\n'): Buffer {
  const chunks = parts.flatMap(({ headers, body }) => [Buffer.from(`--edge\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
  return Buffer.concat([...chunks, Buffer.from(end)]);
}

const mediaPart = (filename: string, bytes: Buffer) => ({ headers: `Content-Disposition: form-data; name="media"; filename="${filename}"`, body: bytes });

async function postForm(path: string, type: string, body: Buffer, contentType = 'multipart/form-data; boundary=edge') {
  return mock.http.post(path).query({ access_token: await mock.token(), type }).set('content-type', contentType).send(body);
}

describe('media/upload', () => {
  it('answers the type, a 64-character media_id and created_at in Unix seconds, and keeps the file as name, size and digest', async () => {
    mock = newMock();
    const res = await mock.upload('uploadTempMedia', await mock.token(), 'image', FILES.png);
    expect(res.body).toEqual({ type: 'image', media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/), created_at: Math.floor(T0 / 1000) });
    const media = mock.app.mock.sim.store.apps.get('wx0000000000000001')!.library.get(res.body.media_id);
    expect(media).toEqual({
      media_id: res.body.media_id,
      type: 'image',
      source: 'upload',
      created_at: T0,
      expires_at: T0 + TEMPORARY_MEDIA_MS,
      file: { filename: 'cover.png', size: FILES.png.bytes.length, sha256: createHash('sha256').update(FILES.png.bytes).digest('hex') },
    });
  });

  it('judges the file by its name and bytes, not by the part’s Content-Type, which wechatpy does not send', async () => {
    mock = newMock();
    const unlabelled = await postForm(PATHS.uploadTempMedia, 'thumb', form([mediaPart('cover.jpg', FILES.jpeg.bytes)]));
    expect(unlabelled.body.type).toBe('thumb');
    const mislabelled = form([{ headers: 'Content-Disposition: form-data; name="media"; filename="cover.jpg"\r\nContent-Type: text/plain', body: FILES.jpeg.bytes }]);
    expect((await postForm(PATHS.uploadTempMedia, 'thumb', mislabelled)).body.type).toBe('thumb');
  });

  it('reads a UTF-8 filename and an extension in capitals', async () => {
    mock = newMock();
    const res = await postForm(PATHS.uploadTempMedia, 'image', form([mediaPart('封面.JPEG', FILES.jpeg.bytes)]));
    expect(res.body.type).toBe('image');
    expect(mock.app.mock.sim.store.apps.get('wx0000000000000001')!.library.get(res.body.media_id)?.file?.filename).toBe('封面.JPEG');
  });
});

describe('material/add_material', () => {
  it('answers a permanent 43-character media_id, with a url for an image only', async () => {
    mock = newMock();
    const token = await mock.token();
    const image = await mock.upload('addMaterial', token, 'image', FILES.png);
    expect(image.body).toEqual({ media_id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[A-Za-z0-9_-]+\/0\?wx_fmt=png$/) });
    const thumb = await mock.upload('addMaterial', token, 'thumb', FILES.jpeg);
    expect(thumb.body).toEqual({ media_id: expect.any(String) });
    const library = mock.app.mock.sim.store.apps.get('wx0000000000000001')!.library;
    expect(library.get(thumb.body.media_id)).toMatchObject({ type: 'thumb', source: 'material', expires_at: undefined });
  });

  it('takes a video’s description as a form part (co-wechat-api) or a query parameter (wechatpy), and refuses one without a title with 47001', async () => {
    mock = newMock();
    const token = await mock.token();
    const description = JSON.stringify({ title: 'clip', introduction: 'a test clip' });
    const inForm = await mock.upload('addMaterial', token, 'video', FILES.mp4, { description });
    const inQuery = await mock.http.post(PATHS.addMaterial).query({ access_token: token, type: 'video', description }).attach('media', FILES.mp4.bytes, FILES.mp4.filename);
    const library = mock.app.mock.sim.store.apps.get('wx0000000000000001')!.library;
    for (const res of [inForm, inQuery]) expect(library.get(res.body.media_id)).toMatchObject({ type: 'video', title: 'clip', description: 'a test clip' });
    expectWxError(await mock.upload('addMaterial', token, 'video', FILES.mp4), 47001);
    expectWxError(await mock.upload('addMaterial', token, 'video', FILES.mp4, { description: '{"introduction":"no title"}' }), 47001);
  });

  it('takes the formats the material doc adds, which a temporary upload refuses: a BMP image, a WAV voice', async () => {
    mock = newMock();
    const token = await mock.token();
    const bmp = { filename: 'cover.bmp', bytes: Buffer.from('BM\x36\x00\x00\x00', 'latin1') };
    const wav = { filename: 'voice.wav', bytes: Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1') };
    expect((await mock.upload('addMaterial', token, 'image', bmp)).body.url).toMatch(/wx_fmt=bmp$/);
    expect((await mock.upload('addMaterial', token, 'voice', wav)).body.media_id).toBeTypeOf('string');
    expectWxError(await mock.upload('uploadTempMedia', token, 'image', bmp), 40005);
    expectWxError(await mock.upload('uploadTempMedia', token, 'voice', wav), 40005);
  });
});

describe('multipart edge cases answer WeChat’s error, never a 500', () => {
  it.each([
    ['no file, only a text field', () => form([{ headers: 'Content-Disposition: form-data; name="title"', body: 'cover' }]), 41005],
    ['the file in a part named otherwise', () => form([{ headers: 'Content-Disposition: form-data; name="file"; filename="cover.png"', body: FILES.png.bytes }]), 41005],
    ['a media part without a filename (silenceper/wechat#832)', () => form([{ headers: 'Content-Disposition: form-data; name="media"', body: FILES.png.bytes }]), 41005],
    ['an empty file', () => form([mediaPart('cover.png', Buffer.alloc(0))]), 41005],
    ['a wrong extension', () => form([mediaPart('cover.txt', FILES.png.bytes)]), 40005],
    ['no extension (w7corp/easywechat#1931)', () => form([mediaPart('phpsNnmJN', FILES.png.bytes)]), 40005],
    ['bytes that are not the named format', () => form([mediaPart('cover.png', Buffer.from('not a picture at all'))]), 40005],
    ['a GIF named .png: both must be formats the type takes, here both are', () => form([mediaPart('cover.png', Buffer.from('GIF89a....'))]), 0],
    ['a boundary that never closes', () => form([mediaPart('cover.png', FILES.png.bytes)], '--edg'), 41005],
    ['a form torn inside its file', () => form([mediaPart('cover.png', FILES.png.bytes)]).subarray(0, 90), 41005],
  ])('%s', async (_, body, errcode) => {
    mock = newMock();
    const res = await postForm(PATHS.uploadTempMedia, 'image', body());
    if (errcode === 0) expect(res.body.type).toBe('image');
    else expectWxError(res, errcode as 41005 | 40005);
  });

  it('answers 41005 to a boundary the body does not use, and to a body that is not multipart at all', async () => {
    mock = newMock();
    const body = form([mediaPart('cover.png', FILES.png.bytes)]);
    expectWxError(await postForm(PATHS.uploadTempMedia, 'image', body, 'multipart/form-data; boundary=other'), 41005);
    expectWxError(await postForm(PATHS.uploadTempMedia, 'image', body, 'multipart/form-data'), 41005);
    expectWxError(await postForm(PATHS.uploadTempMedia, 'image', Buffer.from('{"media":"cover.png"}'), 'application/json'), 41005);
  });

  it('answers 44002 to an empty body, and 40004 to a type missing or not one of the four', async () => {
    mock = newMock();
    const token = await mock.token();
    expectWxError(await mock.http.post(PATHS.uploadTempMedia).query({ access_token: token, type: 'image' }), 44002);
    expectWxError(await mock.upload('uploadTempMedia', token, undefined, FILES.png), 40004);
    expectWxError(await mock.upload('uploadTempMedia', token, 'news', FILES.png), 40004);
  });

  it('answers 40006 over each type’s size: thumb 64 KB, voice 2 MB, image and video 10 MB', async () => {
    mock = newMock();
    const token = await mock.token();
    const sized = (file: { filename: string; bytes: Buffer }, size: number) => ({ filename: file.filename, bytes: Buffer.concat([file.bytes, Buffer.alloc(size - file.bytes.length)]) });
    for (const [type, file, limit] of [['thumb', FILES.jpeg, 64 * 1024], ['voice', FILES.amr, 2 * 1024 * 1024], ['image', FILES.png, 10 * 1024 * 1024], ['video', FILES.mp4, 10 * 1024 * 1024]] as const) {
      expect((await mock.upload('uploadTempMedia', token, type, sized(file, limit))).body.type, type).toBe(type);
      expectWxError(await mock.upload('uploadTempMedia', token, type, sized(file, limit + 1)), 40006);
    }
  });

  it('answers a body over 20 MB with HTTP 413 JSON before reading it', async () => {
    mock = newMock();
    const token = await mock.token();
    const server = await listenLocally(mock.app);
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}${PATHS.uploadTempMedia}?access_token=${token}&type=image`, {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=edge', 'content-length': String(MULTIPART_MAX_BODY_BYTES + 1) },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        });
        req.on('error', reject);
        // Headers only: the answer comes without a byte of the body sent.
        req.flushHeaders();
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large' });
    } finally {
      await server.close();
    }
  });
});
