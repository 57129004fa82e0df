/** What the contract kit reports: findings as plain data, so any runner can print or assert on them. */

/** The check that found a problem, named after Schemathesis's checks where one exists. */
export type CheckName =
  /** The operationId is not in openapi.yaml. */
  | 'unknown-operation'
  /** HTTP 5xx without an injected fault. */
  | 'no-5xx'
  /** A status the operation does not document (WeChat documents only 200). */
  | 'status-documented'
  /** Content-Type missing, or a media type the operation does not document. */
  | 'content-type'
  /** The body is empty or not JSON. */
  | 'json-body'
  /** The body matches no oneOf branch; one violation per problem in the closest branch. */
  | 'schema'
  /** The body matches more than one oneOf branch. */
  | 'one-of-exactly-one'
  /** An errcode the operation does not document. */
  | 'errcode-documented'
  /** A success where an error was expected, or the other way round. */
  | 'expected-branch'
  /** The contract suite: an error, but not the errcode the scenario provokes. */
  | 'expected-errcode'
  /** The contract suite: a field whose value breaks the simulated behaviour (msg_status SENDING, say). */
  | 'expected-value'
  /** The contract suite: no answer (connection refused or reset, timeout) or a control API failure. */
  | 'request-failed'
  /** The contract suite: Prism, proxying, located a problem in the response (its sl-violations header). */
  | 'prism-response';

export interface Violation {
  readonly check: CheckName;
  /** Where the problem is: `status`, `headers.content-type`, `body`, `body.msg_id`, `body.touser[0]`. */
  readonly where: string;
  /** One sentence a person can act on. */
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

/** One line a violation: `[schema] body.msg_id: must be integer, got string "3147494522"`. */
export function formatViolation(violation: Violation): string {
  return `[${violation.check}] ${violation.where}: ${violation.message}`;
}
