import { describe, expect, it } from 'vitest';
import { DELETABLE, MSGTYPES, checkContent, contentPayload, isOpenid } from '../../mock/domain/content.js';
import { DEFAULT_NEWS_MEDIA_ID } from '../../mock/domain/media-library.js';
import { T0, addDraft, addMedia, newApp, type App } from './fixtures.js';

const ok = (msgtype: string, articles = 1) => ({ ok: true, value: { msgtype, articles } });
const fail = (errcode: number) => ({ ok: false, errcode });

/** An app under the strict media policy with one media_id of each kind a send takes. */
function appWithMedia(settings: Parameters<typeof newApp>[0] = {}): App {
  const app = newApp(settings);
  addMedia(app, 'm-news', { type: 'news', source: 'uploadnews', articles: [] });
  addMedia(app, 'm-voice', { type: 'voice' });
  addMedia(app, 'm-image', { type: 'image' });
  addMedia(app, 'm-image-2', { type: 'image', source: 'material', expires_at: undefined });
  addMedia(app, 'm-video', { type: 'video' });
  addMedia(app, 'm-mpvideo', { type: 'mpvideo', source: 'uploadvideo' });
  addMedia(app, 'm-thumb', { type: 'thumb', source: 'material', expires_at: undefined });
  addDraft(app, 'd-three', 3);
  return app;
}

/** A valid body of each msgtype, its media_ids those appWithMedia holds. */
const VALID: Record<(typeof MSGTYPES)[number], Record<string, unknown>> = {
  mpnews: { msgtype: 'mpnews', mpnews: { media_id: 'd-three' } },
  text: { msgtype: 'text', text: { content: 'hello' } },
  voice: { msgtype: 'voice', voice: { media_id: 'm-voice' } },
  music: { msgtype: 'music', music: { media_id: 'm-voice' } },
  image: { msgtype: 'image', images: { media_ids: ['m-image'] } },
  mpvideo: { msgtype: 'mpvideo', mpvideo: { media_id: 'm-mpvideo' } },
  wxcard: { msgtype: 'wxcard', wxcard: { card_id: 'card-1' } },
};

const app = appWithMedia();
const check = (body: Record<string, unknown>, on: App = app, now = T0) => checkContent(on, body, now);

describe('msgtypes', () => {
  it('are the seven the API takes', () => {
    expect([...MSGTYPES].sort()).toEqual(['image', 'mpnews', 'mpvideo', 'music', 'text', 'voice', 'wxcard']);
  });

  it('can be deleted once sent only for mpnews and mpvideo', () => {
    expect(MSGTYPES.filter((type) => DELETABLE.has(type))).toEqual(['mpnews', 'mpvideo']);
    expect(DELETABLE.size).toBe(2);
  });
});

describe('checkContent', () => {
  it.each(MSGTYPES)('accepts a %s message with its payload, and counts its articles', (msgtype) => {
    expect(check(VALID[msgtype])).toEqual(ok(msgtype, msgtype === 'mpnews' ? 3 : 1));
  });

  it.each([undefined, '', 'video', 'news', 'TEXT', 42, null, ['text']])('answers 40008 for the msgtype %j', (msgtype) => {
    expect(check({ msgtype, text: { content: 'x' }, video: { media_id: 'm-video' } })).toEqual(fail(40008));
  });

  it('does not take a msgtype the body only inherits', () => {
    const body = Object.create({ msgtype: 'text' }) as Record<string, unknown>;
    body.text = { content: 'x' };
    expect(check(body)).toEqual(fail(40008));
  });

  describe('an mpnews message', () => {
    it('takes the default draft every app has, with its one article', () => {
      expect(check({ msgtype: 'mpnews', mpnews: { media_id: DEFAULT_NEWS_MEDIA_ID } }, newApp())).toEqual(ok('mpnews', 1));
    });

    it('takes a draft of the app with its article count, and an uploadnews media_id with its own', () => {
      const news = appWithMedia();
      addMedia(news, 'm-news-2', { type: 'news', source: 'uploadnews', articles: [] });
      expect(check({ msgtype: 'mpnews', mpnews: { media_id: 'd-three' } }, news)).toEqual(ok('mpnews', 3));
      addMedia(news, 'm-news-5', { type: 'news', source: 'uploadnews', articles: Array.from({ length: 5 }, () => ({ title: 't', author: '', digest: '', content: 'c', content_source_url: '', thumb_media_id: 'm-thumb' })) });
      expect(check({ msgtype: 'mpnews', mpnews: { media_id: 'm-news-5' } }, news)).toEqual(ok('mpnews', 5));
      expect(check({ msgtype: 'mpnews', mpnews: { media_id: 'm-news-2' } }, news)).toEqual(ok('mpnews', 0));
    });

    it('counts one article for a news media whose articles are not kept', () => {
      const news = newApp();
      addMedia(news, 'm-bare', { type: 'news', source: 'uploadnews' });
      expect(check({ msgtype: 'mpnews', mpnews: { media_id: 'm-bare' } }, news)).toEqual(ok('mpnews', 1));
    });
  });

  describe.each(['mpnews', 'voice', 'music', 'mpvideo'] as const)('a %s message', (msgtype) => {
    it('answers 40007 without a media_id under its own key', () => {
      expect(check({ msgtype })).toEqual(fail(40007));
      const other = msgtype === 'voice' ? 'music' : 'voice';
      expect(check({ msgtype, [other]: { media_id: 'm-voice' } })).toEqual(fail(40007));
      expect(check({ msgtype, [msgtype]: {} })).toEqual(fail(40007));
    });

    it.each(['', 'unknown', 'invalid-123', 42, null])('answers 40007 for the media_id %j', (mediaId) => {
      expect(check({ msgtype, [msgtype]: { media_id: mediaId } })).toEqual(fail(40007));
    });

    it.each(['not-an-object', null, [{ media_id: 'm-voice' }]])('answers 40007 for the payload %j', (payload) => {
      expect(check({ msgtype, [msgtype]: payload })).toEqual(fail(40007));
    });

    it('answers 40007 for a media_id of another type', () => {
      const wrong = ['m-image', 'm-thumb', 'm-video', ...(msgtype === 'mpnews' ? ['m-voice', 'm-mpvideo'] : ['m-news', DEFAULT_NEWS_MEDIA_ID, 'd-three'])];
      for (const media_id of wrong) expect(check({ msgtype, [msgtype]: { media_id } }), media_id).toEqual(fail(40007));
    });

    it('answers 40007 for another app\'s media_id', () => {
      const own = VALID[msgtype][msgtype] as { media_id: string };
      expect(check({ msgtype, [msgtype]: own }, newApp({ appid: 'wxother0000000001' }))).toEqual(fail(40007));
    });

    it('takes any non-empty media_id under the media policy "any", as one article; a held one with its own count', () => {
      const loose = newApp({ media: 'any' });
      addDraft(loose, 'd-two', 2);
      expect(check({ msgtype, [msgtype]: { media_id: 'made-up' } }, loose)).toEqual(ok(msgtype, 1));
      expect(check({ msgtype, [msgtype]: { media_id: 'd-two' } }, loose)).toEqual(ok(msgtype, msgtype === 'mpnews' ? 2 : 1));
      expect(check({ msgtype, [msgtype]: { media_id: '' } }, loose)).toEqual(fail(40007));
      expect(check({ msgtype, [msgtype]: { media_id: 7 } }, loose)).toEqual(fail(40007));
      expect(check({ msgtype, [msgtype]: 'made-up' }, loose)).toEqual(fail(40007));
    });
  });

  describe('the media types each msgtype takes', () => {
    it('takes voice for voice and music, mpvideo (from uploadvideo) for mpvideo', () => {
      expect(check({ msgtype: 'music', music: { media_id: 'm-voice' } })).toEqual(ok('music'));
      expect(check({ msgtype: 'voice', voice: { media_id: 'm-voice' } })).toEqual(ok('voice'));
      expect(check({ msgtype: 'mpvideo', mpvideo: { media_id: 'm-mpvideo' } })).toEqual(ok('mpvideo'));
      expect(check({ msgtype: 'mpvideo', mpvideo: { media_id: 'm-video' } })).toEqual(fail(40007));
    });
  });

  describe('an expiring media_id', () => {
    it('is taken until 3 days after it was issued, at the app\'s time, and answers 40007 from then', () => {
      const expiring = newApp();
      addMedia(expiring, 'm-voice', { type: 'voice', created_at: T0, expires_at: T0 + 1000 });
      const body = { msgtype: 'voice', voice: { media_id: 'm-voice' } };
      expect(check(body, expiring, T0 + 999)).toEqual(ok('voice'));
      expect(check(body, expiring, T0 + 1000)).toEqual(fail(40007));
    });

    it('is never expired when permanent material', () => {
      expect(check({ msgtype: 'image', image: { media_id: 'm-image-2' } }, app, T0 + 1000 * 86_400_000)).toEqual(ok('image'));
    });

    it('counts as held again under "any": an expired media_id is then just any string', () => {
      const loose = newApp({ media: 'any' });
      addMedia(loose, 'm-old', { type: 'news', source: 'uploadnews', expires_at: T0, articles: [] });
      expect(check({ msgtype: 'mpnews', mpnews: { media_id: 'm-old' } }, loose, T0)).toEqual(ok('mpnews', 1));
    });
  });

  describe('an image message', () => {
    it('accepts the old form image: {media_id}', () => {
      expect(check({ msgtype: 'image', image: { media_id: 'm-image' } })).toEqual(ok('image'));
    });

    it('answers 40007 for a bad media_id in the old form, even when the new form is also there and valid', () => {
      expect(check({ msgtype: 'image', image: { media_id: 'unknown' }, images: { media_ids: ['m-image'] } })).toEqual(fail(40007));
      expect(check({ msgtype: 'image', image: { media_id: 'm-voice' } })).toEqual(fail(40007));
      expect(check({ msgtype: 'image', image: {} })).toEqual(fail(40007));
    });

    it('reads the new form when image is not an object', () => {
      expect(check({ msgtype: 'image', image: 'm-image', images: { media_ids: ['m-image', 'm-image-2'] } })).toEqual(ok('image'));
      expect(check({ msgtype: 'image', image: ['m-image'] })).toEqual(fail(40007));
    });

    it.each([[[]], [['m-image', 'unknown']], [['m-image', 'm-thumb']], [['m-image', '']], [['m-image', 7]], ['m-image'], [{ 0: 'm-image' }]])('answers 40007 for media_ids %j', (ids) => {
      expect(check({ msgtype: 'image', images: { media_ids: ids } })).toEqual(fail(40007));
    });

    it('answers 40007 when images is not an object or lacks media_ids', () => {
      expect(check({ msgtype: 'image' })).toEqual(fail(40007));
      expect(check({ msgtype: 'image', images: ['m-image'] })).toEqual(fail(40007));
      expect(check({ msgtype: 'image', images: {} })).toEqual(fail(40007));
      expect(check({ msgtype: 'image', media_ids: ['m-image'] })).toEqual(fail(40007));
    });

    it('takes any non-empty media_ids under the media policy "any"', () => {
      const loose = newApp({ media: 'any' });
      expect(check({ msgtype: 'image', image: { media_id: 'x' } }, loose)).toEqual(ok('image'));
      expect(check({ msgtype: 'image', images: { media_ids: ['x', 'y'] } }, loose)).toEqual(ok('image'));
      expect(check({ msgtype: 'image', images: { media_ids: ['x', ''] } }, loose)).toEqual(fail(40007));
    });
  });

  describe('a text message', () => {
    it.each([undefined, {}, { content: '' }, { content: 42 }, { card_id: 'c' }, 'hello', null])('answers 47001 for the payload %j', (text) => {
      expect(check({ msgtype: 'text', text })).toEqual(fail(47001));
    });
  });

  describe('a wxcard message', () => {
    it.each([undefined, {}, { card_id: '' }, { card_id: 7 }, { content: 'c' }, 'card-1', null])('answers 47001 for the payload %j', (wxcard) => {
      expect(check({ msgtype: 'wxcard', wxcard })).toEqual(fail(47001));
    });

    it('reads the card from its own key, not from text', () => {
      expect(check({ msgtype: 'wxcard', text: { card_id: 'c' } })).toEqual(fail(47001));
    });
  });
});

describe('isOpenid', () => {
  it.each(['oABCDE', 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', 'AZaz09_-', 'x'.repeat(64)])('accepts %s', (value) => {
    expect(isOpenid(value)).toBe(true);
  });

  it.each(['', 'abcde', 'x'.repeat(65), 'abc def', 'abcdef!', '!abcdef', 'abc*def', 'abc.def', 'öpenid12', 42, null, undefined, ['abcdefg']])(
    'rejects %j',
    (value) => {
      expect(isOpenid(value)).toBe(false);
    },
  );
});

describe('contentPayload', () => {
  it.each(MSGTYPES.filter((type) => type !== 'image'))('is the %s object itself, as given', (msgtype) => {
    const body: Record<string, unknown> = { ...VALID[msgtype], filter: { is_to_all: true }, clientmsgid: 'c' };
    expect(contentPayload(body, msgtype)).toBe(VALID[msgtype][msgtype]);
  });

  it('is both image forms for an image send, the absent one undefined', () => {
    const images = { media_ids: ['a', 'b'] };
    expect(contentPayload({ msgtype: 'image', images }, 'image')).toEqual({ image: undefined, images });
    expect(contentPayload({ msgtype: 'image', image: { media_id: 'a' }, images }, 'image')).toEqual({ image: { media_id: 'a' }, images });
    expect(contentPayload({ msgtype: 'image', image: { media_id: 'a' } }, 'image')).toStrictEqual({ image: { media_id: 'a' }, images: undefined });
  });
});
