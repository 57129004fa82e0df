/**
 * Permanent material as WeChat's calls read and delete it, without HTTP: the counts (thumbs with the
 * images), the lists newest first, a video's JSON or a file's record, and deletion.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Body } from '../../mock/domain/loose.js';
import { batchGetMaterial, deleteMaterial, getMaterial, getMaterialCount } from '../../mock/domain/material.js';
import { issueMedia } from '../../mock/domain/media-library.js';
import type { App, Media } from '../../mock/domain/store.js';
import { addDraft } from './fixtures.js';
import { T0, addApp, expectDone, expectFail, expectOk, newSim, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
let app: App;

beforeEach(() => {
  t = newSim();
  app = addApp(t.sim, { media: 'strict' });
});

const file = (filename: string) => ({ filename, size: 10, sha256: 'ab'.repeat(32) });
/** Media issued to `app` now, then the app's clock 1 s on, so each is newer than the one before. */
function issue(fields: Omit<Media, 'media_id' | 'created_at' | 'expires_at'>): Media {
  const media = t.sim.unit(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), fields));
  expectDone(t.sim.advance(1_000, app.appid));
  return media;
}
const image = (name = 'a.jpg') => issue({ type: 'image', source: 'material', file: file(name), url: `http://mmbiz.qpic.cn/mmbiz_jpg/${name}/0` });
const thumb = () => issue({ type: 'thumb', source: 'material', file: file('t.jpg') });
const voice = () => issue({ type: 'voice', source: 'material', file: file('v.mp3') });
const video = (fields: Partial<Media> = { title: 'clip', description: 'a clip' }) => issue({ type: 'video', source: 'material', file: file('c.mp4'), ...fields });
const list = (body: Body) => expectOk(batchGetMaterial(app, body));
const remove = (media_id: unknown) => t.sim.unit(() => deleteMaterial(t.sim.ctx, app, { media_id }));
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('getMaterialCount', () => {
  it('counts permanent material by list, thumbs with the images; no news, and nothing temporary', () => {
    expect(getMaterialCount(app)).toEqual({ voice_count: 0, video_count: 0, image_count: 0, news_count: 0 });
    image();
    image('b.png');
    thumb();
    voice();
    video();
    issue({ type: 'image', source: 'upload', file: file('tmp.jpg') });
    issue({ type: 'news', source: 'uploadnews', articles: [] });
    expect(getMaterialCount(app)).toEqual({ voice_count: 1, video_count: 1, image_count: 3, news_count: 0 });
  });
});

describe('batchGetMaterial', () => {
  it('lists the images (thumbs among them) newest first, each with its name, time and an image its url', () => {
    const a = image('a.jpg');
    const b = thumb();
    voice();
    expect(list({ type: 'image', offset: 0, count: 20 })).toEqual({
      total_count: 2,
      item_count: 2,
      item: [
        { media_id: b.media_id, name: 't.jpg', update_time: seconds(T0) + 1 },
        { media_id: a.media_id, name: 'a.jpg', update_time: seconds(T0), url: a.url },
      ],
    });
    expect(list({ type: 'image', count: 1 }).item[0]).not.toHaveProperty('url');
  });

  it('lists voice and video apart, and news empty', () => {
    const v = voice();
    const c = video();
    image();
    expect(list({ type: 'voice', count: 20 }).item.map((item) => item.media_id)).toEqual([v.media_id]);
    expect(list({ type: 'video', count: 20 }).item.map((item) => item.media_id)).toEqual([c.media_id]);
    expect(list({ type: 'news', count: 20 })).toEqual({ total_count: 0, item_count: 0, item: [] });
  });

  it('names an item without a file ""', () => {
    issue({ type: 'voice', source: 'material' });
    expect(list({ type: 'voice', count: 1 }).item[0]!.name).toBe('');
  });

  it('pages from offset, count at a time', () => {
    const images = [image('0.jpg'), image('1.jpg'), image('2.jpg'), image('3.jpg')];
    const page = list({ type: 'image', offset: '1', count: '2' });
    expect(page).toMatchObject({ total_count: 4, item_count: 2 });
    expect(page.item.map((item) => item.name)).toEqual([images[2]!.file!.filename, images[1]!.file!.filename]);
  });

  it.each([[{ count: 20 }], [{ type: 'thumb', count: 20 }], [{ type: 'Image', count: 20 }], [{ type: 1, count: 20 }], [{ type: 'thumb', count: 21 }]])('answers 40004 for a type that is no list, before looking at the page: %j', (body) => {
    expectFail(batchGetMaterial(app, body), 40004);
  });

  it('answers 40035 for a page out of range', () => {
    expectFail(batchGetMaterial(app, { type: 'voice', offset: 0, count: 21 }), 40035);
    expectFail(batchGetMaterial(app, { type: 'image', count: 0 }), 40035);
  });
});

describe('getMaterial', () => {
  it('answers a video as JSON: its title, its introduction and where it downloads from', () => {
    const clip = video();
    expect(expectOk(getMaterial(app, { media_id: clip.media_id }))).toEqual({
      title: 'clip',
      description: 'a clip',
      down_url: `http://vweixinp.tc.qq.com/1007_${encodeURIComponent(clip.media_id)}.f10.mp4?vkey=mock`,
    });
    const bare = video({});
    expect(expectOk(getMaterial(app, { media_id: bare.media_id }))).toMatchObject({ title: '', description: '' });
  });

  it('answers an image, voice or thumb as its file, in the format its name says', () => {
    for (const [media, format] of [
      [image('photo.PNG'), 'png'],
      [voice(), 'mp3'],
      [thumb(), 'jpeg'],
    ] as const) {
      expect(expectOk(getMaterial(app, { media_id: media.media_id }))).toEqual({ file: media.file, format });
    }
  });

  it('answers 40007 for anything that is not permanent material of the app', () => {
    const upload = issue({ type: 'image', source: 'upload', file: file('tmp.jpg') });
    const draft = addDraft(app, 'a-draft');
    const other = addApp(t.sim, { media: 'strict' });
    const theirs = t.sim.unit(() => issueMedia(t.sim.ctx, other, T0, { type: 'image', source: 'material', file: file('x.jpg') }));
    for (const media_id of [upload.media_id, draft.media_id, theirs.media_id, 'nothing', undefined, 42]) expectFail(getMaterial(app, { media_id }), 40007);
  });
});

describe('deleteMaterial', () => {
  it('deletes the material, recorded; it is then gone from the counts, the lists and getMaterial', () => {
    const kept = image('kept.jpg');
    const gone = image('gone.jpg');
    expect(expectOk(remove(gone.media_id))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(t.commits.at(-1)!.media).toEqual([{ app, media_id: gone.media_id, now: undefined, previous: gone }]);
    expect(getMaterialCount(app).image_count).toBe(1);
    expect(list({ type: 'image', count: 20 }).item.map((item) => item.media_id)).toEqual([kept.media_id]);
    expectFail(getMaterial(app, { media_id: gone.media_id }), 40007);
    expectFail(remove(gone.media_id), 40007);
  });

  it('answers 40007 for anything that is not permanent material of the app, deleting nothing', () => {
    const upload = issue({ type: 'thumb', source: 'upload', file: file('tmp.jpg') });
    for (const media_id of [upload.media_id, 'nothing', undefined]) expectFail(remove(media_id), 40007);
    expect(app.library.has(upload.media_id)).toBe(true);
  });
});
