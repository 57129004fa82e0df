/**
 * Reading request fields as loosely as WeChat does: numbers may come as numeric strings
 * (`"0"`, `"3147494522"`), and unknown fields are ignored.
 */

/** A JSON object body, as parsed; only own fields are ever read. */
export type Body = Record<string, unknown>;

export function field(body: Body, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

export function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative safe integer given as a number or a string of digits; undefined otherwise. */
export function looseInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^[0-9]{1,16}$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}
