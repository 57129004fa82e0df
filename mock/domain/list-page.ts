/** The page WeChat's list calls (draft/batchget, material/batchget_material) answer: offset and count. */
import { field, looseInteger, type Body } from './loose.js';
import { fail, ok, type Result } from './result.js';

/** The most items a page holds (both docs: "取值在1到20之间"). */
const MAX_PAGE = 20;

export interface Page {
  readonly offset: number;
  readonly count: number;
}

/** offset (0 when absent) and count (1 to 20), as numbers or numeric strings; anything else is 40035. */
export function readPage(body: Body): Result<Page> {
  const rawOffset = field(body, 'offset');
  const offset = rawOffset === undefined || rawOffset === null ? 0 : looseInteger(rawOffset);
  const count = looseInteger(field(body, 'count'));
  if (offset === undefined || count === undefined || count < 1 || count > MAX_PAGE) return fail(40035);
  return ok({ offset, count });
}

/**
 * `items` newest first by `time`, one page of them; items of the same time come latest added first,
 * since app time never moves back and the store keeps them in the order they were added.
 */
export function newestPage<T>(items: Iterable<T>, time: (item: T) => number, page: Page): T[] {
  const newest = [...items].reverse().sort((a, b) => time(b) - time(a));
  return newest.slice(page.offset, page.offset + page.count);
}
