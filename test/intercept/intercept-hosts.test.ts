import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERCEPT_HOSTS, interceptHostList } from '../../mock/intercept/intercept-hosts.js';

describe('the intercepted host list', () => {
  it('defaults to WeChat\'s API hosts, the upload host among them', () => {
    expect(DEFAULT_INTERCEPT_HOSTS).toEqual(['api.weixin.qq.com', 'api2.weixin.qq.com', 'sh.api.weixin.qq.com', 'sz.api.weixin.qq.com', 'hk.api.weixin.qq.com', 'file.api.weixin.qq.com']);
  });

  it('is lower-cased, trimmed, stripped of a final dot, deduplicated and sorted', () => {
    expect(interceptHostList([' API.Weixin.QQ.com.', 'api.weixin.qq.com', 'wx-test.invalid'])).toEqual(['api.weixin.qq.com', 'wx-test.invalid']);
  });

  it.each(['127.0.0.1', '::1', '[::1]', '*.weixin.qq.com', 'api.weixin.qq.com:443', 'http://api.weixin.qq.com', '', '-bad.invalid', 'a..invalid'])('refuses %j, naming it', (host) => {
    expect(() => interceptHostList([host])).toThrow(`"${host}" is not a DNS name`);
  });

  it('refuses an empty list', () => {
    expect(() => interceptHostList([])).toThrow(/empty/);
  });
});
