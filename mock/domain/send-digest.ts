/**
 * The digest WeChat uses as a send's clientmsgid when none is given: of its scope and content. Keys
 * are sorted first, so the same send written with its fields in another order has the same digest.
 * Prefixed, and 50 characters long, so it does not pass for a clientmsgid a caller would choose.
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}

export function sendDigest(msgtype: string, payload: unknown, scope: unknown): string {
  const text = JSON.stringify(canonical({ msgtype, payload, scope }));
  return `digest:${createHash('sha256').update(text).digest('base64url')}`;
}
