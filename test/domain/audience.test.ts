/**
 * Who an app's fans are and which tags they carry: a tag's members are the first `count` of its
 * order, plus the fans tagging added, minus those it removed; counts, pages and a fan's tags agree.
 */
import { describe, expect, it } from 'vitest';
import { applyTagging } from '../../mock/domain/apply-tagging.js';
import {
  PAGE_SIZE,
  fansOf,
  isCounted,
  isMember,
  memberCount,
  membersFrom,
  openidPage,
  pageCursor,
  positionAfter,
  tagsOfFan,
} from '../../mock/domain/audience.js';
import { openidCodec } from '../../mock/domain/openid-codec.js';
import { createRandom } from '../../mock/domain/random.js';
import { tagOrder } from '../../mock/domain/tag-order.js';
import { expectFail, expectOk, openids } from './simulator-fixtures.js';
import { newApp, newStore, type App } from './fixtures.js';

/** 1,000 fans; tag 100 counts 300 of them, tag 105 all, tag 110 none. */
function audienceApp(): App {
  return newApp({ fans: 1000, tags: [{ id: 100, name: 'vip', count: 300 }, { id: 105, name: 'all', count: 5000 }, { id: 110, name: 'none', count: 0 }] });
}
const tagOf = (app: App, id: number) => app.tags.find((tag) => tag.id === id)!;
/** The fan at `position` of tag `id`'s order. */
const at = (app: App, id: number, position: number) => tagOrder(app, id).fanAt(position);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('PAGE_SIZE', () => {
  it('is the 10,000 openids a page of user/get and user/tag/get holds', () => {
    expect(PAGE_SIZE).toBe(10_000);
  });
});

describe('isCounted', () => {
  it("counts the first `count` fans of the tag's order, and only those", () => {
    const app = audienceApp();
    const vip = tagOf(app, 100);
    const counted = range(0, 1000).filter((fan) => isCounted(app, vip, fan));
    expect(counted).toHaveLength(300);
    expect(new Set(counted)).toEqual(new Set(range(0, 300).map((position) => at(app, 100, position))));
  });

  it('counts every fan for a count past the fans, and none for a count of 0', () => {
    const app = audienceApp();
    expect(range(0, 1000).every((fan) => isCounted(app, tagOf(app, 105), fan))).toBe(true);
    expect(range(0, 1000).some((fan) => isCounted(app, tagOf(app, 110), fan))).toBe(false);
  });
});

describe('memberCount, isMember and tagsOfFan', () => {
  it('agree before any tagging: the count (never more than the fans), its members, their tags highest first', () => {
    const app = audienceApp();
    expect(app.tags.map((tag) => memberCount(app, tag))).toEqual([300, 1000, 0]);
    const member = at(app, 100, 0);
    const outsider = at(app, 100, 300);
    expect(isMember(app, tagOf(app, 100), member)).toBe(true);
    expect(isMember(app, tagOf(app, 100), outsider)).toBe(false);
    expect(tagsOfFan(app, member)).toEqual([105, 100]);
    expect(tagsOfFan(app, outsider)).toEqual([105]);
  });

  it('count the fans tagging added and leave out those it removed', () => {
    const app = audienceApp();
    const vip = tagOf(app, 100);
    const newcomers = [at(app, 100, 300), at(app, 100, 500)];
    const leavers = [at(app, 100, 0), at(app, 100, 1), at(app, 100, 2)];
    applyTagging(app, 100, 'tag', newcomers);
    applyTagging(app, 100, 'untag', leavers);
    expect(memberCount(app, vip)).toBe(300 + 2 - 3);
    expect(range(0, 1000).filter((fan) => isMember(app, vip, fan))).toHaveLength(299);
    for (const fan of newcomers) {
      expect(isMember(app, vip, fan)).toBe(true);
      expect(tagsOfFan(app, fan)).toEqual([105, 100]);
    }
    for (const fan of leavers) {
      expect(isMember(app, vip, fan)).toBe(false);
      expect(tagsOfFan(app, fan)).toEqual([105]);
    }
  });

  it('give a fan no tags when it carries none', () => {
    const app = newApp({ fans: 10, tags: [{ id: 100, name: 'none', count: 0 }] });
    expect(tagsOfFan(app, 3)).toEqual([]);
  });
});

describe('membersFrom and positionAfter', () => {
  it("pages a tag's members in its order, each page resuming after the last fan of the one before", () => {
    const app = audienceApp();
    const vip = tagOf(app, 100);
    const first = membersFrom(app, vip, 0, 120);
    expect(first).toEqual(range(0, 120).map((position) => at(app, 100, position)));
    const second = membersFrom(app, vip, positionAfter(app, vip, first.at(-1)!), 120);
    expect(second).toEqual(range(120, 240).map((position) => at(app, 100, position)));
    const last = membersFrom(app, vip, positionAfter(app, vip, second.at(-1)!), 120);
    expect(last).toEqual(range(240, 300).map((position) => at(app, 100, position)));
    expect(membersFrom(app, vip, positionAfter(app, vip, last.at(-1)!), 120)).toEqual([]);
  });

  it("pages nobody for a tag of count 0", () => {
    const app = audienceApp();
    expect(membersFrom(app, tagOf(app, 110), 0, 10)).toEqual([]);
  });

  it("skips the fans tagging removed, and lists those it added after the counted ones, in the tag's order", () => {
    const app = audienceApp();
    const vip = tagOf(app, 100);
    const added = [at(app, 100, 700), at(app, 100, 400), at(app, 100, 999)];
    applyTagging(app, 100, 'tag', added);
    applyTagging(app, 100, 'untag', [at(app, 100, 1), at(app, 100, 299)]);
    const all = membersFrom(app, vip, 0, PAGE_SIZE);
    const counted = range(0, 300).filter((position) => position !== 1 && position !== 299);
    expect(all).toEqual([...counted, 400, 700, 999].map((position) => at(app, 100, position)));
    expect(all).toHaveLength(memberCount(app, vip));
    // Page by page, 100 at a time, the same members in the same order.
    const paged: number[] = [];
    for (let from = 0; ; ) {
      const page = membersFrom(app, vip, from, 100);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(100);
      paged.push(...page);
      from = positionAfter(app, vip, page.at(-1)!);
    }
    expect(paged).toEqual(all);
    // Resuming among the added ones leaves out those before.
    expect(membersFrom(app, vip, positionAfter(app, vip, at(app, 100, 400)), 10)).toEqual([700, 999].map((position) => at(app, 100, position)));
    expect(membersFrom(app, vip, 297, 3)).toEqual([297, 298, 400].map((position) => at(app, 100, position)));
  });

  it('puts a fan tagged on top at the start of the next page when the page before ended just ahead of it', () => {
    const app = audienceApp();
    const vip = tagOf(app, 100);
    const added = [at(app, 100, 300), at(app, 100, 301)];
    applyTagging(app, 100, 'tag', added);
    const first = membersFrom(app, vip, 0, 300);
    expect(first.at(-1)).toBe(at(app, 100, 299));
    expect(membersFrom(app, vip, positionAfter(app, vip, first.at(-1)!), 300)).toEqual(added);
    expect(membersFrom(app, vip, positionAfter(app, vip, added[0]!), 300)).toEqual([added[1]]);
  });

  it('resumes right after the fan the cursor names', () => {
    const app = audienceApp();
    const vip = tagOf(app, 100);
    expect(positionAfter(app, vip, at(app, 100, 41))).toBe(42);
  });
});

describe('fansOf', () => {
  const two = () => {
    const app = newApp({ appid: 'wxaudience0000001', fans: 100 }, {}, createRandom(1));
    const other = newApp({ appid: 'wxaudience0000002', fans: 100 }, {}, createRandom(2));
    return { app, other, store: newStore(app, other) };
  };

  it("answers the fan of each of the app's openids, in order, repeats included", () => {
    const { app, store } = two();
    const [a, b, c] = openids(app, 3);
    expect(expectOk(fansOf(store, app, [c, a, b, a], 49003))).toEqual([2, 0, 1, 0]);
  });

  it("answers 40003 for an openid that is no follower, and 49003 (the tag calls) or 40003 (mass/send) for another app's follower", () => {
    const { app, other, store } = two();
    const [mine] = openids(app, 1);
    const [theirs] = openids(other, 1);
    expectFail(fansOf(store, app, [mine, 'no such openid'], 49003), 40003);
    expectFail(fansOf(store, app, [mine, theirs], 49003), 49003);
    expectFail(fansOf(store, app, [mine, theirs], 40003), 40003);
  });

  it("answers for the first bad openid", () => {
    const { app, other, store } = two();
    const [theirs] = openids(other, 1);
    expectFail(fansOf(store, app, ['no such openid', theirs], 49003), 40003);
    expectFail(fansOf(store, app, [theirs, 'no such openid'], 49003), 49003);
  });

  it("answers 40003 for an openid of the app's past its fans, one in another app's prefix that no app issued, and anything not a string", () => {
    const { app, other, store } = two();
    const [, , past] = openidCodec(app).encode([0, 1, 100]);
    const forged = openidCodec(other).head + openids(app, 1)[0]!.slice(6);
    for (const bad of [past, forged, 42, null, { openid: openids(app, 1)[0] }]) expectFail(fansOf(store, app, [bad], 49003), 40003);
  });
});

describe('pageCursor', () => {
  it('starts from the first fan for a next_openid absent, null or empty', () => {
    const app = newApp({ fans: 10 });
    const store = newStore(app);
    for (const next of [undefined, null, '']) expect(expectOk(pageCursor(store, app, next))).toBeUndefined();
  });

  it('names the fan of a follower, and refuses any other openid as fansOf does', () => {
    const app = newApp({ appid: 'wxaudience0000001', fans: 10 }, {}, createRandom(1));
    const other = newApp({ appid: 'wxaudience0000002', fans: 10 }, {}, createRandom(2));
    const store = newStore(app, other);
    expect(expectOk(pageCursor(store, app, openids(app, 8)[7]))).toBe(7);
    expectFail(pageCursor(store, app, 'no such openid'), 40003);
    expectFail(pageCursor(store, app, openids(other, 1)[0]), 49003);
  });
});

describe('openidPage', () => {
  it('lists the openids of the fans given, next_openid the last of them', () => {
    const app = newApp({ fans: 10 });
    const all = openids(app, 10);
    expect(openidPage(app, [4, 2, 9])).toEqual({ count: 3, data: { openid: [all[4], all[2], all[9]] }, next_openid: all[9] });
  });

  it('answers count 0, no data and next_openid "" past the last page', () => {
    expect(openidPage(newApp({ fans: 10 }), [])).toEqual({ count: 0, next_openid: '' });
  });
});
