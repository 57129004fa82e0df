import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../mock/domain/min-heap.js';

type Entry = { key: number; seq: number };
const byKeyThenSeq = (a: Entry, b: Entry) => a.key - b.key || a.seq - b.seq;
const name = (entry: Entry) => `${entry.key}/${entry.seq}`;

describe('MinHeap', () => {
  it('pops by key then seq, and takes exactly the entries up to a limit, whatever the order of pushes, pops and takes', () => {
    const entry = fc.record({ key: fc.integer({ min: 0, max: 20 }), seq: fc.nat() });
    const step = fc.oneof(entry, fc.constant('pop' as const), fc.record({ limit: fc.integer({ min: -1, max: 21 }) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const heap = new MinHeap<string>();
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
});
