import type { WxErrcode } from './errors.js';

/** What a rule answers: a value, or the WeChat error to send (45065 also carries the existing msg_id). */
export type Result<T> = { ok: true; value: T } | { ok: false; errcode: WxErrcode; msg_id?: number };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (errcode: WxErrcode, msg_id?: number): { ok: false; errcode: WxErrcode; msg_id?: number } =>
  msg_id === undefined ? { ok: false, errcode } : { ok: false, errcode, msg_id };
