/**
 * The user-tag rules (用户标签管理): list, create, rename and delete tags; tag and untag up to 50 fans
 * at a time; the tags one fan carries; a tag's fans page by page. Membership comes from audience.ts;
 * a tagging call records the fans it changed, nothing more.
 */
import type { components } from '../../contracts/generated/openapi.js';
import { applyTagging, type TaggingOp } from './apply-tagging.js';
import { fansOf, isMember, memberCount, membersFrom, openidPage, pageCursor, PAGE_SIZE, positionAfter, tagsOfFan } from './audience.js';
import type { DomainContext } from './domain-context.js';
import { field, isObject, looseInteger, type Body } from './loose.js';
import { fail, ok, type Result } from './result.js';
import type { App, Tag } from './store.js';
import { isWechatTagId, MAX_CREATED_TAGS, STAR_TAG_ID, tagNameErrcode } from './tag-settings.js';

type Schemas = components['schemas'];

/** Openids one batchtagging or batchuntagging call takes: "粉丝openid列表，最多50个". */
const MAX_BATCH_OPENIDS = 50;
/** Tags one fan may carry: "标签功能目前支持公众号为用户打上最多20个标签". */
const MAX_TAGS_PER_FAN = 20;
/** A tag with more fans than this cannot be deleted: "该标签下粉丝数超过10w，不允许直接删除". */
const MAX_DELETABLE_FANS = 100_000;

const OK = { errcode: 0, errmsg: 'ok' } as const;

/** The tag `value` names (a number or a numeric string), if the app has it; ids 0 and 1 it never has. */
function knownTag(app: App, value: unknown): Tag | undefined {
  const id = looseInteger(value);
  return id === undefined ? undefined : app.tags.find((tag) => tag.id === id);
}

export function getTags(app: App): Schemas['GetTagsSuccess'] {
  return { tags: app.tags.map((tag) => ({ id: tag.id, name: tag.name, count: memberCount(app, tag) })) };
}

export function createTag(ctx: DomainContext, app: App, body: Body): Result<Schemas['CreateTagSuccess']> {
  const given = field(body, 'tag');
  if (!isObject(given)) return fail(47001);
  const name = field(given, 'name');
  const nameErrcode = tagNameErrcode(app.tags, name);
  if (nameErrcode) return fail(nameErrcode);
  if (app.tags.filter((tag) => tag.id !== STAR_TAG_ID).length >= MAX_CREATED_TAGS) return fail(45056);
  const recorded = ctx.changes.app(app);
  const tag: Tag = { id: app.next_tag_id, name: name as string, count: 0 };
  recorded.tags = [...app.tags, tag];
  recorded.next_tag_id = tag.id + 1;
  return ok({ tag: { id: tag.id, name: tag.name } });
}

/** The tag an update or a delete names: 45058 for WeChat's own (0, 1, 2), 45159 for one the app does not have. */
function ownTag(app: App, body: Body): Result<{ tag: Tag; given: Body }> {
  const given = field(body, 'tag');
  if (!isObject(given)) return fail(47001);
  const id = looseInteger(field(given, 'id'));
  if (id !== undefined && isWechatTagId(id)) return fail(45058);
  const tag = knownTag(app, id);
  return tag ? ok({ tag, given }) : fail(45159);
}

export function updateTag(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const named = ownTag(app, body);
  if (!named.ok) return named;
  const { tag, given } = named.value;
  const name = field(given, 'name');
  const nameErrcode = tagNameErrcode(app.tags, name, tag.id);
  if (nameErrcode) return fail(nameErrcode);
  ctx.changes.app(app).tags = app.tags.map((each) => (each === tag ? { ...each, name: name as string } : each));
  return ok(OK);
}

export function deleteTag(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const named = ownTag(app, body);
  if (!named.ok) return named;
  const { tag } = named.value;
  if (memberCount(app, tag) > MAX_DELETABLE_FANS) return fail(45057);
  if (app.taggings.has(tag.id)) ctx.changes.tagging(app, { tagid: tag.id, op: 'clear', fans: [] }, () => applyTagging(app, tag.id, 'clear', []));
  ctx.changes.app(app).tags = app.tags.filter((each) => each !== tag);
  return ok(OK);
}

/** What a batch call names: 1 to 50 openids (40032), each a follower (40003, 49003), of a tag the app has (45159). */
function batch(ctx: DomainContext, app: App, body: Body): Result<{ tag: Tag; fans: number[] }> {
  const list = field(body, 'openid_list');
  if (!Array.isArray(list)) return fail(47001);
  if (list.length === 0 || list.length > MAX_BATCH_OPENIDS) return fail(40032);
  const tag = knownTag(app, field(body, 'tagid'));
  if (!tag) return fail(45159);
  const fans = fansOf(ctx.store, app, list, 49003);
  return fans.ok ? ok({ tag, fans: [...new Set(fans.value)] }) : fans;
}

function record(ctx: DomainContext, app: App, tag: Tag, op: TaggingOp, fans: number[]): void {
  if (fans.length > 0) ctx.changes.tagging(app, { tagid: tag.id, op, fans }, () => applyTagging(app, tag.id, op, fans));
}

/** Tags nobody when one newcomer carries 20 tags already (45059), as the doc's "有粉丝身上的标签数已经超过限制". */
export function batchTagging(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const named = batch(ctx, app, body);
  if (!named.ok) return named;
  const { tag, fans } = named.value;
  const newcomers = fans.filter((fan) => !isMember(app, tag, fan));
  if (newcomers.some((fan) => tagsOfFan(app, fan).length >= MAX_TAGS_PER_FAN)) return fail(45059);
  record(ctx, app, tag, 'tag', newcomers);
  return ok(OK);
}

export function batchUntagging(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  const named = batch(ctx, app, body);
  if (!named.ok) return named;
  const { tag, fans } = named.value;
  record(ctx, app, tag, 'untag', fans.filter((fan) => isMember(app, tag, fan)));
  return ok(OK);
}

export function getUserTags(ctx: DomainContext, app: App, body: Body): Result<Schemas['UserTagsSuccess']> {
  const fan = fansOf(ctx.store, app, [field(body, 'openid')], 49003);
  return fan.ok ? ok({ tagid_list: tagsOfFan(app, fan.value[0]!) }) : fan;
}

/** A page of a tag's fans, in the tag's order, from just after the fan next_openid names. */
export function getTagFans(ctx: DomainContext, app: App, body: Body): Result<Schemas['TagFansSuccess']> {
  const tag = knownTag(app, field(body, 'tagid'));
  if (!tag) return fail(45159);
  const cursor = pageCursor(ctx.store, app, field(body, 'next_openid'));
  if (!cursor.ok) return cursor;
  const from = cursor.value === undefined ? 0 : positionAfter(app, tag, cursor.value);
  return ok(openidPage(app, membersFrom(app, tag, from, PAGE_SIZE)));
}
