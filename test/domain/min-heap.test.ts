import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../mock/domain/min-heap.js';
import { bytesHeld } from './fixtures.js';

type Entry = { key: number; seq: number };
const byKeyThenSeq = (a: Entry, b: Entry) => a.key - b.key || a.seq - b.seq;
/** An item unique to its key and seq. */
const name = (entry: Entry) => entry.key * 2 ** 32 + entry.seq;

describe('MinHeap', () => {
  it('pops by key then seq, and takes exactly the entries up to a limit, whatever the order of pushes, pops and takes', () => {
    const entry = fc.record({ key: fc.integer({ min: 0, max: 20 }), seq: fc.nat() });
    const step = fc.oneof(entry, fc.constant('pop' as const), fc.record({ limit: fc.integer({ min: -1, max: 21 }) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const heap = new MinHeap();
        let model: Entry[] = [];
        for (const s of steps) {
          if (s === 'pop') {
            model.sort(byKeyThenSeq);
            const expected = model.shift();
            expect(heap.peek()).toBe(expected && name(expected));
            expect(heap.pop()).toBe(expected && name(expected));
          } else if ('limit' in s) {
            const taken: string[] = [];
            heap.takeUpTo(s.limit, (item, seq) => taken.push(`${item}|${seq}`));
            const expected = model.filter((e) => e.key <= s.limit);
            model = model.filter((e) => e.key > s.limit);
            expect(taken.sort()).toEqual(expected.map((e) => `${name(e)}|${e.seq}`).sort());
          } else {
            heap.push(s.key, s.seq, name(s));
            model.push(s);
          }
          expect(heap.size).toBe(model.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers nothing for peek and pop when empty, and stays empty', () => {
    const heap = new MinHeap();
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
    expect(heap.size).toBe(0);
    heap.takeUpTo(Number.MAX_SAFE_INTEGER, () => expect.unreachable());
    expect(heap.size).toBe(0);
  });

  it('orders equal keys by seq, whatever order they came in', () => {
    const heap = new MinHeap();
    for (const seq of [5, 1, 4, 2, 3, 0]) heap.push(7, seq, 1000 + seq);
    heap.push(6, 9, 1);
    expect(Array.from({ length: 7 }, () => heap.pop())).toEqual([1, 1000, 1001, 1002, 1003, 1004, 1005]);
  });

  it('pops one entry at a time, peeking at the next smallest', () => {
    const heap = new MinHeap();
    heap.push(3, 0, 30);
    heap.push(1, 1, 10);
    heap.push(2, 2, 20);
    expect(heap.peek()).toBe(10);
    expect(heap.pop()).toBe(10);
    expect(heap.size).toBe(2);
    expect(heap.peek()).toBe(20);
    expect(heap.pop()).toBe(20);
    expect(heap.pop()).toBe(30);
    expect(heap.size).toBe(0);
  });

  it('takes nothing below its smallest key, leaving the heap as it was', () => {
    const heap = new MinHeap();
    heap.push(5, 0, 50);
    heap.push(9, 1, 90);
    heap.takeUpTo(4, () => expect.unreachable());
    expect(heap.size).toBe(2);
    expect(heap.pop()).toBe(50);
  });

  it('takes a key equal to the limit', () => {
    const heap = new MinHeap();
    heap.push(5, 0, 50);
    heap.push(6, 1, 60);
    const taken: number[] = [];
    heap.takeUpTo(5, (item) => taken.push(item));
    expect(taken).toEqual([50]);
    expect(heap.size).toBe(1);
  });

  it('takes a few entries smallest first, passing each its seq', () => {
    const heap = new MinHeap();
    // Stored as [1, 3, 2, …]: smallest-first order differs from storage order.
    heap.push(1, 10, 1001);
    heap.push(3, 11, 1003);
    heap.push(2, 12, 1002);
    for (let i = 0; i < 13; i++) heap.push(100 + i, 20 + i, 2000 + i);
    const taken: string[] = [];
    heap.takeUpTo(3, (item, seq) => taken.push(`${item}|${seq}`));
    expect(taken).toEqual(['1001|10', '1002|12', '1003|11']);
    expect(heap.size).toBe(13);
    expect(heap.pop()).toBe(2000);
  });

  it('takes most entries in one pass and leaves a heap that still pops in order', () => {
    const heap = new MinHeap();
    const keys = [50, 3, 41, 8, 29, 17, 36, 1, 44, 12, 25, 33, 6, 48, 20, 39, 10, 31, 2, 46];
    keys.forEach((key, seq) => heap.push(key, seq, key));
    const taken: number[] = [];
    heap.takeUpTo(40, (item) => taken.push(item));
    expect(taken.sort((a, b) => a - b)).toEqual(keys.filter((k) => k <= 40).sort((a, b) => a - b));
    expect(heap.size).toBe(5);
    expect(Array.from({ length: 5 }, () => heap.pop())).toEqual([41, 44, 46, 48, 50]);
    expect(heap.size).toBe(0);
  });

  it('takes all but one entry in one pass, keeping the one left as the smallest', () => {
    const heap = new MinHeap();
    for (let key = 1; key <= 8; key++) heap.push(key, key, key);
    heap.takeUpTo(7, () => {});
    expect(heap.size).toBe(1);
    expect(heap.peek()).toBe(8);
    expect(heap.pop()).toBe(8);
    expect(heap.size).toBe(0);
  });

  it('takes everything when every key is within the limit', () => {
    const heap = new MinHeap();
    for (let key = 8; key >= 1; key--) heap.push(key, key, key);
    const taken: number[] = [];
    heap.takeUpTo(8, (item) => taken.push(item));
    expect(taken.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
  });

  it('takes many entries in one pass over its storage, not smallest first', () => {
    const heap = new MinHeap();
    // Pushing 3, 2, 1 stores [1, 3, 2]: taking all three is many for a heap of three.
    for (const key of [3, 2, 1]) heap.push(key, key, key);
    const taken: number[] = [];
    heap.takeUpTo(3, (item) => taken.push(item));
    expect(taken).toEqual([1, 3, 2]);
    expect(heap.size).toBe(0);
  });

  it('takes many entries in storage order and keeps the rest in heap order', () => {
    // Each of these pushes lands where it is pushed: stored as [1, 30, 2, 31, 32, 10, 3].
    const build = () => {
      const heap = new MinHeap();
      [1, 30, 2, 31, 32, 10, 3].forEach((key, seq) => heap.push(key, seq, key));
      return heap;
    };
    const heap = build();
    const taken: number[] = [];
    heap.takeUpTo(10, (item) => taken.push(item));
    expect(taken).toEqual([1, 2, 10, 3]);
    expect(Array.from({ length: 3 }, () => heap.pop())).toEqual([30, 31, 32]);
    // Left in storage order the rest would be [30, 31, 32, 10]: the rebuild must sift down to the root.
    const rest = build();
    rest.takeUpTo(3, () => {});
    expect(rest.peek()).toBe(10);
    expect(Array.from({ length: 4 }, () => rest.pop())).toEqual([10, 30, 31, 32]);
  });

  // Taking many entries moves those kept to the front: the slots past them still hold entries taken.
  it('rebuilds from the entries kept only, never from the slots past them', () => {
    // Stored as [1, 30, 2, 31]: kept [30, 31], and the slot after them still holds 2.
    const pair = new MinHeap();
    [1, 30, 2, 31].forEach((key, seq) => pair.push(key, seq, key));
    pair.takeUpTo(2, () => {});
    expect(Array.from({ length: 3 }, () => pair.pop())).toEqual([30, 31, undefined]);
    // Stored as [1, 2, 3, 4, 50, 40, 60]: kept [50, 40, 60], and the slot after them still holds 4.
    const three = new MinHeap();
    [1, 2, 3, 4, 50, 40, 60].forEach((key, seq) => three.push(key, seq, key));
    three.takeUpTo(4, () => {});
    expect(Array.from({ length: 4 }, () => three.pop())).toEqual([40, 50, 60, undefined]);
  });

  describe('memory', () => {
    /** Three 8-byte numbers an entry. */
    const slots = (heap: MinHeap) => bytesHeld(heap) / 24;

    it('doubles its room as it fills, from 16 entries', () => {
      const heap = new MinHeap();
      heap.push(1, 0, 1);
      expect(slots(heap)).toBe(16);
      for (let seq = 1; seq < 1000; seq++) heap.push(seq, seq, seq);
      expect(slots(heap)).toBe(1024);
    });

    it('gives back half its room once three quarters of it stand empty, down to 16 entries, keeping the entries', () => {
      const heap = new MinHeap();
      for (let seq = 0; seq < 1000; seq++) heap.push(seq, seq, seq);
      const popped: number[] = [];
      /** The slots kept once popped down to `size` entries. */
      const roomAt = (size: number) => {
        while (heap.size > size) popped.push(heap.pop()!);
        return slots(heap);
      };
      // [entries left, slots kept]: once at most a quarter is in use, room for twice the entries left, 16 at least.
      const steps = [[257, 1024], [256, 512], [129, 512], [128, 256], [16, 32], [8, 16], [0, 16]] as const;
      expect(steps.map(([size]) => roomAt(size))).toEqual(steps.map(([, room]) => room));
      expect(popped).toEqual(Array.from({ length: 1000 }, (_, seq) => seq));
    });

    it('keeps room for twice the entries a take leaves, once three quarters stand empty', () => {
      const heap = new MinHeap();
      for (let seq = 0; seq < 1000; seq++) heap.push(seq, seq, seq);
      heap.takeUpTo(899, () => {});
      expect(slots(heap)).toBe(200);
      expect(heap.peek()).toBe(900);
      heap.takeUpTo(1000, () => {});
      expect(slots(heap)).toBe(16);
      expect(heap.size).toBe(0);
    });
  });
});
