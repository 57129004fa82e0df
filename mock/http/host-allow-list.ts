/**
 * The Host names the mock answers to, against DNS rebinding: a page whose name an attacker's DNS
 * points at 127.0.0.1 reaches the mock with that name in Host, so only names known to be this machine
 * (or named by --allowed-hosts) are admitted. Names are compared without the port, in any case.
 */
import { isIPv6 } from 'node:net';

/** What a client on this machine puts in Host, whichever loopback address it dialled. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface HostAllowList {
  /** The names admitted, normalised; `.example.test` admits it and its subdomains. */
  names: readonly string[];
  /** Whether `authority` (`host[:port]`, as in Host or in an origin) names an admitted host. */
  admits(authority: string): boolean;
}

/** Where the host name in `host[:port]` ends: after the `]` of an IPv6 literal, else at the first colon. */
export function hostNameEnd(authority: string): number {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    return close === -1 ? authority.length : close + 1;
  }
  const colon = authority.indexOf(':');
  return colon === -1 ? authority.length : colon;
}

const NAME = /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** An --allowed-hosts entry as Host carries it: lower case, an IPv6 address in brackets; a bad entry throws, saying why. */
export function allowedHostName(entry: string): string {
  const name = entry.trim().toLowerCase();
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  // Browsers write IPv6 compressed ([::1], never [0:0::1]); URL does the same.
  if (isIPv6(bare)) return new URL(`http://[${bare}]/`).hostname;
  if (NAME.test(name)) return name;
  throw new Error(`"${entry}" is not a host name: give names like wechat-mock or .example.test (itself and its subdomains), or IP addresses, without a scheme or port`);
}

export function hostAllowList(entries: readonly string[]): HostAllowList {
  const names = [...new Set(entries.map(allowedHostName))];
  const exact = names.filter((name) => !name.startsWith('.'));
  const exactSet = new Set(exact);
  const domains = names.filter((name) => name.startsWith('.')).map((suffix) => ({ suffix, apex: suffix.slice(1) }));
  return {
    names,
    admits(authority) {
      const end = hostNameEnd(authority);
      // Clients send Host in lower case: this loop answers them without allocating, on every /cgi-bin call.
      for (const name of exact) if (name.length === end && authority.startsWith(name)) return true;
      const name = authority.slice(0, end).toLowerCase();
      return exactSet.has(name) || domains.some(({ suffix, apex }) => name === apex || name.endsWith(suffix));
    },
  };
}
