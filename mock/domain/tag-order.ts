/**
 * A tag's seeded order of the app's fans: a keyed permutation of 0..fans-1 that can be walked both
 * ways in O(1), so a tag's members (the first `count` fans of its order, audience.ts) need no list,
 * and whether a fan is one needs no search. A four-round Feistel network over the smallest even
 * number of bits that holds the fans, cycle-walked back into range (under four steps on average).
 */
import { createHash } from 'node:crypto';
import type { App } from './store.js';

export interface TagOrder {
  /** The fan at `position` of the tag's order. */
  fanAt(position: number): number;
  /** Where fan `index` stands in the tag's order. */
  positionOf(index: number): number;
}

const ROUNDS = 4;

/** A 32-bit mix of `value` under `key` (murmur3's finaliser). */
function mix(value: number, key: number): number {
  let h = Math.imul(value ^ key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Half the bits the Feistel network works on: 2^(2·half) ≥ n. */
function halfBits(n: number): number {
  let half = 1;
  while (2 ** (2 * half) < n) half++;
  return half;
}

function roundKeys(app: App, tagId: number): number[] {
  const digest = createHash('sha256').update(`wechat-mass-mock tag order\0${app.appid}\0${app.original_id}\0${tagId}`).digest();
  return Array.from({ length: ROUNDS }, (_, round) => digest.readUInt32BE(round * 4));
}

const orders = new WeakMap<App, Map<number, { fans: number; order: TagOrder }>>();

/** The order of tag `tagId` over the app's fans now; made once per tag and fan count. */
export function tagOrder(app: App, tagId: number): TagOrder {
  let byTag = orders.get(app);
  if (!byTag) orders.set(app, (byTag = new Map()));
  const cached = byTag.get(tagId);
  if (cached && cached.fans === app.fans) return cached.order;
  const order = createOrder(app, tagId);
  byTag.set(tagId, { fans: app.fans, order });
  return order;
}

function createOrder(app: App, tagId: number): TagOrder {
  const n = app.fans;
  if (n <= 1) return { fanAt: (position) => position, positionOf: (index) => index };
  const size = 2 ** halfBits(n);
  const mask = size - 1;
  const keys = roundKeys(app, tagId);
  const forward = (x: number) => {
    let left = Math.floor(x / size);
    let right = x % size;
    for (let round = 0; round < ROUNDS; round++) [left, right] = [right, left ^ (mix(right, keys[round]!) & mask)];
    return left * size + right;
  };
  const backward = (y: number) => {
    let left = Math.floor(y / size);
    let right = y % size;
    for (let round = ROUNDS - 1; round >= 0; round--) [left, right] = [right ^ (mix(left, keys[round]!) & mask), left];
    return left * size + right;
  };
  // Cycle walking: stepping again until back in 0..n-1 keeps it a permutation of that range.
  const walk = (step: (x: number) => number) => (x: number) => {
    let y = step(x);
    while (y >= n) y = step(y);
    return y;
  };
  return { fanAt: walk(forward), positionOf: walk(backward) };
}
