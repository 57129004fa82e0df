/**
 * The origins whose pages may change the mock, against cross-site writes: a page on any site can
 * POST text/plain or a form to the mock without a preflight, but its browser names the page's origin
 * in Origin. Admitted: the mock's own pages (http, an admitted host, the port the request came to)
 * and the --allowed-origins entries. Clients that send no Origin (curl, SDKs, tests) are not asked.
 */
import { hostNameEnd, type HostAllowList } from './host-allow-list.js';

export interface OriginAllowList {
  /** Whether a page of `origin` may change the mock, for a request that came with `host` in its Host header. */
  admits(origin: string, host: string | undefined): boolean;
}

/** An --allowed-origins entry as browsers write Origin (`http://localhost:5173`); a bad entry throws, saying why. */
export function allowedOrigin(entry: string): string {
  let url: URL | undefined;
  try {
    url = new URL(entry.trim());
  } catch {
    // answered below, as any entry that is not an origin
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`"${entry}" is not an origin: give scheme, host and port, e.g. http://localhost:5173`);
  }
  return url.origin;
}

/** The port after the host name: 80 when none is written (plain HTTP's default); undefined when what follows is no port. */
function portOf(authority: string, end: number): string | undefined {
  if (end === authority.length) return '80';
  const port = authority.slice(end + 1);
  return authority.charCodeAt(end) === 58 /* : */ && /^[0-9]{1,5}$/.test(port) ? String(Number(port)) : undefined;
}

/** `hosts` undefined: any Host is admitted. */
export function originAllowList(hosts: HostAllowList | undefined, entries: readonly string[] = []): OriginAllowList {
  const listed = new Set(entries.map(allowedOrigin));
  return {
    admits(origin, host) {
      const lower = origin.toLowerCase();
      if (listed.has(lower)) return true;
      // The mock serves /__mock over plain HTTP only, so its own pages are http:// ones.
      if (host === undefined || !lower.startsWith('http://')) return false;
      const authority = lower.slice('http://'.length);
      const end = hostNameEnd(authority);
      const hostEnd = hostNameEnd(host);
      // Any Host admitted (bound beyond loopback): only the name the request itself came to is the mock's own.
      const named = hosts === undefined ? authority.slice(0, end) === host.slice(0, hostEnd).toLowerCase() : hosts.admits(authority);
      const port = portOf(authority, end);
      return named && port !== undefined && port === portOf(host, hostEnd);
    },
  };
}
