/** The fixtures' own signature helper, checked against WeChat's worked examples before any push test trusts it. */
import { describe, expect, it } from 'vitest';
import { sign } from './push-fixtures.js';

describe('the signature helper the handler uses', () => {
  it('matches the doc\'s worked example (token AAAAA, timestamp 1714037059, nonce 486452656)', () => {
    expect(sign('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(sign('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });
});
