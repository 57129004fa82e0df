/**
 * msg_ids and msg_data_ids as real answers show them (3147483661, 3147494276, 3162228393;
 * 2247483803, 2455891298): between 2^31 and 2^32, so code that keeps them in a uint32 or sorts them
 * works on the mock as in production; increasing, so unique across the whole mock; the steps drawn
 * from the seeded generator, so deterministic under the seed.
 */
import type { Random } from './random.js';

const UINT32_MAX = 2 ** 32 - 1;
/** Where each sequence starts, give or take the seeded draw: near the real ids above. */
const MSG_ID_START = 3_147_000_000;
const DATA_ID_START = 2_247_000_000;
const START_SPREAD = 10_000_000;
/** Real ids are not consecutive: other accounts' sends come between. */
const MAX_STEP = 16;

export interface IdSequences {
  /** The last msg_id and msg_data_id handed out. */
  msg: number;
  data: number;
}

export function startIdSequences(random: Random): IdSequences {
  return { msg: MSG_ID_START + random.int(0, START_SPREAD), data: DATA_ID_START + random.int(0, START_SPREAD) };
}

function step(last: number, random: Random): number {
  const next = last + random.int(1, MAX_STEP);
  // At 8.5 a send on average, 2^32 is over a hundred million sends away.
  if (next > UINT32_MAX) throw new Error('msg_id sequence exhausted: more than 100,000,000 sends in one mock');
  return next;
}

export function nextMsgId(ids: IdSequences, random: Random): number {
  ids.msg = step(ids.msg, random);
  return ids.msg;
}

export function nextDataId(ids: IdSequences, random: Random): number {
  ids.data = step(ids.data, random);
  return ids.data;
}

/** After a restore: the sequences continue past every id the state holds. */
export function continueAfter(ids: IdSequences, held: Iterable<{ msg_id: number; msg_data_id: number | undefined }>): void {
  for (const { msg_id, msg_data_id } of held) {
    ids.msg = Math.max(ids.msg, msg_id);
    if (msg_data_id !== undefined) ids.data = Math.max(ids.data, msg_data_id);
  }
}
