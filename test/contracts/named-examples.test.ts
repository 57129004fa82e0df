import { describe, expect, it } from 'vitest';
import { operationIds } from '../../contracts/load-spec.js';
import { validateExchange } from '../../contracts/validate-exchange.js';
import { namedExamples } from './spec-examples.js';

const WECHAT_HEADERS = { 'Content-Type': 'application/json; encoding=utf-8' };
const examples = namedExamples();

describe('the named examples of openapi.yaml', () => {
  it('cover every operation with a success and at least one error', () => {
    for (const operationId of operationIds) {
      const names = examples.filter((e) => e.operationId === operationId).map((e) => e.name);
      expect(names, operationId).toContain('success');
      expect(names.filter((n) => n !== 'success').length, operationId).toBeGreaterThan(0);
    }
  });

  it.each(examples.map((e) => [`${e.operationId} ${e.name}`, e] as const))('%s validates as the branch its name says', (_, example) => {
    const expected = example.name === 'success' ? 'success' : 'error';
    const body = JSON.stringify(example.value);
    expect(validateExchange(example.operationId, { status: 200, headers: WECHAT_HEADERS, body }, { expect: expected })).toEqual([]);
  });

  it('name each error example after its errcode (errm1 for -1)', () => {
    for (const example of examples.filter((e) => e.name !== 'success')) {
      const { errcode } = example.value as { errcode: number };
      expect(example.name).toBe(errcode === -1 ? 'errm1' : `err${errcode}`);
    }
  });
});
