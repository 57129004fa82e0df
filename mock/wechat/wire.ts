/**
 * The wire shapes of the WeChat operations, taken from the types generated from openapi.yaml.
 */
import type { operations } from '../../contracts/generated/openapi.js';

export type OperationId = keyof operations;

/** The 200 body of an operation: its success or error branch. */
export type WxJson<Op extends OperationId> = operations[Op]['responses'][200]['content']['application/json'];

/** WeChat's real Content-Type, with its non-standard `encoding=` parameter. */
export const WECHAT_CONTENT_TYPE = 'application/json; encoding=utf-8';
