/**
 * The four counts of a MASSSENDJOBFINISH event (wechat-facts §3.2): TotalCount is the audience,
 * FilterCount a little less (WeChat drops refusals and users already at their monthly 4), and
 * SentCount + ErrorCount = FilterCount ("原则上 FilterCount ≈ SentCount + ErrorCount"; the mock keeps
 * it exact so tests can assert it). Randomness is injected so a seed gives the same counts.
 */
import type { JobFinishStatus } from './job-finish-xml.js';

export interface EventCounts {
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
}

/** Up to 2 % of the audience is filtered out. */
const MAX_FILTERED = 0.02;
/** Even "send success" has a few failures (refusals, system errors): up to 0.1 % of those sent to. */
const MAX_ERRORS = 0.001;

/** `int(min, max)` is inclusive at both ends, like Random.int. */
export function eventCounts(
  audience: number,
  status: JobFinishStatus,
  int: (min: number, max: number) => number,
): EventCounts {
  if (!Number.isSafeInteger(audience) || audience < 0) {
    throw new RangeError(`audience must be a non-negative integer, got ${audience}`);
  }
  const filterCount = audience - int(0, Math.floor(audience * MAX_FILTERED));
  // Drawn whatever the status, so the generator advances the same way on success and on failure.
  const errors = int(0, Math.floor(filterCount * MAX_ERRORS));
  // A failed job delivered nothing: everyone it meant to reach counts as an error.
  if (status !== 'send success') return { totalCount: audience, filterCount, sentCount: 0, errorCount: filterCount };
  return { totalCount: audience, filterCount, sentCount: filterCount - errors, errorCount: errors };
}
