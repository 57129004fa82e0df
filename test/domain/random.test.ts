import { describe, expect, it } from 'vitest';
import { createRandom } from '../../mock/domain/random.js';

const draws = <T>(n: number, draw: () => T): T[] => Array.from({ length: n }, draw);

describe('createRandom', () => {
  it('keeps its seed', () => {
    expect(createRandom(42).seed).toBe(42);
  });

  it('gives the same rids, tokens, hex and ints from the same seed, and others from another', () => {
    const run = (seed: number) => {
      const random = createRandom(seed);
      return [random.rid(0), random.token(), random.hex(8), random.int(0, 1_000_000)];
    };
    expect(run(5)).toEqual(run(5));
    const [a, b] = [run(5), run(6)];
    for (let i = 0; i < a.length; i++) expect(b[i], `draw ${i}`).not.toEqual(a[i]);
  });
});

describe('rid', () => {
  it('is three groups of 8 lowercase hex digits', () => {
    const random = createRandom(2);
    for (const rid of draws(300, () => random.rid(Date.UTC(2026, 10, 22)))) expect(rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('starts with the Unix time in seconds, in hex, rounded down', () => {
    const random = createRandom(2);
    const at = Date.UTC(2026, 10, 22, 0, 0, 0);
    expect(random.rid(at).split('-')[0]).toBe((at / 1000).toString(16));
    expect(random.rid(at + 999).split('-')[0]).toBe((at / 1000).toString(16));
    expect(random.rid(1_999).split('-')[0]).toBe('00000001');
  });

  it('pads a small time to 8 digits, and keeps the last 8 of a time past 32 bits', () => {
    const random = createRandom(2);
    expect(random.rid(0).split('-')[0]).toBe('00000000');
    expect(random.rid(0x1_0000_0abc * 1000).split('-')[0]).toBe('00000abc');
  });

  it('draws the two random groups afresh each time', () => {
    const random = createRandom(2);
    const [a, b] = [random.rid(0), random.rid(0)];
    expect(a).not.toBe(b);
    expect(a.split('-')[1]).not.toBe(a.split('-')[2]);
  });
});

describe('token', () => {
  it('is a number from 70 to 99, an underscore and 132 letters or digits', () => {
    const random = createRandom(3);
    const prefixes = new Set<number>();
    for (const token of draws(400, () => random.token())) {
      expect(token).toMatch(/^[0-9]{2}_[A-Za-z0-9]{132}$/);
      const prefix = Number(token.slice(0, 2));
      expect(prefix).toBeGreaterThanOrEqual(70);
      expect(prefix).toBeLessThanOrEqual(99);
      prefixes.add(prefix);
    }
    expect(prefixes.size).toBeGreaterThan(20);
  });
});

describe('mediaId', () => {
  it('is the length asked, of letters, digits, \'-\' and \'_\', every one of them drawn in time', () => {
    const random = createRandom(6);
    for (const length of [1, 43, 64]) expect(random.mediaId(length)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
    const seen = new Set(draws(100, () => random.mediaId(64)).join(''));
    expect(seen.size).toBe(64);
  });

  it('is the same from the same seed', () => {
    expect(createRandom(6).mediaId(43)).toBe(createRandom(6).mediaId(43));
    expect(createRandom(7).mediaId(43)).not.toBe(createRandom(6).mediaId(43));
  });
});

describe('hex', () => {
  it('is lowercase hex of the length asked, with no prefix', () => {
    const random = createRandom(4);
    for (const length of [1, 12, 16, 32, 64]) {
      for (const hex of draws(20, () => random.hex(length))) expect(hex).toMatch(new RegExp(`^[0-9a-f]{${length}}$`));
    }
  });
});

describe('int', () => {
  it('stays within its bounds, both included, and reaches both', () => {
    const random = createRandom(5);
    const seen = new Set(draws(300, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('answers the one value a range of one holds', () => {
    expect(createRandom(5).int(7, 7)).toBe(7);
  });
});
