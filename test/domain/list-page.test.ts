import { describe, expect, it } from 'vitest';
import { newestPage, readPage } from '../../mock/domain/list-page.js';
import { expectFail, expectOk } from './simulator-fixtures.js';

describe('readPage', () => {
  it('takes offset and count as numbers or numeric strings, offset 0 when absent or null', () => {
    expect(expectOk(readPage({ offset: 40, count: 20 }))).toEqual({ offset: 40, count: 20 });
    expect(expectOk(readPage({ offset: '3', count: '1' }))).toEqual({ offset: 3, count: 1 });
    expect(expectOk(readPage({ count: 5 }))).toEqual({ offset: 0, count: 5 });
    expect(expectOk(readPage({ offset: null, count: 5 }))).toEqual({ offset: 0, count: 5 });
  });

  it.each([
    ['no count', {}],
    ['count 0', { count: 0 }],
    ['count 21', { count: 21 }],
    ['count null', { count: null }],
    ['a count that is no integer', { count: 2.5 }],
    ['a negative offset', { offset: -1, count: 5 }],
    ['an offset that is no integer', { offset: 'first', count: 5 }],
  ])('answers 40035 for %s (the docs: count "取值在1到20之间")', (_, body) => {
    expectFail(readPage(body), 40035);
  });
});

describe('newestPage', () => {
  const items = [
    { id: 'a', at: 10 },
    { id: 'b', at: 30 },
    { id: 'c', at: 20 },
    { id: 'd', at: 30 },
    { id: 'e', at: 10 },
  ];
  const ids = (page: { offset: number; count: number }) => newestPage(items, (item) => item.at, page).map((item) => item.id);

  it('puts the newest first, and of the same time the one added last first', () => {
    expect(ids({ offset: 0, count: 20 })).toEqual(['d', 'b', 'c', 'e', 'a']);
  });

  it('answers count items from offset on, and an empty page past the end', () => {
    expect(ids({ offset: 1, count: 2 })).toEqual(['b', 'c']);
    expect(ids({ offset: 4, count: 20 })).toEqual(['a']);
    expect(ids({ offset: 5, count: 20 })).toEqual([]);
  });

  it('leaves the items it was given in their order', () => {
    const given = [...items];
    newestPage(given, (item) => item.at, { offset: 0, count: 20 });
    expect(given).toEqual(items);
  });
});
