/**
 * The rules on an account's tags, shared by createTag and updateTag (as errcodes) and by the apps a
 * user sets up (POST /__mock/apps, PATCH, --config; as messages): ids 0, 1 and 2 are WeChat's own,
 * 2 being 星标组, always present, whose count a user may set; created tags have ids from 100, names
 * of 1 to 30 bytes used once, and there are at most 100 of them.
 */
import { FIRST_CREATED_TAG_ID, type Tag } from './store.js';

export const STAR_TAG_ID = 2;
const STAR_TAG_NAME = '星标组';
/** Tags an account may create (45056 past it). */
export const MAX_CREATED_TAGS = 100;
/** Bytes of UTF-8 a tag name may take (45158 past it): "标签名长度超过30个字节". */
const TAG_NAME_MAX_BYTES = 30;

/** 0 (untagged), 1 (blacklist) and 2 (星标组): no call may create, rename or delete them. */
export function isWechatTagId(id: number): boolean {
  return id <= STAR_TAG_ID;
}

/** 45157 for a name that is empty or that another tag has, 45158 for one over 30 bytes; undefined when fine. */
export function tagNameErrcode(tags: readonly Tag[], name: unknown, ownId?: number): 45157 | 45158 | undefined {
  if (typeof name !== 'string' || name === '') return 45157;
  if (Buffer.byteLength(name, 'utf8') > TAG_NAME_MAX_BYTES) return 45158;
  return tags.some((tag) => tag.name === name && tag.id !== ownId) ? 45157 : undefined;
}

/** What is wrong with tags a user sets an app up with, as one sentence; undefined when fine. */
export function tagSettingsProblem(tags: readonly Tag[]): string | undefined {
  const seen: Tag[] = [{ id: STAR_TAG_ID, name: STAR_TAG_NAME, count: 0 }];
  for (const tag of tags) {
    if (tag.id === STAR_TAG_ID) {
      if (tag.name !== STAR_TAG_NAME) return `tag 2 is WeChat's own "${STAR_TAG_NAME}": give it that name (only its count can be set)`;
      continue;
    }
    if (tag.id < FIRST_CREATED_TAG_ID) return `tag id ${tag.id} is not available: ids 0 to 2 are WeChat's own, created tags have ids from ${FIRST_CREATED_TAG_ID}`;
    if (seen.some((other) => other.id === tag.id)) return `tag id ${tag.id} appears twice`;
    const nameErrcode = tagNameErrcode(seen, tag.name);
    if (nameErrcode === 45158) return `tag ${tag.id}'s name is over ${TAG_NAME_MAX_BYTES} bytes of UTF-8, which WeChat refuses (45158)`;
    if (nameErrcode === 45157) return `tag name "${tag.name}" is used twice (tag ${tag.id}); WeChat refuses that (45157)`;
    seen.push(tag);
  }
  if (seen.length - 1 > MAX_CREATED_TAGS) return `an account holds at most ${MAX_CREATED_TAGS} tags of its own (45056); got ${seen.length - 1}`;
  return undefined;
}

/** The tags as an app holds them: 星标组 first (count 0 unless given), then the created ones by id. */
export function withStarTag(tags: readonly Tag[]): Tag[] {
  const star = tags.find((tag) => tag.id === STAR_TAG_ID);
  const created = tags.filter((tag) => tag.id !== STAR_TAG_ID).sort((a, b) => a.id - b.id);
  return [{ id: STAR_TAG_ID, name: STAR_TAG_NAME, count: star?.count ?? 0 }, ...created.map((tag) => ({ ...tag }))];
}

/** The first start-up app (createApp's apps, --config) whose tags break the rules, as a sentence; undefined when none. */
export function startupTagsProblem(apps: readonly { appid?: string | undefined; tags?: readonly Tag[] | undefined }[]): string | undefined {
  for (const app of apps) {
    const problem = app.tags && tagSettingsProblem(app.tags);
    if (problem) return `app ${app.appid ?? '(no appid)'}: ${problem}`;
  }
  return undefined;
}
