/**
 * Media and drafts as the control API shows them: every upload journaled under its token's app with
 * its real path and without the file's bytes; media and drafts in GET /__mock/state, expired ones
 * marked; gone after a reset.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPID } from '../../mock/domain/app-settings.js';
import { DEFAULT_NEWS_MEDIA_ID, TEMPORARY_MEDIA_MS } from '../../mock/domain/media-library.js';
import { FILES, PATHS, T0, newMock, type TestMock } from '../helpers.js';

let mock: TestMock;
afterEach(() => mock.assertNoViolations());

describe('the journal of uploads', () => {
  it('records each upload under its token’s appid with its real path, the form’s fields and the file’s name, size and digest, never its bytes', async () => {
    mock = newMock();
    const app = await mock.createApp();
    const token = await mock.token(app.appid);
    const secretBytes = Buffer.concat([FILES.mp4.bytes, Buffer.from('BYTES-THAT-MUST-NOT-BE-KEPT')]);
    await mock.upload('addMaterial', token, 'video', { filename: 'clip.mp4', bytes: secretBytes }, { description: '{"title":"clip"}' });
    await mock.upload('uploadTempMedia', token, 'image', FILES.png);
    const entries = (await mock.http.get('/__mock/requests').query({ appid: app.appid })).body.requests as Record<string, unknown>[];
    const uploads = entries.filter((entry) => entry['operation'] === 'addMaterial' || entry['operation'] === 'uploadTempMedia');
    expect(uploads).toEqual([
      expect.objectContaining({
        operation: 'addMaterial',
        appid: app.appid,
        path: '/cgi-bin/material/add_material',
        query: { access_token: '[redacted]', type: 'video' },
        body: { description: '{"title":"clip"}', media: { filename: 'clip.mp4', size: secretBytes.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
        errcode: 0,
      }),
      expect.objectContaining({ operation: 'uploadTempMedia', path: '/cgi-bin/media/upload', body: { media: expect.objectContaining({ filename: 'cover.png' }) } }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('BYTES-THAT-MUST-NOT-BE-KEPT');
  });

  it('records a form that does not parse as such, with none of its bytes', async () => {
    mock = newMock();
    await mock.http
      .post(PATHS.uploadTempMedia)
      .query({ access_token: await mock.token(), type: 'image' })
      .set('content-type', 'multipart/form-data; boundary=edge')
      .send('--edge\r\nContent-Disposition: form-data; name="media"; filename="a.png"\r\n\r\nTORN-BYTES');
    const [entry] = (await mock.http.get('/__mock/requests').query({ operation: 'uploadTempMedia' })).body.requests;
    expect(entry).toMatchObject({ appid: DEFAULT_APPID, body: { multipart: 'does not parse' }, errcode: 41005 });
  });
});

describe('media and drafts in the state', () => {
  it('lists each app’s media with its file and expiry, marking expired ones, and its drafts after the default one', async () => {
    mock = newMock();
    const token = await mock.token();
    const temporary = await mock.uploaded(token, 'image');
    const draft = await mock.draft(token, 2);
    mock.advance(TEMPORARY_MEDIA_MS);
    const app = (await mock.http.get('/__mock/state').query({ appid: DEFAULT_APPID })).body.apps[0];
    expect(app.media).toBe('strict');
    expect(app.library).toEqual([
      {
        media_id: temporary,
        type: 'image',
        source: 'upload',
        created_at: new Date(T0).toISOString(),
        expires_at: new Date(T0 + TEMPORARY_MEDIA_MS).toISOString(),
        expired: true,
        file: { filename: 'cover.png', size: FILES.png.bytes.length, sha256: expect.any(String) },
      },
      expect.objectContaining({ type: 'thumb', source: 'material', expires_at: null, expired: false }),
    ]);
    expect(app.drafts.map((d: { media_id: string }) => d.media_id)).toEqual([DEFAULT_NEWS_MEDIA_ID, draft]);
    expect(app.drafts[1]).toMatchObject({ created_at: new Date(T0).toISOString(), articles: [{ title: 'Hello', content: '<p>Hello, fans</p>', author: '' }, { title: 'Hello' }] });
  });

  it('forgets an app’s media and drafts on reset, the app’s own or everyone’s, but keeps the default draft', async () => {
    mock = newMock();
    const other = await mock.createApp();
    await mock.draft(await mock.token());
    const theirs = await mock.draft(await mock.token(other.appid));
    const count = async (appid: string) => {
      const app = (await mock.http.get('/__mock/state').query({ appid })).body.apps[0];
      return [app.library.length, app.drafts.length];
    };
    await mock.http.post('/__mock/reset').query({ appid: DEFAULT_APPID });
    expect(await count(DEFAULT_APPID)).toEqual([0, 1]);
    expect(await count(other.appid)).toEqual([1, 2]);
    expect(mock.app.mock.sim.store.apps.get(other.appid)?.drafts.has(theirs)).toBe(true);
    await mock.http.post('/__mock/reset');
    expect(await count(DEFAULT_APPID)).toEqual([0, 1]);
  });
});
