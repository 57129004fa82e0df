/**
 * The seeded generator behind every id, token, rid and count, so the same seed and the same
 * requests give the same answers on the manual clock.
 */
import type { Faker as FakerClass } from '@faker-js/faker';
// The main entry imports every locale (about 200 ms); the base locale's prebuilt instance is light,
// and its constructor is the same Faker class, so each simulator still gets its own seeded instance.
import { faker as baseFaker } from '@faker-js/faker/locale/base';

const Faker = baseFaker.constructor as typeof FakerClass;

const MEDIA_ID_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface Random {
  readonly seed: number;
  /** WeChat's request id: three groups of 8 hex, the first the Unix time in hex as real rids show. */
  rid(nowMs: number): string;
  token(): string;
  /** A media_id as WeChat issues them: `length` letters, digits, '-' and '_'. */
  mediaId(length: number): string;
  hex(length: number): string;
  int(min: number, max: number): number;
}

export function createRandom(seed: number): Random {
  const faker = new Faker({ locale: baseFaker.rawDefinitions, seed });
  const hex = (length: number) => faker.string.hexadecimal({ length, casing: 'lower', prefix: '' });
  // rids go out with every error answer: one draw each, cheaper than faker's string builders.
  const word = () => faker.number.int(0xffffffff).toString(16).padStart(8, '0');
  return {
    seed,
    rid(nowMs) {
      const time = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
      return `${time}-${word()}-${word()}`;
    },
    // Real tokens are long opaque strings of letters, digits, '-' and '_' (at least 512 chars of storage advised).
    token: () => `${faker.number.int({ min: 70, max: 99 })}_${faker.string.alphanumeric(132)}`,
    mediaId: (length) => faker.string.fromCharacters(MEDIA_ID_CHARACTERS, length),
    hex,
    int: (min, max) => faker.number.int({ min, max }),
  };
}
