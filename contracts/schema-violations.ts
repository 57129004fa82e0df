/** ajv's findings on a body as violations a person can act on: where, what was expected, what came. */
import type { ErrorObject } from 'ajv';
import type { ResponseBranch } from './load-spec.js';
import type { Violation } from './violations.js';

export function schemaViolations(errors: readonly ErrorObject[], body: unknown, branch: ResponseBranch, branchCount: number): Violation[] {
  // A wrong type makes the same field's enum or range failure noise.
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword === 'type' || !typed.has(e.instancePath));
  const context = branchCount > 1 ? ` (closest of the ${branchCount} oneOf branches: ${branch.name})` : '';
  return kept.map((error): Violation => {
    const params = error.params as Record<string, unknown>;
    const base = wherePath(error.instancePath);
    if (error.keyword === 'required') {
      const field = String(params['missingProperty']);
      return { check: 'schema', where: `${base}.${field}`, message: `required field "${field}" is missing${context}`, expected: field };
    }
    if (error.keyword === 'additionalProperties') {
      const field = String(params['additionalProperty']);
      const where = `${base}.${field}`;
      return { check: 'schema', where, message: `field "${field}" is not in the contract (additionalProperties: false)${context}`, actual: shown(where, valueAt(body, error.instancePath, field)) };
    }
    const actual = shown(base, valueAt(body, error.instancePath));
    const expected = error.keyword === 'enum' ? params['allowedValues'] : error.keyword === 'type' ? params['type'] : error.schema;
    const rule = error.keyword === 'enum' ? `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : (error.message ?? 'is invalid');
    return { check: 'schema', where: base, message: `${rule}, got ${typeName(actual)} ${excerpt(JSON.stringify(actual) ?? 'undefined')}${context}`, expected, actual };
  });
}

/** `/touser/0` → `body.touser[0]`. */
function wherePath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, token) => (/^\d+$/.test(token) ? `${path}[${token}]` : `${path}.${token}`), 'body');
}

function valueAt(body: unknown, instancePath: string, extra?: string): unknown {
  const tokens = instancePath.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra !== undefined) tokens.push(extra);
  return tokens.reduce<unknown>((value, token) => (value as Record<string, unknown> | null | undefined)?.[token], body);
}

const CREDENTIAL_FIELD = /token|secret|ticket|password/i;

/** A violation may say a credential field is wrong, never what it holds. */
function shown(where: string, value: unknown): unknown {
  const field = where.slice(where.lastIndexOf('.') + 1);
  return CREDENTIAL_FIELD.test(field) && typeof value === 'string' ? `<redacted, ${value.length} chars>` : value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A body or value cut to one short line for a message. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
