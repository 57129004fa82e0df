/** What a control operation answers: a value, or an error the control API sends as HTTP 4xx. */
export type ControlErrorCode = 'invalid_request' | 'not_found' | 'conflict' | 'unauthorized';

/** The HTTP status each control error goes out with. */
export const CONTROL_ERROR_STATUS: Record<ControlErrorCode, number> = { invalid_request: 400, unauthorized: 401, not_found: 404, conflict: 409 };

export type ControlRefusal = { ok: false; error: ControlErrorCode; message: string };

export type ControlResult<T> = { ok: true; value: T } | ControlRefusal;

export const done = <T>(value: T): ControlResult<T> => ({ ok: true, value });
export const refuse = (error: ControlErrorCode, message: string): ControlRefusal => ({ ok: false, error, message });
