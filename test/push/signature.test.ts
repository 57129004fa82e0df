import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wechatSignature } from '../../mock/push/signature.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('wechatSignature', () => {
  it("signs the doc's POST example (token AAAAA, timestamp 1714037059, nonce 486452656)", () => {
    expect(wechatSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it("signs the doc's GET verification example (timestamp 1714036504, nonce 1514711492)", () => {
    expect(wechatSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });

  it('gives the same signature whatever order the parts come in', () => {
    expect(wechatSignature('486452656', 'AAAAA', '1714037059')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it('sorts as strings, not numbers ("10" before "9")', () => {
    expect(wechatSignature('9', '10')).toBe(sha1('109'));
  });

  it('signs four parts for msg_signature (token, timestamp, nonce, Encrypt)', () => {
    expect(wechatSignature('AAAAA', '1714037059', '486452656', 'ENC')).toBe(sha1('1714037059486452656AAAAAENC'));
  });

  it('leaves an array spread into it in its original order', () => {
    const parts = ['b', 'a'];
    wechatSignature(...parts);
    expect(parts).toEqual(['b', 'a']);
  });
});
