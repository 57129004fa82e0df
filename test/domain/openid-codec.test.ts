/** Openids that decode back to their fan, and only for the app that issued them, spelled one way only. */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../mock/domain/random.js';
import { openidCodec } from '../../mock/domain/openid-codec.js';
import { newApp } from './fixtures.js';

const OPENID_SHAPE = /^o[A-Za-z0-9_-]{27}$/;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const app = (seed = 1) => newApp({ fans: 10 }, {}, createRandom(seed));
const replaced = (text: string, at: number, by: string) => text.slice(0, at) + by + text.slice(at + 1);

describe('openidCodec', () => {
  it('decodes each openid back to its fan, across the whole range of indices', () => {
    const codec = openidCodec(app());
    const indices = [0, 1, 9_999, 10_000_000 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];
    const openids = codec.encode(indices);
    expect(openids.every((openid) => OPENID_SHAPE.test(openid))).toBe(true);
    expect(codec.decode(openids)).toEqual(indices);
  });

  it("starts every openid with the app's head: o and five characters the app's fans share", () => {
    const codec = openidCodec(app());
    expect(codec.head).toMatch(/^o[A-Za-z0-9_-]{5}$/);
    expect(codec.encode([0, 1, 2, 3]).every((openid) => openid.startsWith(codec.head))).toBe(true);
    expect(openidCodec(app(2)).head).not.toBe(codec.head);
  });

  it('derives the same openids in every version, since a state file restores an app whose fans clients hold', () => {
    const codec = openidCodec(app());
    expect(codec.head).toBe('omLlu_');
    expect(codec.encode([0, 1, 999])).toEqual(['omLlu_domTLFziX9FCpIfyjOQQTX', 'omLlu_PpIPjRsyf0znkihMU-HuqD', 'omLlu_GukSV3UAFWlcLr6fNit9Mx']);
  });

  it('is made once per app', () => {
    const one = app();
    expect(openidCodec(one)).toBe(openidCodec(one));
  });

  it('gives the same openids call after call, whatever was encoded or decoded in between (one cipher serves every call)', () => {
    const codec = openidCodec(app());
    const first = codec.encode([3, 4, 5]);
    expect(codec.decode([first[1]!, 'not an openid'])).toEqual([4, undefined]);
    codec.encode(Array.from({ length: 1000 }, (_, i) => i));
    expect(codec.encode([5, 4, 3])).toEqual([...first].reverse());
    expect(codec.decode(first)).toEqual([3, 4, 5]);
    expect(codec.decode([first[0]!])).toEqual([3]);
  });

  it("decodes nothing another app issued, even with the other app's prefix copied over", () => {
    const mine = openidCodec(app(1));
    const theirs = openidCodec(app(2));
    const foreign = theirs.encode([0, 1]);
    expect(mine.decode(foreign)).toEqual([undefined, undefined]);
    expect(mine.decode(foreign.map((openid) => mine.head + openid.slice(mine.head.length)))).toEqual([undefined, undefined]);
  });

  it("decodes none of 20,000 of another app's openids under its own head: the block's 8-byte mark is the app's", () => {
    const mine = openidCodec(app(1));
    const forged = openidCodec(app(2))
      .encode(Array.from({ length: 20_000 }, (_, i) => i))
      .map((openid) => mine.head + openid.slice(mine.head.length));
    expect(mine.decode(forged).filter((index) => index !== undefined)).toEqual([]);
  });

  it('decodes nothing that is no openid: no string, the wrong length, the bare head, 22 of one letter', () => {
    const codec = openidCodec(app());
    const [openid] = codec.encode([5]);
    const odd = ['', 'o', 42, null, undefined, { length: 28 }, `${openid}A`, openid!.slice(0, -1), codec.head, `${codec.head}${'A'.repeat(22)}`];
    expect(codec.decode(odd as string[])).toEqual(odd.map(() => undefined));
    expect(codec.decode([openid!, ...(odd as string[]), openid!])).toEqual([5, ...odd.map(() => undefined), 5]);
  });

  it('decodes nothing when a character of the body is outside base64url', () => {
    const codec = openidCodec(app());
    const openids = codec.encode(Array.from({ length: 64 }, (_, i) => i * 7919));
    const head = codec.head.length;
    for (const openid of openids) {
      for (let at = head; at < openid.length; at++) {
        for (const bad of ['.', '=', '+', '/', ' ', '\u0080', 'é', '中']) expect(codec.decode([replaced(openid, at, bad)])).toEqual([undefined]);
      }
    }
  });

  it('takes one spelling per fan: the last character, which has 4 spare bits, carries a check', () => {
    const codec = openidCodec(app());
    for (const openid of codec.encode([0, 1, 2, 3, 4, 5, 6, 7])) {
      const value = BASE64URL.indexOf(openid.at(-1)!);
      // The same top 2 bits (the block's last ones), any other check nibble.
      const others = [...BASE64URL].filter((_, v) => v >> 4 === value >> 4 && v !== value);
      expect(others).toHaveLength(15);
      for (const other of others) expect(codec.decode([replaced(openid, openid.length - 1, other)])).toEqual([undefined]);
    }
  });

  it('decodes a list as it decodes each of its openids alone, whatever stands before each', () => {
    const codec = openidCodec(app());
    const foreign = openidCodec(app(2)).encode([3]);
    const list = codec.encode([10, 20, 30]).flatMap((openid) => {
      const last = BASE64URL.indexOf(openid.at(-1)!);
      const misspelled = replaced(openid, openid.length - 1, BASE64URL[last ^ 1]!);
      return [openid, misspelled, replaced(openid, 10, '.'), ...foreign, `${openid}x`, openid];
    });
    expect(codec.decode(list)).toEqual(list.map((openid) => codec.decode([openid])[0]));
    expect(codec.decode(list).filter((index) => index !== undefined)).toEqual([10, 10, 20, 20, 30, 30]);
  });

  it('decodes a single openid the same when asked again, also after more other lookups than it remembers', () => {
    const codec = openidCodec(app());
    const [asked] = codec.encode([7]);
    const foreign = openidCodec(app(2)).encode([7])[0]!;
    const misspelled = replaced(asked!, 10, '.');
    const twice = (openid: string) => [codec.decode([openid])[0], codec.decode([openid])[0]];
    expect(twice(asked!)).toEqual([7, 7]);
    expect(twice(foreign)).toEqual([undefined, undefined]);
    expect(twice(misspelled)).toEqual([undefined, undefined]);
    const others = codec.encode(Array.from({ length: 1500 }, (_, i) => 100 + i));
    expect(others.map((openid) => codec.decode([openid])[0])).toEqual(others.map((_, i) => 100 + i));
    expect(twice(asked!)).toEqual([7, 7]);
    expect(twice(foreign)).toEqual([undefined, undefined]);
    // A list is decoded whole, whatever single lookups came before.
    expect(codec.decode([asked!, foreign, others[0]!])).toEqual([7, undefined, 100]);
  });

  it('decodes no index past the safe integers', () => {
    const codec = openidCodec(app());
    expect(codec.decode(codec.encode([2 ** 53, 2 ** 60]))).toEqual([undefined, undefined]);
  });
});
