import { describe, expect, it } from 'vitest';
import { validateExchange, type Exchange } from '../../contracts/validate-exchange.js';

const JSON_TYPE = 'application/json; encoding=utf-8';

function answer(body: unknown, headers: Exchange['headers'] = { 'content-type': JSON_TYPE }, status = 200): Exchange {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

const checks = (exchange: Exchange, ...rest: [string?, Parameters<typeof validateExchange>[2]?]) =>
  validateExchange(rest[0] ?? 'getSpeed', exchange, rest[1]).map((v) => `${v.check} ${v.where}`);

describe('validateExchange', () => {
  it('accepts WeChat\'s real Content-Type, with its encoding parameter, in any header case', () => {
    expect(checks(answer({ speed: 0, realspeed: 80 }, { 'Content-Type': JSON_TYPE }))).toEqual([]);
    expect(checks(answer({ speed: 0, realspeed: 80 }, { 'CONTENT-TYPE': ['application/JSON'] }))).toEqual([]);
    expect(checks(answer({ speed: 0, realspeed: 80 }, new Headers({ 'content-type': 'application/json;charset=UTF-8' })))).toEqual([]);
  });

  it('takes a file where the operation documents one: getMaterial’s text/plain, but not setSpeed’s, nor where an error was expected', () => {
    const file = answer('\x89PNG\r\n\x1a\n\x00\x00', { 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="a.png"' });
    expect(checks(file, 'getMaterial', { expect: 'success' })).toEqual([]);
    expect(checks(file, 'setSpeed')).toEqual(['content-type headers.content-type']);
    expect(checks(file, 'getMaterial', { expect: 'error' })).toEqual(['expected-branch body']);
    // JSON under the JSON type is still checked as JSON.
    expect(checks(answer({ title: 't' }), 'getMaterial')).toEqual(['schema body.description', 'schema body.down_url']);
  });

  it('reports an unknown operationId instead of throwing', () => {
    const [violation] = validateExchange('getSpeeed', answer({ speed: 0, realspeed: 80 }));
    expect(violation).toMatchObject({ check: 'unknown-operation', where: 'operation' });
    expect(violation?.message).toMatch(/"getSpeeed" is not an operationId.*getSpeed/);
  });

  it('reports a missing Content-Type', () => {
    expect(checks(answer({ speed: 0, realspeed: 80 }, {}))).toEqual(['content-type headers.content-type']);
  });

  it('reports an empty body as not JSON', () => {
    const [violation] = validateExchange('getSpeed', answer(''));
    expect(violation).toMatchObject({ check: 'json-body', where: 'body', message: 'the body is empty; the contract needs a JSON object' });
  });

  it('accepts an injected fault\'s non-200 answer without checking its body', () => {
    expect(checks(answer('upstream reset', { 'content-type': 'text/plain' }, 503), 'setSpeed', { faultInjected: true })).toEqual([]);
    expect(checks(answer('', {}, 429), 'setSpeed', { faultInjected: true })).toEqual([]);
  });

  it('still checks a 200 answer when a fault was injected', () => {
    expect(checks(answer({ errcode: -1, errmsg: 'system error' }), 'setSpeed', { faultInjected: true, expect: 'error' })).toEqual([]);
    expect(checks(answer({ errcode: 40059, errmsg: 'x' }), 'setSpeed', { faultInjected: true })).toEqual(['errcode-documented body.errcode']);
  });

  it('reports an error where a success was expected, quoting the errcode and errmsg', () => {
    const violations = validateExchange('getSpeed', answer({ errcode: 40001, errmsg: 'invalid credential' }), { expect: 'success' });
    expect(violations).toEqual([{ check: 'expected-branch', where: 'body', message: 'expected a success, got an error: errcode 40001 "invalid credential"', expected: 'success', actual: 'error' }]);
  });

  it('reports a success where an error was expected, naming the branch', () => {
    const [violation] = validateExchange('setSpeed', answer({ errcode: 0, errmsg: 'ok' }), { expect: 'error' });
    expect(violation?.message).toBe('expected an error, got a success (SetSpeedSuccess)');
  });

  it('counts 45065 with the existing msg_id as an error', () => {
    const body = { errcode: 45065, errmsg: 'clientmsgid exist', msg_id: 3147494552 };
    expect(checks(answer(body), 'sendAll', { expect: 'error' })).toEqual([]);
    expect(checks(answer(body), 'sendAll', { expect: 'success' })).toEqual(['expected-branch body']);
  });

  it('checks 45065 against its own branch when msg_id is missing', () => {
    const [violation, ...rest] = validateExchange('sendAll', answer({ errcode: 45065, errmsg: 'clientmsgid exist' }));
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ check: 'schema', where: 'body.msg_id' });
    expect(violation?.message).toBe('required field "msg_id" is missing (closest of the 3 oneOf branches: ClientMsgIdExist)');
  });

  it('reports one violation per problem, with the path of each', () => {
    const body = { msg_id: 0, msg_status: 'QUEUED', touser: ['a'] };
    expect(checks(answer(body), 'massmsgget')).toEqual(['schema body.touser', 'schema body.msg_id', 'schema body.msg_status']);
  });

  it('says what was expected and what came, in words', () => {
    const [violation] = validateExchange('massmsgget', answer({ msg_id: 3147494522, msg_status: 'QUEUED' }));
    expect(violation).toMatchObject({ expected: ['SENDING', 'SEND_SUCCESS', 'SEND_FAIL', 'DELETE'], actual: 'QUEUED' });
    expect(violation?.message).toBe('must be one of "SENDING", "SEND_SUCCESS", "SEND_FAIL", "DELETE", got string "QUEUED" (closest of the 2 oneOf branches: MassMsgGetSuccess)');
  });

  it('never repeats an access_token in a violation', () => {
    const token = 'Dh6lP1Cr5nWkQe0gVYtM3pGx8aR2oLbN7sFvJu4cHiZ9yTqKwE';
    const violations = [
      ...validateExchange('getAccessToken', answer({ access_token: token, expires_in: '7200' })),
      ...validateExchange('getAccessToken', answer({ access_token: token, expires_in: 7200, scope: 'x' }), { expect: 'error' }),
      ...validateExchange('getAccessToken', answer({ access_token: 12345, expires_in: 7200, token })),
    ];
    expect(violations.length).toBeGreaterThan(2);
    expect(JSON.stringify(violations)).not.toContain(token);
  });
});
