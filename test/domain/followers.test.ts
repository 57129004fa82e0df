/** getFollowers (获取用户列表): every follower, 10,000 openids a page, in the same order every time. */
import { beforeEach, describe, expect, it } from 'vitest';
import { getFollowers } from '../../mock/domain/followers.js';
import type { Body } from '../../mock/domain/loose.js';
import type { App } from '../../mock/domain/store.js';
import { addApp, expectFail, expectOk, newSim, openids, type TestSim } from './simulator-fixtures.js';

let t: TestSim;
beforeEach(() => {
  t = newSim();
});

const followers = (app: App, query: Body = {}) => getFollowers(t.sim.ctx, app, query);

describe('getFollowers', () => {
  it('answers the followers in order, total the whole of them, next_openid the last of the page', () => {
    const app = addApp(t.sim, { fans: 3 });
    const all = openids(app, 3);
    expect(expectOk(followers(app))).toEqual({ total: 3, count: 3, data: { openid: all }, next_openid: all[2] });
    expect(expectOk(followers(app, { next_openid: '' }))).toEqual(expectOk(followers(app)));
  });

  it('goes on after the follower next_openid names; past the last, count 0, no data, next_openid ""', () => {
    const app = addApp(t.sim, { fans: 3 });
    const all = openids(app, 3);
    expect(expectOk(followers(app, { next_openid: all[0] }))).toEqual({ total: 3, count: 2, data: { openid: all.slice(1) }, next_openid: all[2] });
    expect(expectOk(followers(app, { next_openid: all[2] }))).toEqual({ total: 3, count: 0, next_openid: '' });
  });

  it('holds 10,000 openids a page', () => {
    const app = addApp(t.sim, { fans: 12_345 });
    const first = expectOk(followers(app));
    expect(first).toMatchObject({ total: 12_345, count: 10_000, next_openid: openids(app, 10_000)[9_999] });
    const second = expectOk(followers(app, { next_openid: first.next_openid }));
    expect(second).toMatchObject({ total: 12_345, count: 2_345, next_openid: openids(app, 12_345)[12_344] });
    expect(second.data!.openid[0]).toBe(openids(app, 10_001)[10_000]);
  });

  it('answers an app without followers an empty page', () => {
    expect(expectOk(followers(addApp(t.sim, { fans: 0 })))).toEqual({ total: 0, count: 0, next_openid: '' });
  });

  it("answers 40003 for a next_openid that is no follower, 49003 for another app's", () => {
    const app = addApp(t.sim, { fans: 3 });
    const other = addApp(t.sim, { fans: 3 });
    expectFail(followers(app, { next_openid: 'stranger' }), 40003);
    expectFail(followers(app, { next_openid: openids(other, 1)[0] }), 49003);
  });
});
