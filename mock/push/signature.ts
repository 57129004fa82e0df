/**
 * WeChat's callback signature: sha1 over the parts sorted as strings and joined with nothing.
 * The same rule signs a plain push (`signature` over token, timestamp, nonce) and a safe-mode body
 * (`msg_signature` over token, timestamp, nonce, Encrypt), so one function serves both.
 */
import { createHash } from 'node:crypto';

export function wechatSignature(...parts: string[]): string {
  // A string sort, not a numeric one: the doc's example sorts "1714037059" before "486452656".
  // Copy first so the caller's array (when spread from one) is never reordered.
  const joined = [...parts].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}
