import { describe, expect, it } from 'vitest';
import { CONTROL_ERROR_STATUS, done, refuse } from '../../mock/domain/control-result.js';
import { fail, ok } from '../../mock/domain/result.js';

describe('rule results', () => {
  it('carries a value', () => {
    expect(ok(42)).toStrictEqual({ ok: true, value: 42 });
  });

  it('carries an errcode, and no msg_id field unless one is given', () => {
    const failed = fail(40059);
    expect(failed).toStrictEqual({ ok: false, errcode: 40059 });
    expect('msg_id' in failed).toBe(false);
  });

  it('carries the msg_id of the existing send with 45065', () => {
    expect(fail(45065, 3147494522)).toStrictEqual({ ok: false, errcode: 45065, msg_id: 3147494522 });
  });

  it('keeps a msg_id of 0', () => {
    expect(fail(45065, 0)).toStrictEqual({ ok: false, errcode: 45065, msg_id: 0 });
  });
});

describe('control results', () => {
  it('carries a value', () => {
    expect(done({ n: 1 })).toStrictEqual({ ok: true, value: { n: 1 } });
  });

  it('carries an error kind and its message', () => {
    expect(refuse('not_found', 'no app wx1')).toStrictEqual({ ok: false, error: 'not_found', message: 'no app wx1' });
  });

  it('sends each error kind with its HTTP status', () => {
    expect(CONTROL_ERROR_STATUS).toStrictEqual({ invalid_request: 400, unauthorized: 401, not_found: 404, conflict: 409 });
  });
});
