import { describe, expect, it } from 'vitest';
import { DELETABLE, MSGTYPES, checkContent, contentPayload, isOpenid } from '../../mock/domain/content.js';

const ok = (msgtype: string) => ({ ok: true, value: msgtype });
const fail = (errcode: number) => ({ ok: false, errcode });

/** A valid body of each msgtype. */
const VALID: Record<(typeof MSGTYPES)[number], Record<string, unknown>> = {
  mpnews: { msgtype: 'mpnews', mpnews: { media_id: 'm-news' } },
  text: { msgtype: 'text', text: { content: 'hello' } },
  voice: { msgtype: 'voice', voice: { media_id: 'm-voice' } },
  music: { msgtype: 'music', music: { media_id: 'm-music' } },
  image: { msgtype: 'image', images: { media_ids: ['m-image'] } },
  mpvideo: { msgtype: 'mpvideo', mpvideo: { media_id: 'm-video' } },
  wxcard: { msgtype: 'wxcard', wxcard: { card_id: 'card-1' } },
};

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
  it.each(MSGTYPES)('accepts a %s message with its payload', (msgtype) => {
    expect(checkContent(VALID[msgtype])).toEqual(ok(msgtype));
  });

  it.each([undefined, '', 'video', 'news', 'TEXT', 42, null, ['text']])('answers 40008 for the msgtype %j', (msgtype) => {
    expect(checkContent({ msgtype, text: { content: 'x' }, video: { media_id: 'm' } })).toEqual(fail(40008));
  });

  it('does not take a msgtype the body only inherits', () => {
    const body = Object.create({ msgtype: 'text' }) as Record<string, unknown>;
    body.text = { content: 'x' };
    expect(checkContent(body)).toEqual(fail(40008));
  });

  describe.each(['mpnews', 'voice', 'music', 'mpvideo'] as const)('a %s message', (msgtype) => {
    it('answers 40007 without a media_id under its own key', () => {
      expect(checkContent({ msgtype })).toEqual(fail(40007));
      const other = msgtype === 'voice' ? 'music' : 'voice';
      expect(checkContent({ msgtype, [other]: { media_id: 'm' } })).toEqual(fail(40007));
      expect(checkContent({ msgtype, [msgtype]: {} })).toEqual(fail(40007));
    });

    it.each(['', 'invalid', 'invalid-123', 42, null])('answers 40007 for the media_id %j', (mediaId) => {
      expect(checkContent({ msgtype, [msgtype]: { media_id: mediaId } })).toEqual(fail(40007));
    });

    it.each(['not-an-object', null, [{ media_id: 'm' }]])('answers 40007 for the payload %j', (payload) => {
      expect(checkContent({ msgtype, [msgtype]: payload })).toEqual(fail(40007));
    });

    it('accepts a media_id that merely contains "invalid" after its start', () => {
      expect(checkContent({ msgtype, [msgtype]: { media_id: 'm-invalid' } })).toEqual(ok(msgtype));
    });
  });

  describe('an image message', () => {
    it('accepts the old form image: {media_id}', () => {
      expect(checkContent({ msgtype: 'image', image: { media_id: 'm' } })).toEqual(ok('image'));
    });

    it('answers 40007 for a bad media_id in the old form, even when the new form is also there and valid', () => {
      expect(checkContent({ msgtype: 'image', image: { media_id: 'invalid-1' }, images: { media_ids: ['m'] } })).toEqual(fail(40007));
      expect(checkContent({ msgtype: 'image', image: {} })).toEqual(fail(40007));
    });

    it('reads the new form when image is not an object', () => {
      expect(checkContent({ msgtype: 'image', image: 'm', images: { media_ids: ['a', 'b'] } })).toEqual(ok('image'));
      expect(checkContent({ msgtype: 'image', image: ['m'] })).toEqual(fail(40007));
    });

    it.each([[[]], [['a', 'invalid-b']], [['a', '']], [['a', 7]], ['a'], [{ 0: 'a' }]])('answers 40007 for media_ids %j', (ids) => {
      expect(checkContent({ msgtype: 'image', images: { media_ids: ids } })).toEqual(fail(40007));
    });

    it('answers 40007 when images is not an object or lacks media_ids', () => {
      expect(checkContent({ msgtype: 'image' })).toEqual(fail(40007));
      expect(checkContent({ msgtype: 'image', images: ['a'] })).toEqual(fail(40007));
      expect(checkContent({ msgtype: 'image', images: {} })).toEqual(fail(40007));
      expect(checkContent({ msgtype: 'image', media_ids: ['a'] })).toEqual(fail(40007));
    });
  });

  describe('a text message', () => {
    it.each([undefined, {}, { content: '' }, { content: 42 }, { card_id: 'c' }, 'hello', null])('answers 47001 for the payload %j', (text) => {
      expect(checkContent({ msgtype: 'text', text })).toEqual(fail(47001));
    });
  });

  describe('a wxcard message', () => {
    it.each([undefined, {}, { card_id: '' }, { card_id: 7 }, { content: 'c' }, 'card-1', null])('answers 47001 for the payload %j', (wxcard) => {
      expect(checkContent({ msgtype: 'wxcard', wxcard })).toEqual(fail(47001));
    });

    it('reads the card from its own key, not from text', () => {
      expect(checkContent({ msgtype: 'wxcard', text: { card_id: 'c' } })).toEqual(fail(47001));
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
