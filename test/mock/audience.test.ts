/**
 * Who a send reaches: followers and tags over derived openids. A tag's count, its pages, the tags
 * a fan carries, a send's TotalCount and its duration agree, before and after tagging; openids have
 * the real shape, and only an app's own followers are taken.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openidCodec } from '../../mock/domain/openid-codec.js';
import { tagOrder } from '../../mock/domain/tag-order.js';
import { PATHS, STRANGER, TEXT_TO_TAG, expectWxError, newMock, type TestMock } from '../helpers.js';

let mock: TestMock | undefined;
afterEach(() => mock?.assertNoViolations());

const OPENID_SHAPE = /^o[A-Za-z0-9_-]{27}$/;

/** Every page of a tag's fans, following next_openid to the end marker. */
async function allTagFans(m: TestMock, token: string, tagid: number): Promise<string[]> {
  const openids: string[] = [];
  let next = '';
  for (;;) {
    const page = (await m.post(PATHS.getTagFans, token, { tagid, next_openid: next })).body;
    if (page.count === 0) {
      expect(page).toEqual({ count: 0, next_openid: '' });
      return openids;
    }
    openids.push(...page.data.openid);
    next = page.next_openid;
  }
}

async function tagCount(m: TestMock, token: string, tagid: number): Promise<number> {
  const { tags } = (await m.http.get(PATHS.getTags).query({ access_token: token })).body as { tags: { id: number; count: number }[] };
  return tags.find((tag) => tag.id === tagid)!.count;
}

describe('followers', () => {
  it('gives openids the shape real ones have: 28 characters, o and a prefix every follower of the app shares', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 50 });
    const token = await mock.token(app.appid);
    const page = (await mock.http.get(PATHS.getFollowers).query({ access_token: token })).body;
    expect(page).toMatchObject({ total: 50, count: 50 });
    const openids = page.data.openid as string[];
    for (const openid of openids) expect(openid).toMatch(OPENID_SHAPE);
    expect(new Set(openids).size).toBe(50);
    expect(new Set(openids.map((openid) => openid.slice(0, 6))).size).toBe(1);
    // The last character is as free as the others (16 bytes leave it 4 spare bits, which carry a check).
    expect(new Set(openids.map((openid) => openid.at(-1))).size).toBeGreaterThan(8);
    const other = (await mock.followers(await mock.token(), 1))[0]!;
    expect(other.slice(0, 6)).not.toBe(openids[0]!.slice(0, 6));
  });

  it('answers the same openids for the same seed, in the same order on every call', async () => {
    const first = newMock();
    const second = newMock();
    const a = await first.followers(await first.token(), 5);
    expect(await first.followers(await first.token(), 5)).toEqual(a);
    expect(await second.followers(await second.token(), 5)).toEqual(a);
    const reseeded = newMock({ seed: 8 });
    expect(await reseeded.followers(await reseeded.token(), 5)).not.toEqual(a);
  });

  it('takes next_openid from the query and goes on after it; past the last page, count 0, no data, next_openid ""', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 3 });
    const token = await mock.token(app.appid);
    const openids = await mock.followers(token, 3);
    const after = (next_openid: string) => mock!.http.get(PATHS.getFollowers).query({ access_token: token, next_openid });
    expect((await after(openids[0]!)).body).toEqual({ total: 3, count: 2, data: { openid: openids.slice(1) }, next_openid: openids[2] });
    expect((await after(openids[2]!)).body).toEqual({ total: 3, count: 0, next_openid: '' });
    expect((await after('')).body.count).toBe(3);
    const empty = await mock.createApp({ fans: 0 });
    expect((await mock.http.get(PATHS.getFollowers).query({ access_token: await mock.token(empty.appid) })).body).toEqual({ total: 0, count: 0, next_openid: '' });
  });

  it('refuses an openid altered by one character, or written another way for the same fan', async () => {
    mock = newMock();
    const token = await mock.token();
    const [openid] = await mock.followers(token, 1);
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    for (const at of [1, 6, 15, 27]) expectWxError(await mock.post(PATHS.getUserTags, token, { openid: flip(openid!, at) }), 40003);
    expectWxError(await mock.post(PATHS.getUserTags, token, { openid: openid!.toLowerCase() }), 40003);
    expect((await mock.post(PATHS.getUserTags, token, { openid })).body.tagid_list).toBeInstanceOf(Array);
  });

  it('stops taking a follower the app no longer has once its fans are lowered', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 10 });
    const token = await mock.token(app.appid);
    const openids = await mock.followers(token, 10);
    expect((await mock.http.patch(`/__mock/apps/${app.appid}`).send({ fans: 5 })).status).toBe(200);
    expect((await mock.post(PATHS.getUserTags, token, { openid: openids[4] })).body.errcode).toBeUndefined();
    expectWxError(await mock.post(PATHS.getUserTags, token, { openid: openids[5] }), 40003);
  });
});

describe('tags', () => {
  it("lists WeChat's 星标组 and the default app's 测试组, and gives created tags ids from 101 on, never reused", async () => {
    mock = newMock();
    const token = await mock.token();
    expect((await mock.http.get(PATHS.getTags).query({ access_token: token })).body).toEqual({
      tags: [
        { id: 2, name: '星标组', count: 0 },
        { id: 100, name: '测试组', count: 1000 },
      ],
    });
    expect((await mock.post(PATHS.createTag, token, { tag: { name: '广东' } })).body).toEqual({ tag: { id: 101, name: '广东' } });
    expect((await mock.post(PATHS.deleteTag, token, { tag: { id: '101' } })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await mock.post(PATHS.createTag, token, { tag: { name: '广东' } })).body).toEqual({ tag: { id: 102, name: '广东' } });
    expect((await mock.post(PATHS.updateTag, token, { tag: { id: 102, name: '广东人' } })).body.errcode).toBe(0);
    const { tags } = (await mock.http.get(PATHS.getTags).query({ access_token: token })).body;
    expect(tags.map((tag: { id: number; name: string }) => `${tag.id} ${tag.name}`)).toEqual(['2 星标组', '100 测试组', '102 广东人']);
  });

  it('pages a tag of 25,000 fans in its own order: every fan once, as many as getTags counts', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 100_000, tags: [{ id: 100, name: 'quarter', count: 25_000 }] });
    const token = await mock.token(app.appid);
    const fans = await allTagFans(mock, token, 100);
    expect(fans).toHaveLength(25_000);
    expect(new Set(fans).size).toBe(25_000);
    expect(await tagCount(mock, token, 100)).toBe(25_000);
    // Not the first 25,000 followers: the tag's own seeded order.
    const firstFollowers = new Set(await mock.followers(token, 10_000));
    expect(fans.slice(0, 10_000).filter((openid) => firstFollowers.has(openid)).length).toBeLessThan(5_000);
  });

  it('keeps a tag, its pages, the tags of each fan, and a send to it in agreement after tagging and untagging', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 1000, tags: [{ id: 100, name: 'vip', count: 300 }] });
    const token = await mock.token(app.appid);
    const before = await allTagFans(mock, token, 100);
    const members = new Set(before);
    const outsiders = (await mock.followers(token, 1000)).filter((openid) => !members.has(openid));
    const tagged = outsiders.slice(0, 40);
    const untagged = before.slice(0, 25);
    expect((await mock.post(PATHS.batchTagging, token, { openid_list: [...tagged, before[100]], tagid: 100 })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.batchUntagging, token, { openid_list: [...untagged, outsiders[500]], tagid: 100 })).body.errcode).toBe(0);

    const after = await allTagFans(mock, token, 100);
    const expected = new Set([...before.filter((openid) => !untagged.includes(openid)), ...tagged]);
    expect(new Set(after)).toEqual(expected);
    expect(after).toHaveLength(300 - 25 + 40);
    expect(await tagCount(mock, token, 100)).toBe(315);
    for (const openid of [tagged[0], before[100]]) expect((await mock.post(PATHS.getUserTags, token, { openid })).body).toEqual({ tagid_list: [100] });
    for (const openid of [untagged[0], outsiders[500]]) expect((await mock.post(PATHS.getUserTags, token, { openid })).body).toEqual({ tagid_list: [] });

    // A send to the tag reaches those 315: its TotalCount, and its duration at 80 万 a minute.
    const sent = (await mock.post(PATHS.sendAll, token, { ...TEXT_TO_TAG, filter: { tag_id: 100 } })).body;
    const message = (await mock.http.get('/__mock/state').query({ appid: app.appid })).body.apps[0].messages.find((m: { msg_id: number }) => m.msg_id === sent.msg_id);
    expect(message.audience).toBe(315);
    expect(Date.parse(message.due_at) - Date.parse(message.created_at)).toBe(Math.ceil((315 * 60_000) / 800_000));
    // The control API's view shows the same count.
    expect((await mock.http.get('/__mock/state').query({ appid: app.appid })).body.apps[0].tags).toContainEqual({ id: 100, name: 'vip', count: 315 });
  });

  it('counts 星标组 from the count the control API gives it, and lists it among a fan\u2019s tags, highest id first', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 20, tags: [{ id: 2, name: '星标组', count: 20 }, { id: 105, name: 'all', count: 20 }] });
    const token = await mock.token(app.appid);
    expect(await tagCount(mock, token, 2)).toBe(20);
    const [openid] = await mock.followers(token, 1);
    expect((await mock.post(PATHS.getUserTags, token, { openid })).body).toEqual({ tagid_list: [105, 2] });
    expect(await allTagFans(mock, token, 2)).toHaveLength(20);
  });

  it('tags nobody when one fan of the batch carries 20 tags already', async () => {
    mock = newMock();
    const full = Array.from({ length: 19 }, (_, i) => ({ id: 100 + i, name: `t${i}`, count: 10 }));
    const app = await mock.createApp({ fans: 10, tags: [...full, { id: 120, name: 'twentieth', count: 0 }, { id: 121, name: 'too many', count: 0 }] });
    const token = await mock.token(app.appid);
    const [a, b] = await mock.followers(token, 2);
    expect((await mock.post(PATHS.batchTagging, token, { openid_list: [a], tagid: 120 })).body.errcode).toBe(0);
    expectWxError(await mock.post(PATHS.batchTagging, token, { openid_list: [b, a], tagid: 121 }), 45059);
    expect(await tagCount(mock, token, 121)).toBe(0);
    // Tagging a fan already carrying the tag changes nothing, so it is no newcomer to count.
    expect((await mock.post(PATHS.batchTagging, token, { openid_list: [a], tagid: 120 })).body.errcode).toBe(0);
  });

  it('forgets a deleted tag\u2019s tagging, and what tagging did once the control API sets fans or tags again', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: 100, tags: [{ id: 100, name: 'vip', count: 0 }] });
    const token = await mock.token(app.appid);
    const openids = await mock.followers(token, 3);
    const created = (await mock.post(PATHS.createTag, token, { tag: { name: 'new' } })).body.tag.id as number;
    for (const tagid of [100, created]) expect((await mock.post(PATHS.batchTagging, token, { openid_list: openids, tagid })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.deleteTag, token, { tag: { id: created } })).body.errcode).toBe(0);
    expect((await mock.post(PATHS.getUserTags, token, { openid: openids[0] })).body).toEqual({ tagid_list: [100] });
    expect((await mock.http.patch(`/__mock/apps/${app.appid}`).send({ fans: 100 })).status).toBe(200);
    expect(await tagCount(mock, token, 100)).toBe(0);
  });
});

describe('mass/send', () => {
  it("refuses a stranger's openid, and another app's follower, with 40003; takes the app's own followers", async () => {
    mock = newMock();
    const token = await mock.token();
    const [mine, alsoMine] = await mock.followers(token, 2);
    const other = await mock.createApp({ fans: 5 });
    const [theirs] = await mock.followers(await mock.token(other.appid), 1);
    const text = { msgtype: 'text', text: { content: 'hi' } };
    expectWxError(await mock.post(PATHS.massSend, token, { ...text, touser: [mine, STRANGER] }), 40003);
    expectWxError(await mock.post(PATHS.massSend, token, { ...text, touser: [mine, theirs] }), 40003);
    expectWxError(await mock.post(PATHS.massSend, token, { ...text, touser: [mine, 'no such openid!'] }), 40003);
    const sent = (await mock.post(PATHS.massSend, token, { ...text, touser: [mine, alsoMine, mine] })).body;
    expect(sent.errcode).toBe(0);
    const message = (await mock.http.get('/__mock/state').query({ appid: 'wx0000000000000001' })).body.apps[0].messages.find((m: { msg_id: number }) => m.msg_id === sent.msg_id);
    expect(message.audience).toBe(2);
  });
});

describe('at 10,000,000 fans', () => {
  const FANS = 10_000_000;

  /** The openid of fan `index`, as the app derives it: how a test reaches page 500 without walking 499. */
  function openidOf(m: TestMock, appid: string, index: number): string {
    return openidCodec(m.app.mock.sim.store.apps.get(appid)!).encode([index])[0]!;
  }

  it('answers the first, a middle and the last two pages of followers, then the end marker', async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: FANS });
    const token = await mock.token(app.appid);
    const page = async (next_openid?: string) => (await mock!.http.get(PATHS.getFollowers).query({ access_token: token, ...(next_openid ? { next_openid } : {}) })).body;
    const first = await page();
    expect(first).toMatchObject({ total: FANS, count: 10_000 });
    expect(first.data.openid[0]).toBe(openidOf(mock, app.appid, 0));
    expect(first.next_openid).toBe(openidOf(mock, app.appid, 9_999));
    const middle = await page(openidOf(mock, app.appid, 4_999_999));
    expect(middle).toMatchObject({ total: FANS, count: 10_000, next_openid: openidOf(mock, app.appid, 5_009_999) });
    expect(middle.data.openid[0]).toBe(openidOf(mock, app.appid, 5_000_000));
    const beforeLast = await page(openidOf(mock, app.appid, 9_979_999));
    expect(beforeLast).toMatchObject({ count: 10_000, next_openid: openidOf(mock, app.appid, 9_989_999) });
    const last = await page(beforeLast.next_openid);
    expect(last).toMatchObject({ count: 10_000, next_openid: openidOf(mock, app.appid, FANS - 1) });
    expect(new Set([...beforeLast.data.openid, ...last.data.openid]).size).toBe(20_000);
    expect(await page(last.next_openid)).toEqual({ total: FANS, count: 0, next_openid: '' });
  });

  it("answers the first, a middle and the last two pages of a tag every fan carries, then the end marker", async () => {
    mock = newMock();
    const app = await mock.createApp({ fans: FANS, tags: [{ id: 100, name: 'everyone', count: FANS }] });
    const token = await mock.token(app.appid);
    const order = tagOrder(mock.app.mock.sim.store.apps.get(app.appid)!, 100);
    const at = (position: number) => openidOf(mock!, app.appid, order.fanAt(position));
    const page = async (next_openid = '') => (await mock!.post(PATHS.getTagFans, token, { tagid: 100, next_openid })).body;
    const first = await page();
    expect(first).toMatchObject({ count: 10_000, next_openid: at(9_999) });
    expect(first.data.openid[0]).toBe(at(0));
    const middle = await page(at(4_999_999));
    expect(middle).toMatchObject({ count: 10_000, next_openid: at(5_009_999) });
    const beforeLast = await page(at(9_979_999));
    const last = await page(beforeLast.next_openid);
    expect(last).toMatchObject({ count: 10_000, next_openid: at(FANS - 1) });
    expect(await page(last.next_openid)).toEqual({ count: 0, next_openid: '' });
    expect(await tagCount(mock, token, 100)).toBe(FANS);
  });
});
