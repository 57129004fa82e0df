import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MsgIdIndex } from '../../mock/domain/msg-id-index.js';
import { bytesHeld } from './fixtures.js';

/** The ids by row, as the table's msg_id column holds them. */
function indexOver(ids: number[]): MsgIdIndex {
  return new MsgIdIndex({ get: (row) => ids[row]! });
}

/** An index over `ids` holding each at its row. */
function indexing(ids: number[]): MsgIdIndex {
  const index = indexOver(ids);
  ids.forEach((id, row) => index.add(id, row));
  return index;
}

describe('MsgIdIndex', () => {
  it('finds each id at the row it was added with, and -1 for an id it does not hold', () => {
    const ids = [3_147_000_010, 3_147_000_011, 5, 2 ** 40 + 3];
    const index = indexing(ids);
    expect(ids.map((id) => index.rowOf(id))).toEqual([0, 1, 2, 3]);
    expect(index.size).toBe(4);
    expect(index.rowOf(3_147_000_012)).toBe(-1);
    expect(index.rowOf(3)).toBe(-1);
  });

  it('grows past its first slots, keeping every id', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => 3_147_000_000 + i * 7);
    const index = indexing(ids);
    expect(index.size).toBe(100_000);
    expect(ids.every((id, row) => index.rowOf(id) === row)).toBe(true);
    expect(index.rowOf(3_147_000_001)).toBe(-1);
  });

  it('deletes an id, leaving the others found, and answers false for one it does not hold', () => {
    const ids = Array.from({ length: 50 }, (_, i) => 1000 + i);
    const index = indexing(ids);
    expect(index.delete(1010)).toBe(true);
    expect(index.delete(1010)).toBe(false);
    expect(index.delete(7)).toBe(false);
    expect(index.rowOf(1010)).toBe(-1);
    expect(index.size).toBe(49);
    expect(ids.filter((id) => id !== 1010).every((id) => index.rowOf(id) === id - 1000)).toBe(true);
  });

  // In the first 16 slots 13 and 34 both hash to slot 0, 5 to slot 1, and 8 and 21 to slot 15.
  it('finds an id that probed past the one deleted, which moves back into its place', () => {
    const ids = [13, 34];
    const index = indexing(ids);
    expect(index.delete(13)).toBe(true);
    expect(index.rowOf(34)).toBe(1);
    expect(index.rowOf(13)).toBe(-1);
  });

  it('finds every id once the first of a cluster goes, the second of it sitting at its own home', () => {
    const ids = [13, 5, 34];
    const index = indexing(ids);
    expect(index.delete(13)).toBe(true);
    expect([index.rowOf(5), index.rowOf(34), index.rowOf(13)]).toEqual([1, 2, -1]);
    expect(index.delete(34)).toBe(true);
    expect([index.rowOf(5), index.rowOf(34)]).toEqual([1, -1]);
  });

  it('finds an id that wrapped past the last slot once the one before it goes', () => {
    const ids = [8, 21];
    const index = indexing(ids);
    expect(index.delete(8)).toBe(true);
    expect(index.rowOf(21)).toBe(1);
  });

  it('keeps at most half its slots taken, growing by doubling from 16', () => {
    const ids = Array.from({ length: 17 }, (_, i) => 3_147_000_000 + i);
    const index = indexOver(ids);
    /** A 4-byte row number a slot. */
    const slots = () => bytesHeld(index) / 4;
    expect(slots()).toBe(16);
    ids.slice(0, 8).forEach((id, row) => index.add(id, row));
    expect(slots()).toBe(16);
    index.add(ids[8]!, 8);
    expect(slots()).toBe(32);
    ids.slice(9).forEach((id, i) => index.add(id, 9 + i));
    expect(slots()).toBe(64);
    expect(ids.every((id, row) => index.rowOf(id) === row)).toBe(true);
    index.clear();
    expect(slots()).toBe(16);
  });

  it('forgets everything on clear, and takes ids again after', () => {
    const ids = [1, 2, 3];
    const index = indexing(ids);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.rowOf(2)).toBe(-1);
    index.add(2, 1);
    expect(index.rowOf(2)).toBe(1);
  });

  it('answers as a Map does, whatever the adds and deletes (clustered ids, so probes run long)', () => {
    const step = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 300 }) }), fc.record({ del: fc.integer({ min: 0, max: 300 }) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 600 }), (steps) => {
        const ids: number[] = [];
        const index = indexOver(ids);
        const model = new Map<number, number>();
        for (const s of steps) {
          if ('add' in s) {
            // A multiple of 64: ids that share their low bits, as sequential ids with steps do.
            const id = 3_147_000_000 + s.add * 64;
            if (model.has(id)) continue;
            ids.push(id);
            index.add(id, ids.length - 1);
            model.set(id, ids.length - 1);
          } else {
            const id = 3_147_000_000 + s.del * 64;
            expect(index.delete(id)).toBe(model.delete(id));
          }
          expect(index.size).toBe(model.size);
        }
        for (let k = 0; k <= 300; k++) {
          const id = 3_147_000_000 + k * 64;
          expect(index.rowOf(id)).toBe(model.get(id) ?? -1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
