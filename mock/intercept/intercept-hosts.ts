/** The hosts intercept mode answers for, and the check every host list passes. */

/** WeChat's API hosts: the main one, its regional and backup names, and the upload host co-wechat-api and wechat-api use. */
export const DEFAULT_INTERCEPT_HOSTS: readonly string[] = [
  'api.weixin.qq.com',
  'api2.weixin.qq.com',
  'sh.api.weixin.qq.com',
  'sz.api.weixin.qq.com',
  'hk.api.weixin.qq.com',
  'file.api.weixin.qq.com',
];

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The list in lower case, without duplicates, sorted (so the CA's name constraints do not depend on
 * the order given). Only DNS names: the CA excludes every IP address, and a wildcard would widen
 * what it may sign. Throws a RangeError naming the first bad entry.
 */
export function interceptHostList(hosts: readonly string[]): string[] {
  if (hosts.length === 0) throw new RangeError('the intercepted host list is empty');
  const out = new Set<string>();
  for (const raw of hosts) {
    const host = raw.trim().toLowerCase().replace(/\.$/, '');
    const labels = host.split('.');
    if (host.length > 253 || !labels.every((label) => LABEL.test(label)) || /^[0-9]+$/.test(labels.at(-1)!)) {
      throw new RangeError(`"${raw}" is not a DNS name: intercept mode takes host names such as api.weixin.qq.com, never an IP address, a port or a wildcard`);
    }
    out.add(host);
  }
  return [...out].sort();
}
