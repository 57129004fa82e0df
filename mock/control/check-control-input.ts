/**
 * Validators for the control API's inputs, compiled once from mock/control.yaml, so the document
 * the README points to is the one the mock enforces. Errors read as one clear sentence.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv, parseYaml } from '../../contracts/lazy-modules.js';
import { packageFile } from '../../contracts/package-file.js';

let validators: Map<string, ValidateFunction> | undefined;

function compile(): Map<string, ValidateFunction> {
  const doc = parseYaml(readFileSync(packageFile('mock/control.yaml'), 'utf8')) as { components: { schemas: Record<string, object> } };
  const ajv = newAjv({ strict: false, allErrors: false });
  ajv.addSchema({ $id: 'control', components: doc.components });
  const map = new Map<string, ValidateFunction>();
  for (const name of Object.keys(doc.components.schemas)) {
    map.set(name, ajv.compile({ $ref: `control#/components/schemas/${name}` }));
  }
  return map;
}

function describe(error: ErrorObject | undefined, label: string): string {
  if (!error) return `${label} is invalid`;
  const where = `${label}${error.instancePath.replaceAll('/', '.')}`;
  if (error.keyword === 'additionalProperties') {
    return `${where} has an unknown field "${String((error.params as { additionalProperty: string }).additionalProperty)}"`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

/** Checks `value` against control.yaml's `schema`; an error message naming the field, or undefined. */
export function checkControlInput(schema: string, value: unknown, label = 'body'): string | undefined {
  validators ??= compile();
  const validate = validators.get(schema);
  if (!validate) throw new Error(`control.yaml has no schema ${schema}`);
  return validate(value) ? undefined : describe(validate.errors?.[0], label);
}
