import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DRAFT,
  DEFAULT_NEWS_MEDIA_ID,
  TEMPORARY_MEDIA_MS,
  acceptMedia,
  draftsOf,
  findDraft,
  isExpired,
  issueDraft,
  issueMedia,
  materialOf,
  unixSeconds,
  type MediaRef,
} from '../../mock/domain/media-library.js';
import { T0, addDraft, addMedia, article, newApp } from './fixtures.js';
import { addApp, newSim, touched, only } from './simulator-fixtures.js';

const anything = () => true;

describe('the default draft', () => {
  it('is wxmock-default-news, with one article and no time of its own', () => {
    expect(DEFAULT_NEWS_MEDIA_ID).toBe('wxmock-default-news');
    expect(DEFAULT_DRAFT.media_id).toBe(DEFAULT_NEWS_MEDIA_ID);
    expect(DEFAULT_DRAFT.created_at).toBeUndefined();
    expect(DEFAULT_DRAFT.articles).toEqual([
      { title: 'wechat-mass-mock', author: '', digest: '', content: '<p>The draft every app of wechat-mass-mock starts with.</p>', content_source_url: '', thumb_media_id: '' },
    ]);
  });

  it('lets temporary media be used 3 days', () => {
    expect(TEMPORARY_MEDIA_MS).toBe(259_200_000);
  });
});

describe('draftsOf', () => {
  it('lists the default draft first, then the app\'s own in the order they were added', () => {
    const app = newApp();
    expect(draftsOf(app)).toEqual([DEFAULT_DRAFT]);
    const a = addDraft(app, 'd-a');
    const b = addDraft(app, 'd-b', 2);
    expect(draftsOf(app)).toEqual([DEFAULT_DRAFT, a, b]);
  });
});

describe('findDraft', () => {
  it('finds a draft the app added, or the default draft, and nothing else', () => {
    const app = newApp();
    const own = addDraft(app, 'd-own');
    addMedia(app, 'm-news', { type: 'news', source: 'uploadnews', articles: [article()] });
    expect(findDraft(app, 'd-own')).toBe(own);
    expect(findDraft(app, DEFAULT_NEWS_MEDIA_ID)).toBe(DEFAULT_DRAFT);
    for (const id of ['m-news', 'nothing', undefined, 42]) expect(findDraft(app, id)).toBeUndefined();
  });
});

describe('materialOf', () => {
  it('finds permanent material only: not temporary media, uploadnews, uploadvideo or drafts', () => {
    const app = newApp();
    const image = addMedia(app, 'm-image', { source: 'material', expires_at: undefined });
    addMedia(app, 'm-upload');
    addMedia(app, 'm-news', { type: 'news', source: 'uploadnews' });
    addMedia(app, 'm-video', { type: 'mpvideo', source: 'uploadvideo' });
    addDraft(app, 'd-draft');
    expect(materialOf(app, 'm-image')).toBe(image);
    for (const id of ['m-upload', 'm-news', 'm-video', 'd-draft', DEFAULT_NEWS_MEDIA_ID, 'nothing', undefined, 7]) expect(materialOf(app, id)).toBeUndefined();
  });
});

describe('isExpired', () => {
  it('is true from expires_at on, and never for permanent media', () => {
    const app = newApp();
    const temporary = addMedia(app, 'm-1', { expires_at: T0 + 10 });
    expect(isExpired(temporary, T0 + 9)).toBe(false);
    expect(isExpired(temporary, T0 + 10)).toBe(true);
    const permanent = addMedia(app, 'm-2', { source: 'material', expires_at: undefined });
    expect(isExpired(permanent, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('acceptMedia', () => {
  it('answers what a held media_id names: its type, whether permanent, its articles', () => {
    const app = newApp();
    addMedia(app, 'm-image', { type: 'image' });
    addMedia(app, 'm-thumb', { type: 'thumb', source: 'material', expires_at: undefined });
    addMedia(app, 'm-news', { type: 'news', source: 'uploadnews', articles: [article(), article()] });
    addDraft(app, 'd-three', 3);
    const seen: MediaRef[] = [];
    const record = (media: MediaRef) => (seen.push(media), true);
    expect(acceptMedia(app, 'm-image', T0, record)).toEqual({ type: 'image', permanent: false, articles: 1 });
    expect(acceptMedia(app, 'm-thumb', T0, record)).toEqual({ type: 'thumb', permanent: true, articles: 1 });
    expect(acceptMedia(app, 'm-news', T0, record)).toEqual({ type: 'news', permanent: false, articles: 2 });
    expect(acceptMedia(app, 'd-three', T0, record)).toEqual({ type: 'news', permanent: true, articles: 3 });
    expect(acceptMedia(app, DEFAULT_NEWS_MEDIA_ID, T0, record)).toEqual({ type: 'news', permanent: true, articles: 1 });
    expect(seen).toHaveLength(5);
  });

  it('counts permanent only what add_material issued', () => {
    const app = newApp();
    for (const source of ['upload', 'uploadnews', 'uploadvideo'] as const) addMedia(app, source, { source, expires_at: undefined });
    for (const source of ['upload', 'uploadnews', 'uploadvideo']) expect(acceptMedia(app, source, T0, anything)).toMatchObject({ permanent: false });
  });

  it('answers undefined for what `wanted` refuses, an unknown id, an expired one, or no non-empty string, under the strict policy', () => {
    const app = newApp();
    addMedia(app, 'm-image', { type: 'image', expires_at: T0 + 5 });
    expect(acceptMedia(app, 'm-image', T0, (media) => media.type === 'voice')).toBeUndefined();
    expect(acceptMedia(app, 'm-unknown', T0, anything)).toBeUndefined();
    expect(acceptMedia(app, 'm-image', T0 + 4, anything)).toBeDefined();
    expect(acceptMedia(app, 'm-image', T0 + 5, anything)).toBeUndefined();
    for (const id of ['', 7, null, undefined, ['m-image']]) expect(acceptMedia(app, id, T0, anything)).toBeUndefined();
  });

  it('never asks `wanted` about what the app does not hold', () => {
    const app = newApp();
    addMedia(app, 'm-old', { expires_at: T0 });
    let asked = 0;
    acceptMedia(app, 'm-old', T0, () => (asked++, true));
    acceptMedia(app, 'm-none', T0, () => (asked++, true));
    expect(asked).toBe(0);
  });

  it('does not look in another app', () => {
    const mine = newApp();
    addMedia(mine, 'm-image');
    addDraft(mine, 'd-one');
    const theirs = newApp({ appid: 'wxother0000000001' });
    expect(acceptMedia(theirs, 'm-image', T0, anything)).toBeUndefined();
    expect(acceptMedia(theirs, 'd-one', T0, anything)).toBeUndefined();
    expect(acceptMedia(theirs, DEFAULT_NEWS_MEDIA_ID, T0, anything)).toBeDefined();
  });

  it('prefers a draft to a library entry of the same id', () => {
    const app = newApp();
    addMedia(app, 'same', { type: 'image' });
    addDraft(app, 'same', 2);
    expect(acceptMedia(app, 'same', T0, anything)).toEqual({ type: 'news', permanent: true, articles: 2 });
  });

  it('under the media policy "any", takes any non-empty string as one article, and a held id `wanted` takes as itself', () => {
    const app = newApp({ media: 'any' });
    addDraft(app, 'd-two', 2);
    expect(acceptMedia(app, 'made-up', T0, () => false)).toEqual({ articles: 1 });
    expect(acceptMedia(app, 'd-two', T0, anything)).toEqual({ type: 'news', permanent: true, articles: 2 });
    expect(acceptMedia(app, 'd-two', T0, () => false)).toEqual({ articles: 1 });
    expect(acceptMedia(app, '', T0, anything)).toBeUndefined();
    expect(acceptMedia(app, 42, T0, anything)).toBeUndefined();
  });
});

describe('issueMedia and issueDraft', () => {
  it('issue a temporary media_id of 64 characters, expiring 3 days on, recorded in the unit and the app\'s library', () => {
    const t = newSim();
    const app = addApp(t.sim);
    const before = t.commits.length;
    t.clock.advance(1234);
    const media = t.sim.unit(() => issueMedia(t.sim.ctx, app, t.sim.appNow(app), { type: 'voice', source: 'upload', file: { filename: 'a.mp3', size: 3, sha256: 'ab' } }));
    expect(media).toEqual({
      media_id: media.media_id,
      created_at: T0 + 1234,
      expires_at: T0 + 1234 + TEMPORARY_MEDIA_MS,
      type: 'voice',
      source: 'upload',
      file: { filename: 'a.mp3', size: 3, sha256: 'ab' },
    });
    expect(media.media_id).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(app.library.get(media.media_id)).toBe(media);
    expect(t.commits).toHaveLength(before + 1);
    expect(t.commits.at(-1)!.media).toEqual([{ app, media_id: media.media_id, now: media, previous: undefined }]);
    expect(touched(t.commits.at(-1))).toEqual(only({}));
  });

  it.each(['uploadnews', 'uploadvideo'] as const)('issue a %s media_id that expires like an upload', (source) => {
    const t = newSim();
    const app = addApp(t.sim);
    const media = t.sim.unit(() => issueMedia(t.sim.ctx, app, T0, { type: source === 'uploadnews' ? 'news' : 'mpvideo', source }));
    expect(media.expires_at).toBe(T0 + TEMPORARY_MEDIA_MS);
    expect(media.media_id).toHaveLength(64);
  });

  it('issue a permanent material media_id of 43 characters that never expires', () => {
    const t = newSim();
    const app = addApp(t.sim);
    const media = t.sim.unit(() => issueMedia(t.sim.ctx, app, T0, { type: 'thumb', source: 'material' }));
    expect(media.expires_at).toBeUndefined();
    expect(media.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('issue a draft of 43 characters with its articles and time, recorded in the unit and the draft box', () => {
    const t = newSim();
    const app = addApp(t.sim);
    const articles = [article('a'), article('b')];
    const draft = t.sim.unit(() => issueDraft(t.sim.ctx, app, T0 + 5, articles));
    expect(draft).toEqual({ media_id: draft.media_id, created_at: T0 + 5, articles });
    expect(draft.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(app.drafts.get(draft.media_id)).toBe(draft);
    expect(t.commits.at(-1)!.drafts).toEqual([{ app, media_id: draft.media_id, now: draft, previous: undefined }]);
  });

  it('draw their ids from the seeded generator: the same on the same seed', () => {
    const ids = (seed: number) => {
      const t = newSim({ seed });
      const app = addApp(t.sim, { appid: 'wxmedia0000000001' });
      return t.sim.unit(() => [issueMedia(t.sim.ctx, app, T0, { type: 'image', source: 'upload' }).media_id, issueDraft(t.sim.ctx, app, T0, []).media_id]);
    };
    expect(ids(3)).toEqual(ids(3));
    expect(ids(4)).not.toEqual(ids(3));
  });
});

describe('unixSeconds', () => {
  it('rounds milliseconds down to whole seconds', () => {
    expect(unixSeconds(T0)).toBe(T0 / 1000);
    expect(unixSeconds(T0 + 999)).toBe(T0 / 1000);
    expect(unixSeconds(T0 + 1000)).toBe(T0 / 1000 + 1);
  });
});
