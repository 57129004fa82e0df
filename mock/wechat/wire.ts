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

/**
 * A file WeChat answers as itself, not as JSON: getMaterial's image, voice or thumb. Only an
 * operation whose contract documents the file's media type may answer one.
 */
export class WxFile {
  constructor(
    readonly filename: string,
    readonly bytes: Buffer,
  ) {}
}

/** The media type a file answer goes out as: WeChat's, as reported (w7corp/easywechat#290). */
export const WECHAT_FILE_CONTENT_TYPE = 'text/plain';

type FileOf<Op extends OperationId> = typeof WECHAT_FILE_CONTENT_TYPE extends keyof operations[Op]['responses'][200]['content'] ? WxFile : never;

/** The success branch of an operation's answer, or a file where its contract documents one. */
export type WxSuccess<Op extends OperationId> = SuccessOf<WxJson<Op>> | FileOf<Op>;

/** WeChat's real Content-Type, with its non-standard `encoding=` parameter. */
export const WECHAT_CONTENT_TYPE = 'application/json; encoding=utf-8';
