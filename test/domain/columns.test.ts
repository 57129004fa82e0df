import { describe, expect, it } from 'vitest';
import { CodeColumn, NumberColumn, OptionalNumberColumn, SparseColumn } from '../../mock/domain/columns.js';
import { bytesHeld } from './fixtures.js';

describe('NumberColumn', () => {
  it('keeps numbers by row, across a resize that keeps the first rows', () => {
    const column = new NumberColumn();
    column.resize(4, 0);
    [3_147_000_001, 0, -5.5, 2 ** 53].forEach((value, row) => column.set(row, value));
    column.resize(8, 4);
    expect([0, 1, 2, 3].map((row) => column.get(row))).toEqual([3_147_000_001, 0, -5.5, 2 ** 53]);
    column.move(3, 1);
    expect(column.get(1)).toBe(2 ** 53);
    column.resize(2, 2);
    expect([column.get(0), column.get(1)]).toEqual([3_147_000_001, 2 ** 53]);
  });

  it('keeps the rows that fit when resized below its length', () => {
    const column = new NumberColumn();
    column.resize(4, 0);
    [10, 11, 12, 13].forEach((value, row) => column.set(row, value));
    column.resize(2, 4);
    expect([column.get(0), column.get(1)]).toEqual([10, 11]);
  });
});

describe('OptionalNumberColumn', () => {
  it('gives back undefined as undefined and every number as it was, 0 included', () => {
    const column = new OptionalNumberColumn();
    column.resize(4, 0);
    [undefined, 0, 1_764_979_200_000, undefined].forEach((value, row) => column.set(row, value));
    expect([0, 1, 2, 3].map((row) => column.get(row))).toEqual([undefined, 0, 1_764_979_200_000, undefined]);
    column.move(0, 2);
    expect(column.get(2)).toBeUndefined();
  });
});

describe('CodeColumn', () => {
  it('keeps values by row, undefined included', () => {
    const column = new CodeColumn<string | undefined>();
    column.resize(3, 0);
    ['send success', undefined, 'err(40001)'].forEach((value, row) => column.set(row, value));
    expect([0, 1, 2].map((row) => column.get(row))).toEqual(['send success', undefined, 'err(40001)']);
  });

  it('widens its codes past 256 and past 65,536 values, keeping every row', () => {
    const column = new CodeColumn<string>();
    const rows = 70_000;
    column.resize(rows, 0);
    for (let row = 0; row < rows; row++) column.set(row, `wx${row}`);
    let same = true;
    for (let row = 0; row < rows; row++) same &&= column.get(row) === `wx${row}`;
    expect(same).toBe(true);
    column.resize(rows + 1, rows);
    column.set(rows, 'wx7');
    expect([column.get(rows), column.get(255), column.get(256), column.get(65_536)]).toEqual(['wx7', 'wx255', 'wx256', 'wx65536']);
  });

  it('moves a row down, keeping the value it had', () => {
    const column = new CodeColumn<string>();
    column.resize(4, 0);
    ['SENDING', 'SEND_SUCCESS', 'SEND_FAIL', 'DELETE'].forEach((value, row) => column.set(row, value));
    column.move(2, 0);
    expect([0, 1, 2, 3].map((row) => column.get(row))).toEqual(['SEND_FAIL', 'SEND_SUCCESS', 'SEND_FAIL', 'DELETE']);
  });

  // A value written again keeps its code, so the width follows the number of distinct values only.
  it.each([
    { values: 1, bytes: 1 },
    { values: 256, bytes: 1 },
    { values: 257, bytes: 2 },
    { values: 65_536, bytes: 2 },
    { values: 65_537, bytes: 4 },
  ])('takes $bytes byte(s) a row while $values distinct values are known, each written many times', ({ values, bytes }) => {
    const column = new CodeColumn<string>();
    const rows = 2 * values + 1000;
    column.resize(rows, 0);
    for (let row = 0; row < rows; row++) column.set(row, `wx${row % values}`);
    expect(bytesHeld(column)).toBe(rows * bytes);
    expect([column.get(0), column.get(values - 1), column.get(rows - 1)]).toEqual(['wx0', `wx${values - 1}`, `wx${(rows - 1) % values}`]);
  });
});

describe('SparseColumn', () => {
  const NONE: readonly number[] = Object.freeze([]);
  const newColumn = () => new SparseColumn<readonly number[]>(NONE, (list) => list.length === 0);

  it('answers the fallback for rows given none, or given one it stands for', () => {
    const column = newColumn();
    column.set(1, [2, 3]);
    column.set(2, []);
    expect(column.get(0)).toBe(NONE);
    expect(column.get(1)).toEqual([2, 3]);
    expect(column.get(2)).toBe(NONE);
    column.set(1, []);
    expect(column.get(1)).toBe(NONE);
  });

  it('moves a row down, and forgets rows past the length on a resize', () => {
    const column = newColumn();
    const list = [1];
    column.set(5, list);
    column.move(5, 2);
    expect(column.get(2)).toBe(list);
    expect(column.get(5)).toBe(NONE);
    column.move(4, 2);
    expect(column.get(2)).toBe(NONE);
    column.set(3, list);
    column.resize(10, 3);
    expect(column.get(3)).toBe(NONE);
  });
});
