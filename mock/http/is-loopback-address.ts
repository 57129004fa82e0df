import { isLoopbackUrl } from '../push/verify-callback.js';

/** Whether a listen address (127.0.0.1, ::1, localhost; not 0.0.0.0 or ::) keeps the mock on this machine, judged as callback URLs are. */
export function isLoopbackAddress(address: string): boolean {
  return isLoopbackUrl(`http://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}/`);
}
