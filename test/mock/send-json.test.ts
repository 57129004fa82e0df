import { describe, expect, it } from 'vitest';
import { jsonText } from '../../mock/http/send-json.js';

/** An object whose `value` counts how often JSON.stringify read it. */
function counted(freeze: boolean) {
  const reads = { count: 0 };
  const body = {
    get value() {
      reads.count += 1;
      return 'v';
    },
  };
  return { body: freeze ? Object.freeze(body) : body, reads };
}

describe('jsonText', () => {
  it('builds a frozen answer\'s text once, on its first send', () => {
    const { body, reads } = counted(true);
    expect(jsonText(body)).toBe('{"value":"v"}');
    expect(jsonText(body)).toBe('{"value":"v"}');
    expect(reads.count).toBe(1);
  });

  it('builds any other answer\'s text on every send: it may have changed', () => {
    const { body, reads } = counted(false);
    jsonText(body);
    jsonText(body);
    expect(reads.count).toBe(2);
  });

  it('writes compact JSON for anything JSON.stringify takes', () => {
    expect(jsonText({ a: [1, { b: null }] })).toBe('{"a":[1,{"b":null}]}');
    expect(jsonText(null)).toBe('null');
    expect(jsonText('x')).toBe('"x"');
    expect(jsonText(Object.freeze([1, 2]))).toBe('[1,2]');
  });
});
