/** What a control operation answers: a value, or an error the control API sends as HTTP 4xx. */
export type ControlError = 'invalid_request' | 'not_found' | 'conflict' | 'unauthorized';

export type ControlResult<T> = { ok: true; value: T } | { ok: false; error: ControlError; message: string };

export const done = <T>(value: T): ControlResult<T> => ({ ok: true, value });
export const refuse = (error: ControlError, message: string): { ok: false; error: ControlError; message: string } => ({ ok: false, error, message });
