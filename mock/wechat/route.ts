/**
 * A route: how the request path serves one operation of openapi.yaml. Its answer is typed from the
 * generated `operations[...]` of its own operationId, so a rule answering another operation's shape
 * does not compile.
 */
import type { DomainContext } from '../domain/domain-context.js';
import type { Body } from '../domain/loose.js';
import type { Result } from '../domain/result.js';
import type { App } from '../domain/store.js';
import type { OperationId, WxSuccess } from './wire.js';

/** What a body may weigh unless its route says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** What a multipart upload may weigh: the largest file a type takes (10 MB) with room to spare. */
export const MULTIPART_MAX_BODY_BYTES = 20 * 1024 * 1024;

export type HttpMethod = 'GET' | 'POST';

export interface Route<Op extends OperationId> {
  readonly operationId: Op;
  /** The methods it answers; any other is 43002. */
  readonly methods: readonly HttpMethod[];
  /**
   * Who calls: an `access_token` in the query (checked first of all), or `credentials` (appid, secret
   * and grant_type among the parameters: the token operations).
   */
  readonly auth: 'access_token' | 'credentials';
  /**
   * Where its parameters are: a JSON body (44002 empty, 47001 not JSON), the query, nowhere (getSpeed
   * ignores its body), or a multipart body and the query together (44002 empty, 41005 not a form).
   */
  readonly params: 'json' | 'query' | 'none' | 'multipart';
  /** Bodies over this many bytes are answered 413 without being read further. */
  readonly maxBodyBytes: number;
  run(ctx: DomainContext, app: App, params: Body): Result<WxSuccess<Op>>;
}

export type AnyRoute = { [Op in OperationId]: Route<Op> }[OperationId];

type RouteSpec<Op extends OperationId> = Omit<Route<Op>, 'operationId' | 'maxBodyBytes'> & { maxBodyBytes?: number };

/** A route for `operationId`; the type parameter ties `run`'s answer to that operation. */
export function route<Op extends OperationId>(operationId: Op, spec: RouteSpec<Op>): Route<Op> {
  return { operationId, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, ...spec };
}
