import { describe, expect, it } from 'vitest';
import { compiledValidator, documentedErrcodes, getOperation, operationIds } from '../../contracts/load-spec.js';
import { namedExamples } from './spec-examples.js';

/** The body WeChat would send for `errcode`: 45065 carries the existing msg_id and no rid. */
function errorBody(errcode: number): Record<string, unknown> {
  return errcode === 45065 ? { errcode, errmsg: 'clientmsgid exist', msg_id: 3147494552 } : { errcode, errmsg: `text rid: 6aac0063-7ed08fb9-1250f724` };
}

function matchingBranches(operationId: string, body: unknown): string[] {
  const operation = getOperation(operationId);
  if (!operation) throw new Error(`no operation ${operationId}`);
  return operation.branches.filter((branch) => compiledValidator(branch.schema)(body)).map((branch) => branch.name);
}

describe('the oneOf branches of every operation', () => {
  it.each(operationIds.map((id) => [id]))('%s: each documented errcode matches exactly one branch, an error one', (operationId) => {
    const operation = getOperation(operationId);
    for (const errcode of documentedErrcodes(operationId)) {
      const matched = matchingBranches(operationId, errorBody(errcode));
      expect(matched, `errcode ${errcode}`).toHaveLength(1);
      expect(operation?.branches.find((b) => b.name === matched[0])?.kind, `errcode ${errcode}`).toBe('error');
    }
  });

  it.each(operationIds.map((id) => [id]))('%s: the success example matches exactly one branch, a success one', (operationId) => {
    const success = namedExamples().find((e) => e.operationId === operationId && e.name === 'success');
    const matched = matchingBranches(operationId, success?.value);
    expect(matched).toHaveLength(1);
    expect(getOperation(operationId)?.branches.find((b) => b.name === matched[0])?.kind).toBe('success');
  });

  it.each(operationIds.map((id) => [id]))('%s: errcode 0 with an errmsg is never an error branch', (operationId) => {
    const errorNames = getOperation(operationId)?.branches.filter((b) => b.kind === 'error').map((b) => b.name) ?? [];
    for (const name of matchingBranches(operationId, { errcode: 0, errmsg: 'ok' })) expect(errorNames).not.toContain(name);
  });
});
