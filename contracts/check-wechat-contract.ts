/** The kit for runners other than vitest: check a response, get `pass`, the violations and a printable message. */
import { toExchange, type SupertestLike } from './adapters.js';
import { validateExchange, type Exchange, type ValidateOptions } from './validate-exchange.js';
import { formatViolation, type Violation } from './violations.js';

export interface ContractCheck {
  readonly pass: boolean;
  readonly violations: readonly Violation[];
  /** One line when it passes; otherwise a heading and one line a violation. */
  readonly message: string;
}

export function checkWechatContract(operationId: string, response: Response, options?: ValidateOptions): Promise<ContractCheck>;
export function checkWechatContract(operationId: string, response: SupertestLike | Exchange, options?: ValidateOptions): ContractCheck;
export function checkWechatContract(
  operationId: string,
  response: Response | SupertestLike | Exchange,
  options: ValidateOptions = {},
): ContractCheck | Promise<ContractCheck> {
  const exchange = toExchange(response);
  return exchange instanceof Promise ? exchange.then((e) => summarize(operationId, e, options)) : summarize(operationId, exchange, options);
}

/** The check of an Exchange already in hand. */
export function summarize(operationId: string, exchange: Exchange, options: ValidateOptions): ContractCheck {
  const violations = validateExchange(operationId, exchange, options);
  if (violations.length === 0) {
    return { pass: true, violations, message: `${operationId}: HTTP ${exchange.status} matches openapi.yaml` };
  }
  const count = violations.length === 1 ? '1 contract violation' : `${violations.length} contract violations`;
  return { pass: false, violations, message: [`${operationId}: ${count} in HTTP ${exchange.status}`, ...violations.map((v) => `  ${formatViolation(v)}`)].join('\n') };
}
