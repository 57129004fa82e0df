import { describe, expect, it } from 'vitest';
import { field, isObject, looseInteger } from '../../mock/domain/loose.js';

describe('field', () => {
  it('reads a field the body has', () => {
    expect(field({ msg_id: 5, other: 'x' }, 'msg_id')).toBe(5);
  });

  it('reads nothing for a field the body lacks', () => {
    expect(field({ msg_id: 5 }, 'speed')).toBeUndefined();
  });

  it('ignores what a body only inherits', () => {
    const body = Object.create({ speed: 3 }) as Record<string, unknown>;
    expect(field(body, 'speed')).toBeUndefined();
    expect(field({}, 'toString')).toBeUndefined();
    expect(field({}, 'constructor')).toBeUndefined();
  });

  it('reads an own __proto__ field, as JSON.parse makes one, as plain data', () => {
    const body = JSON.parse('{"__proto__": 4}') as Record<string, unknown>;
    expect(field(body, '__proto__')).toBe(4);
  });
});

describe('isObject', () => {
  it('accepts plain objects, empty or not', () => {
    expect(isObject({})).toBe(true);
    expect(isObject({ a: 1 })).toBe(true);
  });

  it.each([null, undefined, [], [1], 'x', '', 0, 1, true])('rejects %j', (value) => {
    expect(isObject(value)).toBe(false);
  });
});

describe('looseInteger', () => {
  it.each([
    [0, 0],
    [7, 7],
    [3147494522, 3147494522],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ])('takes the number %s as it is', (value, expected) => {
    expect(looseInteger(value)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the number %s', (value) => {
    expect(looseInteger(value)).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['4', 4],
    ['3147494522', 3147494522],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads the string %j as %s', (value, expected) => {
    expect(looseInteger(value)).toBe(expected);
  });

  it.each(['', ' 1', '1 ', '-1', '+1', '1.0', '1e3', '0x10', 'abc', '1a', 'a1'])('rejects the string %j', (value) => {
    expect(looseInteger(value)).toBeUndefined();
  });

  it('rejects a string of digits past the largest safe integer', () => {
    expect(looseInteger('9007199254740992')).toBeUndefined();
  });

  it('rejects a string of more than 16 digits, even one of leading zeros that reads small', () => {
    expect(looseInteger('0000000000000001')).toBe(1);
    expect(looseInteger('00000000000000001')).toBeUndefined();
  });

  it.each([null, undefined, true, {}, [1], ['1']])('rejects %j, which is neither a number nor a string', (value) => {
    expect(looseInteger(value)).toBeUndefined();
  });
});
