/**
 * `expect(res).toMatchWechatContract('getSpeed')` for vitest, registered on import:
 *   import 'wechat-mass-mock/vitest';
 * A supertest response is checked at once; a fetch Response is read asynchronously, so
 * `await expect(response).toMatchWechatContract('getSpeed')`.
 */
import { expect } from 'vitest';
import { toExchange } from './adapters.js';
import { summarize } from './check-wechat-contract.js';
import type { Exchange, ValidateOptions } from './validate-exchange.js';

declare module 'vitest' {
  interface Assertion<T = any> {
    /** Checks the response against openapi.yaml; awaitable (and to be awaited) for a fetch Response. */
    toMatchWechatContract(operationId: string, options?: ValidateOptions): T extends Response ? Promise<void> : void;
  }
  interface AsymmetricMatchersContaining {
    /** As an asymmetric matcher: only for values checkable at once (supertest responses, Exchanges). */
    toMatchWechatContract(operationId: string, options?: ValidateOptions): unknown;
  }
}

function result(operationId: string, exchange: Exchange, options: ValidateOptions | undefined) {
  const check = summarize(operationId, exchange, options ?? {});
  return {
    pass: check.pass,
    message: () => (check.pass ? `expected the ${operationId} answer not to match openapi.yaml, but it does` : check.message),
  };
}

expect.extend({
  toMatchWechatContract(received: unknown, operationId: string, options?: ValidateOptions) {
    const exchange = toExchange(received);
    return exchange instanceof Promise ? exchange.then((e) => result(operationId, e, options)) : result(operationId, exchange, options);
  },
});
