/**
 * Who an app's fans are and which tags they carry, derived rather than stored. Fan i (0 ≤ i < fans)
 * has the openid openid-codec.ts gives it; a tag's members are the first `count` fans of the tag's
 * seeded order (tag-order.ts), plus the fans tagging added, minus those it removed (App.taggings).
 * The counts getTags answers, the pages getTagFans walks, a send's TotalCount and its duration all
 * come from here, so they agree; and 10,000,000 fans cost what 10 do.
 */
import { openidCodec } from './openid-codec.js';
import { fail, ok, type Result } from './result.js';
import type { App, Store, Tag, TagMembers } from './store.js';
import { tagOrder } from './tag-order.js';

/** Openids a page of user/get or user/tag/get holds at most. */
export const PAGE_SIZE = 10_000;

const UNCHANGED: TagMembers = { added: new Set(), removed: new Set() };

function changesOf(app: App, tagId: number): TagMembers {
  return app.taggings.get(tagId) ?? UNCHANGED;
}

/** The fans a tag's count gives it: never more than the app has. */
function countedMembers(app: App, tag: Tag): number {
  return Math.min(tag.count, app.fans);
}

/** Whether fan `fan` is among the members the tag's count gives it (before tagging changed anything). */
export function isCounted(app: App, tag: Tag, fan: number): boolean {
  const counted = countedMembers(app, tag);
  return counted > 0 && tagOrder(app, tag.id).positionOf(fan) < counted;
}

/** The fans carrying `tag`: what getTags shows and a send to the tag reaches. */
export function memberCount(app: App, tag: Tag): number {
  const { added, removed } = changesOf(app, tag.id);
  return countedMembers(app, tag) - removed.size + added.size;
}

export function isMember(app: App, tag: Tag, fan: number): boolean {
  const { added, removed } = changesOf(app, tag.id);
  if (added.has(fan)) return true;
  return !removed.has(fan) && isCounted(app, tag, fan);
}

/** The ids of the tags fan `fan` carries, highest first (as the doc's example [134, 2]). */
export function tagsOfFan(app: App, fan: number): number[] {
  // A loop, not filter/map/sort: getUserTags asks this on every call, and a fan carries few tags.
  const ids: number[] = [];
  for (const tag of app.tags) if (isMember(app, tag, fan)) ids.push(tag.id);
  return ids.length > 1 ? ids.sort((a, b) => b - a) : ids;
}

/** Up to `limit` members of `tag` from `position` of its order on, in that order. */
export function membersFrom(app: App, tag: Tag, position: number, limit: number): number[] {
  const order = tagOrder(app, tag.id);
  const counted = countedMembers(app, tag);
  const { added, removed } = changesOf(app, tag.id);
  const found: number[] = [];
  for (let at = position; at < counted && found.length < limit; at++) {
    const fan = order.fanAt(at);
    if (!removed.has(fan)) found.push(fan);
  }
  if (found.length === limit || added.size === 0) return found;
  // Fans tagged on top stand past the count in the tag's order; there are only as many as tagging calls added.
  const extra = [...added].map((fan) => ({ fan, at: order.positionOf(fan) })).filter((entry) => entry.at >= position);
  extra.sort((a, b) => a.at - b.at);
  for (const { fan } of extra.slice(0, limit - found.length)) found.push(fan);
  return found;
}

/** Where a tag's pages resume after fan `fan`. */
export function positionAfter(app: App, tag: Tag, fan: number): number {
  return tagOrder(app, tag.id).positionOf(fan) + 1;
}

/** Whether another app of the mock issued `openid` (checked only for openids this app did not issue). */
function issuedElsewhere(store: Store, app: App, openid: string): boolean {
  for (const other of store.apps.values()) {
    if (other === app) continue;
    const codec = openidCodec(other);
    if (openid.startsWith(codec.head) && codec.decode([openid])[0] !== undefined) return true;
  }
  return false;
}

/**
 * The fan index of each openid, in order; else the first bad one's errcode: 40003 for one that is
 * no follower of `app`, `elsewhere` (49003 for the tag calls, 40003 for mass/send) for one another
 * app of the mock issued. Only those are looked up beyond `app`, so the common case is O(openids).
 */
export function fansOf(store: Store, app: App, openids: readonly unknown[], elsewhere: 40003 | 49003): Result<number[]> {
  const texts = openids.map((openid) => (typeof openid === 'string' ? openid : ''));
  const indices = openidCodec(app).decode(texts);
  const fans: number[] = [];
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (index !== undefined && index < app.fans) {
      fans.push(index);
      continue;
    }
    return fail(index === undefined && elsewhere === 49003 && issuedElsewhere(store, app, texts[i]!) ? 49003 : 40003);
  }
  return ok(fans);
}

/**
 * Where a page starts: the fan its `next_openid` names (absent, null or "" starts from the first),
 * or undefined for the first page.
 */
export function pageCursor(store: Store, app: App, nextOpenid: unknown): Result<number | undefined> {
  if (nextOpenid === undefined || nextOpenid === null || nextOpenid === '') return ok(undefined);
  const fan = fansOf(store, app, [nextOpenid], 49003);
  return fan.ok ? ok(fan.value[0]) : fan;
}

export interface OpenidPage {
  count: number;
  data?: { openid: string[] };
  next_openid: string;
}

/** A page as user/get and user/tag/get answer it; past the last one count 0, no data and next_openid "". */
export function openidPage(app: App, fans: readonly number[]): OpenidPage {
  if (fans.length === 0) return { count: 0, next_openid: '' };
  const openid = openidCodec(app).encode(fans);
  return { count: openid.length, data: { openid }, next_openid: openid.at(-1)! };
}
