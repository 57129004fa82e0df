import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sendDigest } from '../../mock/domain/send-digest.js';

const sha = (text: string) => `digest:${createHash('sha256').update(text).digest('base64url')}`;

describe('sendDigest', () => {
  it('is "digest:" and the base64url SHA-256 of the msgtype, payload and scope as JSON with sorted keys: 50 characters', () => {
    const digest = sendDigest('text', { content: 'hi' }, { is_to_all: true });
    expect(digest).toBe(sha('{"msgtype":"text","payload":{"content":"hi"},"scope":{"is_to_all":true}}'));
    expect(digest).toHaveLength(50);
    expect(digest).toMatch(/^digest:[A-Za-z0-9_-]{43}$/);
  });

  it('sorts the keys at every depth, so the same send written in another order has the same digest', () => {
    const a = sendDigest('mpnews', { media_id: 'm', extra: { b: 1, a: [{ y: 2, x: 1 }] } }, { tag_id: 5, z: 0 });
    const b = sendDigest('mpnews', { extra: { a: [{ x: 1, y: 2 }], b: 1 }, media_id: 'm' }, { z: 0, tag_id: 5 });
    expect(a).toBe(b);
    expect(a).toBe(sha('{"msgtype":"mpnews","payload":{"extra":{"a":[{"x":1,"y":2}],"b":1},"media_id":"m"},"scope":{"tag_id":5,"z":0}}'));
  });

  it('keeps the order of arrays: they are lists, not sets', () => {
    expect(sendDigest('text', { content: 'x' }, { touser: ['a', 'b'] })).not.toBe(sendDigest('text', { content: 'x' }, { touser: ['b', 'a'] }));
  });

  it('differs when the msgtype, the payload or the scope differs', () => {
    const base = sendDigest('text', { content: 'x' }, { tag_id: 1 });
    expect(sendDigest('wxcard', { content: 'x' }, { tag_id: 1 })).not.toBe(base);
    expect(sendDigest('text', { content: 'y' }, { tag_id: 1 })).not.toBe(base);
    expect(sendDigest('text', { content: 'x' }, { tag_id: 2 })).not.toBe(base);
    expect(sendDigest('text', { content: 'x' }, { tag_id: 1 })).toBe(base);
  });

  it('takes null, numbers, strings and booleans as they are', () => {
    expect(sendDigest('text', null, { is_to_all: true })).toBe(sha('{"msgtype":"text","payload":null,"scope":{"is_to_all":true}}'));
    expect(sendDigest('text', { n: null, k: [1, 'a', false] }, 7)).toBe(sha('{"msgtype":"text","payload":{"k":[1,"a",false],"n":null},"scope":7}'));
    expect(sendDigest('text', 'x', null)).not.toBe(sendDigest('text', 'x', 'null'));
  });

  it('leaves its arguments as they were', () => {
    const payload = { b: 1, a: 2 };
    sendDigest('text', payload, {});
    expect(Object.keys(payload)).toEqual(['b', 'a']);
  });
});
