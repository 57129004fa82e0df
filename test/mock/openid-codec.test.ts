/** The two derivations audience rests on: openids that decode back to their fan, and a tag's order that is a permutation. */
import { describe, expect, it } from 'vitest';
import { openidCodec } from '../../mock/domain/openid-codec.js';
import { createRandom } from '../../mock/domain/random.js';
import { createAppState, type App } from '../../mock/domain/store.js';
import { settingsFromInput } from '../../mock/domain/app-settings.js';
import { tagOrder } from '../../mock/domain/tag-order.js';

function app(fans: number, seed = 1): App {
  const random = createRandom(seed);
  return createAppState(settingsFromInput({ appid: 'wx00000000000000aa', fans }, random), random);
}

describe('openidCodec', () => {
  it('decodes each openid back to its fan, across the whole range of indices', () => {
    const codec = openidCodec(app(10));
    const indices = [0, 1, 9_999, 10_000_000 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];
    const openids = codec.encode(indices);
    expect(openids.every((openid) => /^o[A-Za-z0-9_-]{27}$/.test(openid))).toBe(true);
    expect(codec.decode(openids)).toEqual(indices);
  });

  it('gives the same openids call after call, whatever was encoded or decoded in between (one cipher serves every call)', () => {
    const codec = openidCodec(app(10));
    const first = codec.encode([3, 4, 5]);
    expect(codec.decode([first[1]!, 'not an openid'])).toEqual([4, undefined]);
    codec.encode(Array.from({ length: 1000 }, (_, i) => i));
    expect(codec.encode([5, 4, 3])).toEqual([...first].reverse());
    expect(codec.decode(first)).toEqual([3, 4, 5]);
    expect(codec.decode([first[0]!])).toEqual([3]);
  });

  it("decodes nothing another app issued, even with the other app's prefix copied over", () => {
    const mine = openidCodec(app(10, 1));
    const theirs = openidCodec(app(10, 2));
    const foreign = theirs.encode([0, 1]);
    expect(mine.decode(foreign)).toEqual([undefined, undefined]);
    expect(mine.decode(foreign.map((openid) => mine.head + openid.slice(mine.head.length)))).toEqual([undefined, undefined]);
    expect(mine.decode(['', 'o', 42 as unknown as string, `${mine.head}${'A'.repeat(22)}`])).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('tagOrder', () => {
  it.each([2, 3, 17, 1000, 4097])('orders %i fans as a permutation, walked the same both ways', (fans) => {
    const order = tagOrder(app(fans), 100);
    const seen = new Set<number>();
    for (let position = 0; position < fans; position++) {
      const fan = order.fanAt(position);
      expect(fan).toBeGreaterThanOrEqual(0);
      expect(fan).toBeLessThan(fans);
      expect(order.positionOf(fan)).toBe(position);
      seen.add(fan);
    }
    expect(seen.size).toBe(fans);
  });

  it('gives each tag its own order, and the same order again for the same app', () => {
    const one = app(1000);
    const firsts = (tagId: number) => Array.from({ length: 20 }, (_, p) => tagOrder(one, tagId).fanAt(p));
    expect(firsts(100)).not.toEqual(firsts(101));
    expect(firsts(100)).toEqual(Array.from({ length: 20 }, (_, p) => tagOrder(app(1000), 100).fanAt(p)));
  });
});
