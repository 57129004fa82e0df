import { describe, expect, it } from 'vitest';
import { MAX_CREATED_TAGS, STAR_TAG_ID, isWechatTagId, startupTagsProblem, tagNameErrcode, tagSettingsProblem, withStarTag } from '../../mock/domain/tag-settings.js';
import { STAR_TAG } from './simulator-fixtures.js';

/** `n` created tags, ids from 100. */
const created = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 0 }));

describe('the tag constants', () => {
  it('make 星标组 tag 2, and let an account create 100 tags', () => {
    expect(STAR_TAG_ID).toBe(2);
    expect(MAX_CREATED_TAGS).toBe(100);
  });
});

describe('isWechatTagId', () => {
  it('is true for 0 (untagged), 1 (blacklist) and 2 (星标组), false from 3 on', () => {
    expect([0, 1, 2, 3, 100].map(isWechatTagId)).toEqual([true, true, true, false, false]);
  });
});

describe('tagNameErrcode', () => {
  const tags = [STAR_TAG, { id: 100, name: '广东', count: 0 }];

  it('takes a new name of up to 30 bytes of UTF-8', () => {
    expect(tagNameErrcode(tags, '北京')).toBeUndefined();
    expect(tagNameErrcode(tags, '一二三四五六七八九十')).toBeUndefined();
    expect(tagNameErrcode(tags, 'x'.repeat(30))).toBeUndefined();
  });

  it('answers 45158 for a name over 30 bytes, however few characters', () => {
    expect(tagNameErrcode(tags, '一二三四五六七八九十a')).toBe(45158);
    expect(tagNameErrcode(tags, 'x'.repeat(31))).toBe(45158);
  });

  it.each([[''], [undefined], [null], [5], [['a']]])('answers 45157 for the name %j', (name) => {
    expect(tagNameErrcode(tags, name)).toBe(45157);
  });

  it('answers 45157 for a name another tag has, 星标组 included, but not for the tag keeping its own', () => {
    expect(tagNameErrcode(tags, '广东')).toBe(45157);
    expect(tagNameErrcode(tags, '星标组')).toBe(45157);
    expect(tagNameErrcode(tags, '广东', 100)).toBeUndefined();
    expect(tagNameErrcode(tags, '广东', 101)).toBe(45157);
  });
});

describe('tagSettingsProblem', () => {
  it('takes created tags from id 100, 星标组 under its own name with a count, and no tags at all', () => {
    expect(tagSettingsProblem([])).toBeUndefined();
    expect(tagSettingsProblem([{ id: 2, name: '星标组', count: 5 }, { id: 100, name: 'a', count: 1 }, { id: 250, name: 'b', count: 0 }])).toBeUndefined();
  });

  it('refuses tag 2 under another name', () => {
    expect(tagSettingsProblem([{ id: 2, name: 'stars', count: 0 }])).toBe('tag 2 is WeChat\'s own "星标组": give it that name (only its count can be set)');
  });

  it.each([0, 1, 3, 99])('refuses id %i, below the created ids', (id) => {
    expect(tagSettingsProblem([{ id, name: 'a', count: 0 }])).toBe(`tag id ${id} is not available: ids 0 to 2 are WeChat's own, created tags have ids from 100`);
  });

  it('refuses an id given twice', () => {
    expect(tagSettingsProblem([{ id: 100, name: 'a', count: 0 }, { id: 100, name: 'b', count: 0 }])).toBe('tag id 100 appears twice');
  });

  it('refuses a name over 30 bytes, and a name used twice, 星标组 included, as WeChat would (45158, 45157)', () => {
    expect(tagSettingsProblem([{ id: 101, name: 'x'.repeat(31), count: 0 }])).toBe("tag 101's name is over 30 bytes of UTF-8, which WeChat refuses (45158)");
    expect(tagSettingsProblem([{ id: 100, name: 'a', count: 0 }, { id: 101, name: 'a', count: 0 }])).toBe('tag name "a" is used twice (tag 101); WeChat refuses that (45157)');
    expect(tagSettingsProblem([{ id: 100, name: '星标组', count: 0 }])).toBe('tag name "星标组" is used twice (tag 100); WeChat refuses that (45157)');
  });

  it('takes 100 created tags, with 星标组 beside them, and refuses 101 (45056)', () => {
    expect(tagSettingsProblem([{ id: 2, name: '星标组', count: 0 }, ...created(100)])).toBeUndefined();
    expect(tagSettingsProblem(created(101))).toBe('an account holds at most 100 tags of its own (45056); got 101');
  });
});

describe('withStarTag', () => {
  it('puts 星标组 first with the count given it (0 when not given), then the created tags by id, as copies', () => {
    const given = [{ id: 120, name: 'b', count: 1 }, { id: 2, name: '星标组', count: 7 }, { id: 100, name: 'a', count: 2 }];
    const held = withStarTag(given);
    expect(held).toEqual([{ id: 2, name: '星标组', count: 7 }, { id: 100, name: 'a', count: 2 }, { id: 120, name: 'b', count: 1 }]);
    expect(held[1]).not.toBe(given[2]);
    expect(given[0]!.id).toBe(120);
    expect(withStarTag([])).toEqual([STAR_TAG]);
  });
});

describe('startupTagsProblem', () => {
  it('names the first app whose tags break the rules, by appid', () => {
    const apps = [{ appid: 'wxa', tags: created(1) }, { appid: 'wxb' }, { appid: 'wxc', tags: [{ id: 5, name: 'x', count: 0 }] }, { tags: [{ id: 6, name: 'x', count: 0 }] }];
    expect(startupTagsProblem(apps)).toBe("app wxc: tag id 5 is not available: ids 0 to 2 are WeChat's own, created tags have ids from 100");
    expect(startupTagsProblem(apps.slice(3))).toBe("app (no appid): tag id 6 is not available: ids 0 to 2 are WeChat's own, created tags have ids from 100");
  });

  it('finds nothing when every app is fine', () => {
    expect(startupTagsProblem([{ appid: 'wxa', tags: created(2) }, { appid: 'wxb' }])).toBeUndefined();
    expect(startupTagsProblem([])).toBeUndefined();
  });
});
