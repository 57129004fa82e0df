/** OpenAPI 3.0 schemas as plain JSON Schema for ajv: local $refs inlined, `nullable` rewritten. */

export type JsonSchema = { readonly [keyword: string]: unknown };

/** The parts of openapi.yaml the kit reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/** Follows a local `#/components/...` $ref (one level); other values pass through. */
export function resolve(doc: OpenApiDocument, value: unknown): unknown {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string') return value;
  if (!ref.startsWith('#/')) throw new Error(`openapi.yaml: only local $refs are supported, got ${ref}`);
  let target: unknown = doc;
  for (const token of ref.slice(2).split('/')) {
    target = (target as Record<string, unknown> | undefined)?.[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  if (target === undefined) throw new Error(`openapi.yaml: $ref ${ref} points nowhere`);
  return resolve(doc, target);
}

/**
 * An OpenAPI 3.0 schema as plain JSON Schema for ajv: $refs inlined (the spec has no cycles) and
 * `nullable: true` turned into "or null", which ajv's own nullable keyword only accepts next to `type`.
 */
export function toJsonSchema(doc: OpenApiDocument, value: unknown, seen: readonly string[] = []): JsonSchema {
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    if (seen.includes(ref)) throw new Error(`openapi.yaml: $ref cycle through ${ref}`);
    return toJsonSchema(doc, resolve(doc, value), [...seen, ref]);
  }
  const out: Record<string, unknown> = {};
  for (const [keyword, child] of Object.entries(value as Record<string, unknown>)) {
    if (keyword === 'nullable') continue;
    out[keyword] = convertChild(doc, keyword, child, seen);
  }
  return (value as { nullable?: unknown }).nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf']);
const SCHEMA_VALUES = new Set(['items', 'not', 'additionalProperties']);

function convertChild(doc: OpenApiDocument, keyword: string, child: unknown, seen: readonly string[]): unknown {
  if (SCHEMA_LISTS.has(keyword) && Array.isArray(child)) return child.map((c: unknown) => toJsonSchema(doc, c, seen));
  if (SCHEMA_VALUES.has(keyword) && typeof child === 'object' && child !== null) return toJsonSchema(doc, child, seen);
  if (SCHEMA_MAPS.has(keyword) && typeof child === 'object' && child !== null) {
    return Object.fromEntries(Object.entries(child).map(([name, c]) => [name, toJsonSchema(doc, c, seen)]));
  }
  return child;
}
