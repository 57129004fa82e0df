/** A tag's seeded order of the fans: a permutation, walked the same both ways, its own for each tag. */
import { describe, expect, it } from 'vitest';
import { tagOrder } from '../../mock/domain/tag-order.js';
import { newApp } from './fixtures.js';

const app = (fans: number) => newApp({ fans });
const firsts = (order: ReturnType<typeof tagOrder>, n = 20) => Array.from({ length: n }, (_, position) => order.fanAt(position));

/** Checks that `order` is a permutation of 0..fans-1 whose positionOf undoes fanAt. */
function expectPermutation(order: ReturnType<typeof tagOrder>, fans: number): void {
  const seen = new Set<number>();
  for (let position = 0; position < fans; position++) {
    const fan = order.fanAt(position);
    expect(fan).toBeGreaterThanOrEqual(0);
    expect(fan).toBeLessThan(fans);
    expect(order.positionOf(fan)).toBe(position);
    seen.add(fan);
  }
  expect(seen.size).toBe(fans);
}

describe('tagOrder', () => {
  it.each([2, 3, 4, 5, 16, 17, 1000, 4096, 4097])('orders %i fans as a permutation, walked the same both ways', (fans) => {
    expectPermutation(tagOrder(app(fans), 100), fans);
  });

  it('orders a single fan first', () => {
    const order = tagOrder(app(1), 100);
    expect([order.fanAt(0), order.positionOf(0)]).toEqual([0, 0]);
  });

  it('is not the followers\u2019 own order', () => {
    expect(firsts(tagOrder(app(1000), 100))).not.toEqual(firsts({ fanAt: (p) => p, positionOf: (i) => i }));
  });

  it('gives each tag its own order, and the same order again for the same app', () => {
    const one = app(1000);
    expect(firsts(tagOrder(one, 100))).not.toEqual(firsts(tagOrder(one, 101)));
    expect(firsts(tagOrder(one, 100))).toEqual(firsts(tagOrder(app(1000), 100)));
  });

  it('orders the same in every version, since a state file keeps tagging as changes to this order', () => {
    expect(firsts(tagOrder(app(1000), 100), 8)).toEqual(ORDER_OF_TAG_100);
    // 4,096 fans fill 12 bits exactly: the network works on those, not on 14.
    expect(firsts(tagOrder(app(4096), 100), 8)).toEqual(ORDER_OF_TAG_100_OF_4096);
  });

  it('is kept while the fans stay, and made again over the new range once they change', () => {
    const one = app(1000);
    const order = tagOrder(one, 100);
    expect(tagOrder(one, 100)).toBe(order);
    one.fans = 300;
    const smaller = tagOrder(one, 100);
    expect(smaller).not.toBe(order);
    expectPermutation(smaller, 300);
    expect(tagOrder(one, 100)).toBe(smaller);
    expect(tagOrder(one, 101)).not.toBe(smaller);
  });
});

/** The first 8 fans of tag 100 over the 1,000 fans of fixtures.ts's app, and over 4,096. */
const ORDER_OF_TAG_100 = [994, 34, 906, 420, 20, 282, 968, 799];
const ORDER_OF_TAG_100_OF_4096 = [2018, 4074, 1802, 392, 852, 1661, 3816, 3631];
