/** The contract kit's public surface: `import { validateExchange, checkWechatContract } from 'wechat-mass-mock/contracts'`. */
export { fromFetchResponse, fromSupertest } from './adapters.js';
export type { SupertestLike } from './adapters.js';
export { checkWechatContract } from './check-wechat-contract.js';
export type { ContractCheck } from './check-wechat-contract.js';
export { documentedErrcodes, findOperation, getOperation, operationIds } from './load-spec.js';
export type { BranchKind, JsonSchema, OperationId, OperationInfo, ResponseBranch } from './load-spec.js';
export { validateExchange } from './validate-exchange.js';
export type { Exchange, HeadersLike, ValidateOptions } from './validate-exchange.js';
export { formatViolation } from './violations.js';
export type { CheckName, Violation } from './violations.js';
