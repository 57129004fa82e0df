/**
 * The user-tag calls (用户标签管理) without HTTP: tags listed with their fans, created, renamed and
 * deleted under WeChat's rules; fans tagged and untagged 50 at a time, 20 tags a fan at most; a
 * fan's tags; a tag's fans page by page. A tagging call records the fans it changed, nothing more.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Body } from '../../mock/domain/loose.js';
import type { App } from '../../mock/domain/store.js';
import { tagOrder } from '../../mock/domain/tag-order.js';
import { batchTagging, batchUntagging, createTag, deleteTag, getTagFans, getTags, getUserTags, updateTag } from '../../mock/domain/tags.js';
import { STAR_TAG, addApp, expectFail, expectOk, newSim, only, openids, touched, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
/** 1,000 fans; tag 100 counts 300 of them, tag 101 none. */
let app: App;

beforeEach(() => {
  t = newSim();
  app = addApp(t.sim, { fans: 1000, tags: [{ id: 100, name: 'vip', count: 300 }, { id: 101, name: 'new', count: 0 }] });
});

const run = <T>(work: () => T): T => t.sim.unit(work);
const create = (body: Body, on: App = app) => run(() => createTag(t.sim.ctx, on, body));
const update = (body: Body, on: App = app) => run(() => updateTag(t.sim.ctx, on, body));
const remove = (body: Body, on: App = app) => run(() => deleteTag(t.sim.ctx, on, body));
const tagging = (body: Body, on: App = app) => run(() => batchTagging(t.sim.ctx, on, body));
const untagging = (body: Body, on: App = app) => run(() => batchUntagging(t.sim.ctx, on, body));
const userTags = (openid: unknown, on: App = app) => getUserTags(t.sim.ctx, on, { openid });
const tagFans = (body: Body, on: App = app) => getTagFans(t.sim.ctx, on, body);
const countOf = (id: number, on: App = app) => getTags(on).tags.find((tag) => tag.id === id)?.count;
/** The openids of tag 100's fans at `positions` of its order. */
const vip = (...positions: number[]) => {
  const order = tagOrder(app, 100);
  const all = openids(app, 1000);
  return positions.map((position) => all[order.fanAt(position)]!);
};
/** The tagging changes the last unit recorded. */
const lastTaggings = () => t.commits.at(-1)!.taggings.map(({ tagid, op, fans }) => ({ tagid, op, fans: [...fans] }));
const OK = { errcode: 0, errmsg: 'ok' };

describe('getTags', () => {
  it('lists every tag, 星标组 first, each with the fans carrying it', () => {
    expect(getTags(app)).toEqual({ tags: [STAR_TAG, { id: 100, name: 'vip', count: 300 }, { id: 101, name: 'new', count: 0 }] });
    expectOk(tagging({ openid_list: openids(app, 2), tagid: 101 }));
    expect(countOf(101)).toBe(2);
  });
});

describe('createTag', () => {
  it('gives the new tag the next id, never one used before, and records it', () => {
    expect(expectOk(create({ tag: { name: '广东' } }))).toEqual({ tag: { id: 102, name: '广东' } });
    expect(touched(t.commits.at(-1))).toEqual(only({ apps: [app] }));
    expect(getTags(app).tags.at(-1)).toEqual({ id: 102, name: '广东', count: 0 });
    expect(expectOk(remove({ tag: { id: 102 } }))).toEqual(OK);
    expect(expectOk(create({ tag: { name: '广东' } }))).toEqual({ tag: { id: 103, name: '广东' } });
  });

  it('starts from id 100 in an app with no tags of its own', () => {
    const bare = addApp(t.sim, { fans: 10 });
    expect(expectOk(create({ tag: { name: 'first' } }, bare))).toEqual({ tag: { id: 100, name: 'first' } });
  });

  it.each([[{}], [{ tag: 'x' }], [{ tag: null }], [{ tag: [{ name: 'x' }] }]])('answers 47001 for %j', (body) => {
    expectFail(create(body), 47001);
  });

  it('answers 45157 for an empty name or one another tag has (星标组 included), 45158 for one over 30 bytes', () => {
    expectFail(create({ tag: {} }), 45157);
    expectFail(create({ tag: { name: '' } }), 45157);
    expectFail(create({ tag: { name: 'vip' } }), 45157);
    expectFail(create({ tag: { name: '星标组' } }), 45157);
    expectFail(create({ tag: { name: '一二三四五六七八九十a' } }), 45158);
    expect(getTags(app).tags).toHaveLength(3);
  });

  it('takes up to 100 tags of its own (星标组 not among them), then answers 45056', () => {
    const full = addApp(t.sim, { fans: 10, tags: Array.from({ length: 99 }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 0 })) });
    expectOk(create({ tag: { name: 'hundredth' } }, full));
    expectFail(create({ tag: { name: 'one too many' } }, full), 45056);
    expect(full.tags).toHaveLength(101);
  });
});

describe('updateTag', () => {
  it('renames a tag, keeping its id and fans, and takes the id as a string', () => {
    expect(expectOk(update({ tag: { id: 100, name: 'gold' } }))).toEqual(OK);
    expect(expectOk(update({ tag: { id: '101', name: 'newer' } }))).toEqual(OK);
    expect(getTags(app).tags).toEqual([STAR_TAG, { id: 100, name: 'gold', count: 300 }, { id: 101, name: 'newer', count: 0 }]);
  });

  it("takes a tag's own name again, and refuses another tag's (45157) or one over 30 bytes (45158)", () => {
    expectOk(update({ tag: { id: 100, name: 'vip' } }));
    expectFail(update({ tag: { id: 100, name: 'new' } }), 45157);
    expectFail(update({ tag: { id: 100, name: '' } }), 45157);
    expectFail(update({ tag: { id: 100, name: 'x'.repeat(31) } }), 45158);
    expect(getTags(app).tags.map((tag) => tag.name)).toEqual(['星标组', 'vip', 'new']);
  });

  it.each([0, 1, 2, '2'])("answers 45058 for WeChat's own tag %j", (id) => {
    expectFail(update({ tag: { id, name: 'mine' } }), 45058);
  });

  it.each([[{ tag: { id: 999, name: 'x' } }], [{ tag: { name: 'x' } }], [{ tag: { id: 'vip', name: 'x' } }], [{ tag: { id: -100, name: 'x' } }]])('answers 45159 for %j', (body) => {
    expectFail(update(body), 45159);
  });

  it.each([[{}], [{ tag: 100 }], [{ tag: null }]])('answers 47001 for %j', (body) => {
    expectFail(update(body), 47001);
  });
});

describe('deleteTag', () => {
  it('deletes a tag, its fans losing it', () => {
    const [member] = vip(0);
    expect(expectOk(remove({ tag: { id: '100' } }))).toEqual(OK);
    expect(getTags(app).tags.map((tag) => tag.id)).toEqual([2, 101]);
    expect(expectOk(userTags(member))).toEqual({ tagid_list: [] });
  });

  it("forgets the tag's tagging, and records that only when there was some", () => {
    expectOk(remove({ tag: { id: 101 } }));
    expect(lastTaggings()).toEqual([]);
    expectOk(tagging({ openid_list: openids(app, 1), tagid: 100 }));
    expectOk(remove({ tag: { id: 100 } }));
    expect(lastTaggings()).toEqual([{ tagid: 100, op: 'clear', fans: [] }]);
    expect(app.taggings.size).toBe(0);
  });

  it.each([0, 1, 2])("answers 45058 for WeChat's own tag %i", (id) => {
    expectFail(remove({ tag: { id } }), 45058);
  });

  it('answers 45159 for a tag the app does not have, 47001 for no tag object', () => {
    expectFail(remove({ tag: { id: 102 } }), 45159);
    expectFail(remove({}), 47001);
  });

  it('refuses a tag of more than 100,000 fans (45057), and deletes one of 100,000', () => {
    const big = addApp(t.sim, { fans: 200_000, tags: [{ id: 100, name: 'over', count: 100_001 }, { id: 101, name: 'at', count: 100_000 }] });
    expectFail(remove({ tag: { id: 100 } }, big), 45057);
    expectOk(remove({ tag: { id: 101 } }, big));
  });
});

describe('batchTagging', () => {
  it('tags the fans that lack the tag, and records only those', () => {
    const [member] = vip(0);
    const [outsider] = vip(300);
    expect(expectOk(tagging({ openid_list: [member, outsider, outsider], tagid: 100 }))).toEqual(OK);
    expect(countOf(100)).toBe(301);
    expect(expectOk(userTags(outsider))).toEqual({ tagid_list: [100] });
    expect(lastTaggings()).toEqual([{ tagid: 100, op: 'tag', fans: [tagOrder(app, 100).fanAt(300)] }]);
  });

  it('records nothing when every fan has the tag already', () => {
    const commits = t.commits.length;
    expectOk(tagging({ openid_list: vip(0, 1), tagid: '100' }));
    expect(t.commits).toHaveLength(commits);
  });

  it('takes 1 to 50 openids, and answers 40032 for none or 51', () => {
    const all = openids(app, 51);
    expectOk(tagging({ openid_list: all.slice(0, 50), tagid: 101 }));
    expectFail(tagging({ openid_list: all, tagid: 101 }), 40032);
    expectFail(tagging({ openid_list: [], tagid: 101 }), 40032);
    expect(countOf(101)).toBe(50);
  });

  it('answers 47001 for openid_list that is no list', () => {
    expectFail(tagging({ openid_list: openids(app, 1)[0], tagid: 101 }), 47001);
    expectFail(tagging({ tagid: 101 }), 47001);
  });

  it('checks the list before the tag (45159), and the tag before the openids (40003, 49003)', () => {
    const other = addApp(t.sim, { fans: 5 });
    expectFail(tagging({ openid_list: [], tagid: 999 }), 40032);
    expectFail(tagging({ openid_list: ['stranger'], tagid: 999 }), 45159);
    expectFail(tagging({ openid_list: ['stranger'], tagid: 101 }), 40003);
    expectFail(tagging({ openid_list: openids(other, 1), tagid: 101 }), 49003);
    expect(countOf(101)).toBe(0);
  });

  it('tags nobody when a newcomer carries 20 tags already (45059); a fan with 19 takes a 20th', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 0 }));
    const busy = addApp(t.sim, { fans: 10, tags: many });
    const [a, b] = openids(busy, 2);
    for (let id = 100; id < 119; id++) expectOk(tagging({ openid_list: [a], tagid: id }, busy));
    expect(expectOk(userTags(a, busy)).tagid_list).toHaveLength(19);
    expectOk(tagging({ openid_list: [a], tagid: 119 }, busy));
    expectFail(tagging({ openid_list: [b, a], tagid: 120 }, busy), 45059);
    expect(countOf(120, busy)).toBe(0);
    // A fan already carrying the tag is no newcomer, however many tags it has.
    expectOk(tagging({ openid_list: [a, b], tagid: 119 }, busy));
    expect(countOf(119, busy)).toBe(2);
  });
});

describe('batchUntagging', () => {
  it('untags the fans that carry the tag, and records only those', () => {
    const [member, outsider] = vip(5, 300);
    expect(expectOk(untagging({ openid_list: [member, outsider], tagid: 100 }))).toEqual(OK);
    expect(countOf(100)).toBe(299);
    expect(expectOk(userTags(member))).toEqual({ tagid_list: [] });
    expect(lastTaggings()).toEqual([{ tagid: 100, op: 'untag', fans: [tagOrder(app, 100).fanAt(5)] }]);
  });

  it('answers as batchTagging does for the list, the tag and the openids', () => {
    expectFail(untagging({ openid_list: [], tagid: 100 }), 40032);
    expectFail(untagging({ openid_list: vip(0), tagid: 999 }), 45159);
    expectFail(untagging({ openid_list: ['stranger'], tagid: 100 }), 40003);
    expect(countOf(100)).toBe(300);
  });
});

describe('getUserTags', () => {
  it("lists the fan's tags highest first, and none for a fan without tags", () => {
    const [member, outsider] = vip(0, 300);
    expectOk(tagging({ openid_list: [member], tagid: 101 }));
    expect(expectOk(userTags(member))).toEqual({ tagid_list: [101, 100] });
    expect(expectOk(userTags(outsider))).toEqual({ tagid_list: [] });
  });

  it("answers 40003 for no follower, 49003 for another app's", () => {
    const other = addApp(t.sim, { fans: 5 });
    expectFail(userTags('stranger'), 40003);
    expectFail(userTags(undefined), 40003);
    expectFail(userTags(openids(other, 1)[0]), 49003);
  });
});

describe('getTagFans', () => {
  it("pages the tag's fans in its order, from just after the fan next_openid names, to the end marker", () => {
    const first = expectOk(tagFans({ tagid: 100 }));
    expect(first).toEqual({ count: 300, data: { openid: vip(...Array.from({ length: 300 }, (_, p) => p)) }, next_openid: vip(299)[0] });
    expect(expectOk(tagFans({ tagid: '100', next_openid: vip(289)[0] }))).toEqual({ count: 10, data: { openid: vip(290, 291, 292, 293, 294, 295, 296, 297, 298, 299) }, next_openid: vip(299)[0] });
    expect(expectOk(tagFans({ tagid: 100, next_openid: first.next_openid }))).toEqual({ count: 0, next_openid: '' });
    expect(expectOk(tagFans({ tagid: 101, next_openid: '' }))).toEqual({ count: 0, next_openid: '' });
  });

  it('holds 10,000 openids a page', () => {
    const large = addApp(t.sim, { fans: 12_000, tags: [{ id: 100, name: 'all', count: 12_000 }] });
    const first = expectOk(tagFans({ tagid: 100 }, large));
    expect(first.count).toBe(10_000);
    expect(expectOk(tagFans({ tagid: 100, next_openid: first.next_openid }, large)).count).toBe(2_000);
  });

  it("answers 45159 for a tag the app does not have, 40003 and 49003 for a next_openid that is no follower or another app's", () => {
    const other = addApp(t.sim, { fans: 5 });
    expectFail(tagFans({ tagid: 999 }), 45159);
    expectFail(tagFans({}), 45159);
    expectFail(tagFans({ tagid: 100, next_openid: 'stranger' }), 40003);
    expectFail(tagFans({ tagid: 100, next_openid: openids(other, 1)[0] }), 49003);
  });
});
