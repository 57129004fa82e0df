import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../mock/http/json-depth.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('exceedsJsonDepth', () => {
  it('lets a body exactly MAX_JSON_DEPTH deep through, and refuses one a level deeper', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('refuses the shortest text that opens one level too many', () => {
    const shortest = '{'.repeat(MAX_JSON_DEPTH + 1);
    expect(shortest.length).toBe(MAX_JSON_DEPTH + 1);
    expect(exceedsJsonDepth(shortest)).toBe(true);
  });

  it('counts depth, not brackets: siblings do not add up', () => {
    expect(exceedsJsonDepth(`[${Array.from({ length: 200 }, () => '[]').join(',')}]`)).toBe(false);
  });

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ text: '['.repeat(500) }))).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ text: `\\"${'{'.repeat(500)}` }))).toBe(false);
  });

  it('takes another limit', () => {
    expect(exceedsJsonDepth(nested(3), 2)).toBe(true);
    expect(exceedsJsonDepth(nested(2), 2)).toBe(false);
  });
});
