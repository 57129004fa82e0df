import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an Authorization header carries `token`: the scheme `Bearer` in any case (RFC 9110 §11.1),
 * the token compared in constant time over SHA-256 digests, so neither its characters nor its
 * length show in the timing. Only the header counts: never a query parameter or a cookie.
 */
export function bearerTokenCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    if (authorization === undefined) return false;
    const space = authorization.indexOf(' ');
    if (space === -1 || authorization.slice(0, space).toLowerCase() !== 'bearer') return false;
    return timingSafeEqual(digest(authorization.slice(space + 1).trimStart()), expected);
  };
}
