/**
 * Checks one answer against openapi.yaml: status, Content-Type, JSON, exactly one oneOf branch,
 * a documented errcode, and the branch the caller expected; or, where the operation documents a
 * file answer (getMaterial's image), a file, which is a success. Plain data in, findings out.
 */
import type { ErrorObject } from 'ajv';
import { compiledValidator, getOperation, operationIds, type BranchKind, type OperationInfo, type ResponseBranch } from './load-spec.js';
import { excerpt, schemaViolations } from './schema-violations.js';
import type { Violation } from './violations.js';

/** A plain record (any key case, e.g. node's IncomingHttpHeaders) or a fetch Headers object. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | number | undefined>>;

export interface Exchange {
  readonly status: number;
  readonly headers: HeadersLike;
  /** The body as received, undecoded: the kit must see a string where a number belongs. */
  readonly body: string;
}

export interface ValidateOptions {
  /** The branch the call should have produced; 45065's ClientMsgIdExist counts as an error. */
  readonly expect?: BranchKind;
  /** A fault was injected on purpose: a 4xx/5xx answer is then legitimate and its body unchecked. */
  readonly faultInjected?: boolean;
}

export function validateExchange(operationId: string, exchange: Exchange, options: ValidateOptions = {}): Violation[] {
  const operation = getOperation(operationId);
  if (!operation) {
    return [{
      check: 'unknown-operation',
      where: 'operation',
      message: `"${operationId}" is not an operationId of openapi.yaml (known: ${operationIds.join(', ')})`,
      actual: operationId,
    }];
  }
  const transport = checkTransport(operation, exchange, options);
  if (transport) return transport;
  if (operation.fileMediaTypes.includes(mediaTypeOf(exchange.headers))) return checkFile(operation, options);
  let body: unknown;
  try {
    body = JSON.parse(exchange.body);
  } catch {
    return [{
      check: 'json-body',
      where: 'body',
      message: exchange.body.trim() === '' ? 'the body is empty; the contract needs a JSON object' : `the body is not JSON: ${excerpt(exchange.body)}`,
      actual: excerpt(exchange.body),
    }];
  }
  return checkBody(operation, body, options);
}

/** Status and Content-Type; a list means stop there, since the body has no documented meaning. */
function checkTransport(operation: OperationInfo, exchange: Exchange, options: ValidateOptions): Violation[] | undefined {
  const { status } = exchange;
  if (!operation.statuses.includes(status)) {
    if (options.faultInjected) return [];
    if (status >= 500) {
      return [{
        check: 'no-5xx',
        where: 'status',
        message: `HTTP ${status} without an injected fault: the server failed (WeChat answers every call, errors included, with HTTP 200)`,
        expected: operation.statuses,
        actual: status,
      }];
    }
    return [{
      check: 'status-documented',
      where: 'status',
      message: `HTTP ${status} is not documented for ${operation.operationId}: WeChat answers business errors with HTTP 200 and an errcode in the body`,
      expected: operation.statuses,
      actual: status,
    }];
  }
  const contentType = header(exchange.headers, 'content-type');
  if (contentType === undefined) {
    return [{ check: 'content-type', where: 'headers.content-type', message: 'the answer has no Content-Type; the contract documents application/json', expected: operation.mediaTypes }];
  }
  if (!operation.mediaTypes.includes(mediaTypeOf(exchange.headers))) {
    return [{
      check: 'content-type',
      where: 'headers.content-type',
      message: `Content-Type "${contentType}" is not documented; the contract documents ${operation.mediaTypes.join(', ')}`,
      expected: operation.mediaTypes,
      actual: contentType,
    }];
  }
  return undefined;
}

/** The Content-Type's media type, lower case and without parameters ('' without one). */
function mediaTypeOf(headers: HeadersLike): string {
  return ((header(headers, 'content-type') ?? '').split(';')[0] ?? '').trim().toLowerCase();
}

/** A file answer is the operation working: only a caller that expected an error is let down. */
function checkFile(operation: OperationInfo, options: ValidateOptions): Violation[] {
  if (options.expect !== 'error') return [];
  return [{ check: 'expected-branch', where: 'body', message: `expected an error, got a file (${operation.operationId} answers an image, voice or thumb as the file itself)`, expected: 'error', actual: 'success' }];
}

function checkBody(operation: OperationInfo, body: unknown, options: ValidateOptions): Violation[] {
  const violations: Violation[] = [];
  const errcode = (body as { errcode?: unknown } | null)?.errcode;
  const undocumented = typeof errcode === 'number' && errcode !== 0 && !operation.errcodes.includes(errcode);
  if (undocumented) {
    violations.push({
      check: 'errcode-documented',
      where: 'body.errcode',
      message: `errcode ${errcode} is not one ${operation.operationId} documents (documented: ${operation.errcodes.join(', ')})`,
      expected: operation.errcodes,
      actual: errcode,
    });
  }
  const results = operation.branches.map((branch) => {
    const validate = compiledValidator(branch.schema);
    return { branch, errors: validate(body) ? [] : [...(validate.errors ?? [])] };
  });
  const matched = results.filter((r) => r.errors.length === 0).map((r) => r.branch);
  let answered: ResponseBranch | undefined;
  if (matched.length === 1) {
    answered = matched[0];
  } else if (matched.length > 1) {
    violations.push({
      check: 'one-of-exactly-one',
      where: 'body',
      message: `the body matches ${matched.length} oneOf branches (${matched.map((b) => b.name).join(', ')}); the contract needs exactly one`,
      actual: matched.map((b) => b.name),
    });
  } else {
    const closest = closestBranch(results, errcode);
    answered = closest.branch;
    // An undocumented errcode already has its own violation; its enum failure would only repeat it.
    const errors = undocumented ? closest.errors.filter((e) => !(e.keyword === 'enum' && e.instancePath === '/errcode')) : closest.errors;
    violations.push(...schemaViolations(errors, body, closest.branch, operation.branches.length));
  }
  if (options.expect && answered && answered.kind !== options.expect) {
    violations.push({
      check: 'expected-branch',
      where: 'body',
      // A success body may hold an access_token, so only an error's body is quoted.
      message: answered.kind === 'error'
        ? `expected a success, got an error: ${describeError(body)}`
        : `expected an error, got a success (${answered.name})`,
      expected: options.expect,
      actual: answered.kind,
    });
  }
  return violations;
}

interface BranchResult {
  readonly branch: ResponseBranch;
  readonly errors: readonly ErrorObject[];
}

/**
 * The branch the server most likely meant: one of the kind the body looks like (a non-zero errcode
 * means error), then one whose errcode enum holds the body's errcode, then the fewest ajv errors.
 */
function closestBranch(results: readonly BranchResult[], errcode: unknown): BranchResult {
  const looksLikeError = errcode !== undefined && Number(errcode) !== 0;
  const rank = ({ branch, errors }: BranchResult): number[] => [
    (branch.kind === 'error') === looksLikeError ? 0 : 1,
    typeof errcode === 'number' ? (branch.errcodes.includes(errcode) ? 0 : 1) : 0,
    errors.length,
  ];
  let best = results[0] as BranchResult;
  for (const result of results.slice(1)) {
    const [a, b] = [rank(result), rank(best)];
    const index = a.findIndex((value, i) => value !== b[i]);
    if (index >= 0 && (a[index] as number) < (b[index] as number)) best = result;
  }
  return best;
}

function describeError(body: unknown): string {
  const { errcode, errmsg } = (body ?? {}) as { errcode?: unknown; errmsg?: unknown };
  return `errcode ${JSON.stringify(errcode)}${typeof errmsg === 'string' ? ` "${errmsg}"` : ''}`;
}

/** A header's value, whatever the case of its name; repeated values joined as HTTP joins them. */
function header(headers: HeadersLike, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : String(value);
  }
  return undefined;
}
