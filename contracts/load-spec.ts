/**
 * The WeChat contract, read once from openapi.yaml: per operation its method, path, whether it takes
 * an access_token, the errcodes it documents and its response schema with $refs resolved. Validators
 * are compiled on first use and cached, since the mock may check every answer it sends.
 */
import { readFileSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { newAjv, parseYaml } from './lazy-modules.js';
import type { operations } from './generated/openapi.js';
import { resolve, toJsonSchema, type JsonSchema, type OpenApiDocument, type OpenApiOperation } from './openapi-schema.js';
import { packageFile } from './package-file.js';

export type { JsonSchema } from './openapi-schema.js';

export type OperationId = keyof operations;

/**
 * Every operation of openapi.yaml, in the document's order. A literal list, so importing the kit
 * reads no file; loading the spec throws if the two ever disagree.
 */
export const operationIds = [
  'getAccessToken',
  'getStableAccessToken',
  'setSpeed',
  'getSpeed',
  'massmsgget',
  'sendAll',
  'massSend',
  'deleteMassMsg',
  'previewMassMsg',
  'uploadTempMedia',
  'addMaterial',
  'addDraft',
  'uploadNews',
  'uploadVideo',
  'getTags',
  'createTag',
  'updateTag',
  'deleteTag',
  'getTagFans',
  'batchTagging',
  'batchUntagging',
  'getUserTags',
  'getFollowers',
  'getDraft',
  'deleteDraft',
  'updateDraft',
  'countDraft',
  'batchGetDraft',
  'getMaterialCount',
  'batchGetMaterial',
  'getMaterial',
  'deleteMaterial',
  'uploadImage',
  'addNews',
] as const satisfies readonly OperationId[];

/** success for a branch WeChat sends when the call worked; error when every errcode it allows is non-zero (45065 too). */
export type BranchKind = 'success' | 'error';

export interface ResponseBranch {
  /** The component the oneOf entry names, e.g. SendSuccess or ClientMsgIdExist. */
  readonly name: string;
  readonly kind: BranchKind;
  /** The errcodes the branch allows; empty when it has no errcode enum. */
  readonly errcodes: readonly number[];
  /** JSON Schema with $refs resolved and OpenAPI 3.0's nullable rewritten. */
  readonly schema: JsonSchema;
}

export interface OperationInfo {
  readonly operationId: OperationId;
  /** Upper case, as in a request line. */
  readonly method: string;
  readonly path: string;
  readonly takesAccessToken: boolean;
  /** The HTTP statuses the operation documents (WeChat: only 200). */
  readonly statuses: readonly number[];
  /** The media types of the 200 answer, lower case and without parameters. */
  readonly mediaTypes: readonly string[];
  /**
   * Those of `mediaTypes` whose answer is a file, not JSON (`format: binary`): getMaterial answers an
   * image, voice or thumb as the file itself.
   */
  readonly fileMediaTypes: readonly string[];
  /** The 200 answer's schema: a oneOf over `branches`. */
  readonly responseSchema: JsonSchema;
  readonly branches: readonly ResponseBranch[];
  /** The union of the error branches' errcodes, sorted. */
  readonly errcodes: readonly number[];
  /** The request body's schema, when the operation documents one. */
  readonly requestSchema: JsonSchema | undefined;
}

let operationsById: ReadonlyMap<string, OperationInfo> | undefined;

function loadOperations(): ReadonlyMap<string, OperationInfo> {
  if (operationsById) return operationsById;
  const doc = parseYaml(readFileSync(packageFile('openapi.yaml'), 'utf8')) as OpenApiDocument;
  const map = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.operationId) continue;
      map.set(operation.operationId, describeOperation(doc, method.toUpperCase(), path, operation));
    }
  }
  const listed = [...operationIds].sort().join(', ');
  const found = [...map.keys()].sort().join(', ');
  if (listed !== found) throw new Error(`contracts/load-spec.ts operationIds (${listed}) differ from openapi.yaml (${found})`);
  operationsById = map;
  return map;
}

function describeOperation(doc: OpenApiDocument, method: string, path: string, operation: OpenApiOperation): OperationInfo {
  const operationId = operation.operationId as OperationId;
  const ok = resolve(doc, operation.responses['200']) as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
  const content = ok?.content ?? {};
  const isFile = (schema: JsonSchema | undefined) => schema?.['format'] === 'binary';
  // The JSON answer is the one that is not a file; a file's schema is a plain binary string.
  const raw = Object.values(content).find((media) => !isFile(media.schema))?.schema;
  const entries = raw?.['oneOf'];
  if (!Array.isArray(entries)) throw new Error(`openapi.yaml: ${operationId}'s 200 answer is not a oneOf`);
  const branches = entries.map((entry: unknown): ResponseBranch => {
    const ref = (entry as { $ref?: string }).$ref;
    const schema = toJsonSchema(doc, entry);
    const errcodes = errcodeEnum(schema);
    return {
      name: ref ? ref.slice(ref.lastIndexOf('/') + 1) : 'inline',
      kind: errcodes.length > 0 && !errcodes.includes(0) ? 'error' : 'success',
      errcodes,
      schema,
    };
  });
  const errcodes = [...new Set(branches.filter((b) => b.kind === 'error').flatMap((b) => b.errcodes))].sort((a, b) => a - b);
  const parameters = (operation.parameters ?? []).map((p) => resolve(doc, p) as { name?: string; in?: string });
  const body = resolve(doc, operation.requestBody) as { content?: Record<string, { schema?: unknown }> } | undefined;
  const requestRaw = body?.content ? Object.values(body.content)[0]?.schema : undefined;
  return {
    operationId,
    method,
    path,
    takesAccessToken: parameters.some((p) => p.name === 'access_token' && p.in === 'query'),
    statuses: Object.keys(operation.responses).map(Number),
    mediaTypes: Object.keys(content).map((type) => type.toLowerCase()),
    fileMediaTypes: Object.entries(content)
      .filter(([, media]) => isFile(media.schema))
      .map(([type]) => type.toLowerCase()),
    responseSchema: { oneOf: branches.map((b) => b.schema) },
    branches,
    errcodes,
    requestSchema: requestRaw === undefined ? undefined : toJsonSchema(doc, requestRaw),
  };
}

function errcodeEnum(schema: JsonSchema): number[] {
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  const values = properties?.['errcode']?.['enum'];
  return Array.isArray(values) ? values.filter((v): v is number => typeof v === 'number') : [];
}

/** The operation named `operationId`, or undefined when openapi.yaml has none. */
export function getOperation(operationId: string): OperationInfo | undefined {
  return loadOperations().get(operationId);
}

/** The operation served at `method` and `path` (a query string is ignored), or undefined. */
export function findOperation(method: string, path: string): OperationInfo | undefined {
  const bare = path.split('?')[0];
  const upper = method.toUpperCase();
  for (const info of loadOperations().values()) {
    if (info.method === upper && info.path === bare) return info;
  }
  return undefined;
}

/** The errcodes `operationId` documents (its error branches, 45065 included); throws for an unknown operation. */
export function documentedErrcodes(operationId: string): readonly number[] {
  const info = getOperation(operationId);
  if (!info) throw new Error(`openapi.yaml has no operation "${operationId}"; known: ${operationIds.join(', ')}`);
  return info.errcodes;
}

let ajv: Ajv | undefined;
const validatorCache = new Map<JsonSchema, ValidateFunction>();

/**
 * The cached ajv validator for a schema from this module (a branch or a request schema). Bodies
 * are never coerced: a string where WeChat sends a number is exactly what the kit must catch.
 * ajv-formats' full set already treats int32/int64 as number formats.
 */
export function compiledValidator(schema: JsonSchema): ValidateFunction {
  let validate = validatorCache.get(schema);
  if (!validate) {
    ajv ??= newAjv({ strict: false, allErrors: true, coerceTypes: false });
    validate = ajv.compile(schema);
    validatorCache.set(schema, validate);
  }
  return validate;
}
