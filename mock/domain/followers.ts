/** getFollowers (获取用户列表): the app's followers, 10,000 openids a page, always in the same order. */
import type { components } from '../../contracts/generated/openapi.js';
import { openidPage, pageCursor, PAGE_SIZE } from './audience.js';
import type { DomainContext } from './domain-context.js';
import { field, type Body } from './loose.js';
import { ok, type Result } from './result.js';
import type { App } from './store.js';

/** The page after the follower next_openid names; past the last, count 0, no data, next_openid "". */
export function getFollowers(ctx: DomainContext, app: App, query: Body): Result<components['schemas']['FollowersSuccess']> {
  const cursor = pageCursor(ctx.store, app, field(query, 'next_openid'));
  if (!cursor.ok) return cursor;
  const from = cursor.value === undefined ? 0 : cursor.value + 1;
  const count = Math.max(0, Math.min(PAGE_SIZE, app.fans - from));
  return ok({ total: app.fans, ...openidPage(app, Array.from({ length: count }, (_, i) => from + i)) });
}
