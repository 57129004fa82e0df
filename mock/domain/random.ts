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

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The low 32 bits of `n` as 8 lowercase hex digits. */
function hex8(n: number): string {
  return BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;
}

export function createRandom(seed: number): Random {
  const faker = new Faker({ locale: baseFaker.rawDefinitions, seed });
  const hex = (length: number) => faker.string.hexadecimal({ length, casing: 'lower', prefix: '' });
  // rids go out with every error answer: one draw a group, spelled from a table (toString(16) and
  // padStart cost five times as much).
  const word = () => hex8(faker.number.int(0xffffffff));
  return {
    seed,
    rid(nowMs) {
      // hex8 keeps the last 8 digits of a time past 32 bits, as the bit operators take it modulo 2^32.
      return `${hex8(Math.floor(nowMs / 1000))}-${word()}-${word()}`;
    },
    // Real tokens are long opaque strings of letters, digits, '-' and '_' (at least 512 chars of storage advised).
    token: () => `${faker.number.int({ min: 70, max: 99 })}_${faker.string.alphanumeric(132)}`,
    mediaId: (length) => faker.string.fromCharacters(MEDIA_ID_CHARACTERS, length),
    hex,
    int: (min, max) => faker.number.int({ min, max }),
  };
}
