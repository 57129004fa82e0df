/**
 * The wire shapes of the WeChat operations, taken from the types generated from openapi.yaml.
 */
import type { operations } from '../../contracts/generated/openapi.js';
import type { OperationId } from '../../contracts/load-spec.js';

export type { OperationId } from '../../contracts/load-spec.js';

/** The 200 body of an operation: its success or error branch. */
export type WxJson<Op extends OperationId> = operations[Op]['responses'][200]['content']['application/json'];

/** The branches of `Body` that are a success: errcode 0, or no errcode at all (getSpeed, massmsgget, the tokens). */
type SuccessOf<Body> = Body extends { errcode: 0 } ? Body : Body extends { errcode: unknown } ? never : Body;

/** The success branch of an operation's answer. */
export type WxSuccess<Op extends OperationId> = SuccessOf<WxJson<Op>>;

/** WeChat's real Content-Type, with its non-standard `encoding=` parameter. */
export const WECHAT_CONTENT_TYPE = 'application/json; encoding=utf-8';
