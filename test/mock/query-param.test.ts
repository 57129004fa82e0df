import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryParam } from '../../mock/wechat/query-param.js';

const urlSearchParams = (query: string, name: string) => new URLSearchParams(query).get(name) ?? undefined;

describe('queryParam', () => {
  it.each([
    ['access_token=abc', 'abc'],
    ['a=1&access_token=abc&access_token=def', 'abc'],
    ['access_token', ''],
    ['access_token=', ''],
    ['access_tokens=abc', undefined],
    ['xaccess_token=abc', undefined],
    ['&&access_token=a=b&', 'a=b'],
    ['access_token=a%20b', 'a b'],
    ['access_token=a+b', 'a b'],
    ['access%5Ftoken=abc', 'abc'],
    ['', undefined],
  ])('reads %j as URLSearchParams does', (query, expected) => {
    expect(queryParam(query, 'access_token')).toBe(expected);
    expect(urlSearchParams(query, 'access_token')).toBe(expected);
  });

  it('agrees with URLSearchParams on any query built of its delimiters and a name', () => {
    const piece = fc.constantFrom('access_token', 'access_token=', 'x', '=', '&', '%41', '+', 'a', 'é', '%', 'token=1');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const query = pieces.join('');
        expect(queryParam(query, 'access_token')).toBe(urlSearchParams(query, 'access_token'));
      }),
      { numRuns: 2000 },
    );
  });
});
