/**
 * The kit's self-test: small servers that break the contract on purpose, each hit with a real fetch,
 * each caught by the check that owns the problem and by no other.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromFetchResponse } from '../../contracts/adapters.js';
import { validateExchange, type ValidateOptions } from '../../contracts/validate-exchange.js';

const WECHAT_TYPE = 'application/json; encoding=utf-8';

interface BrokenAnswer {
  status: number;
  contentType?: string;
  body: string;
}

/** Answers by path: /<case name> serves that case's broken answer. */
const answers = new Map<string, BrokenAnswer>();
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers.get(decodeURIComponent((req.url ?? '').slice(1).split('?')[0] ?? ''));
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, answer.contentType ? { 'Content-Type': answer.contentType } : {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function violationsOf(name: string, operationId: string, answer: BrokenAnswer, options?: ValidateOptions) {
  answers.set(name, answer);
  const res = await fetch(`${baseUrl}/${encodeURIComponent(name)}?access_token=t`, { method: 'POST', body: '{}' });
  return validateExchange(operationId, await fromFetchResponse(res), options);
}

const json = (body: unknown): BrokenAnswer => ({ status: 200, contentType: WECHAT_TYPE, body: JSON.stringify(body) });

describe('a broken server is caught by the right check', () => {
  it.each([
    ['a string where a number belongs', 'getSpeed', json({ speed: '3', realspeed: 30 }), 'schema', 'body.speed'],
    ['msg_id as a string', 'massmsgget', json({ msg_id: '3147494522', msg_status: 'SENDING' }), 'schema', 'body.msg_id'],
    ['msg_status outside the enum', 'massmsgget', json({ msg_id: 3147494522, msg_status: 'QUEUED' }), 'schema', 'body.msg_status'],
    ['a missing required field', 'sendAll', json({ errcode: 0, errmsg: 'send job submission success' }), 'schema', 'body.msg_id'],
    ['an extra field in a success body', 'getSpeed', json({ speed: 0, realspeed: 80, queue_length: 12 }), 'schema', 'body.queue_length'],
    ['an undocumented errcode', 'setSpeed', json({ errcode: 40059, errmsg: 'invalid msg id rid: 6aac0063-7ed08fb9-1250f724' }), 'errcode-documented', 'body.errcode'],
    ['errcode as a string', 'massmsgget', json({ errcode: '40059', errmsg: 'invalid msg id' }), 'schema', 'body.errcode'],
    ['HTTP 4xx for a business error', 'getSpeed', { status: 401, contentType: WECHAT_TYPE, body: '{"errcode":40001,"errmsg":"invalid credential"}' }, 'status-documented', 'status'],
    ['an HTML error page', 'getSpeed', { status: 200, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>' }, 'content-type', 'headers.content-type'],
    ['a wrong Content-Type', 'getSpeed', { status: 200, contentType: 'text/plain', body: '{"speed":0,"realspeed":80}' }, 'content-type', 'headers.content-type'],
    ['no Content-Type at all', 'getSpeed', { status: 200, body: '{"speed":0,"realspeed":80}' }, 'content-type', 'headers.content-type'],
    ['a 500', 'massmsgget', { status: 500, contentType: WECHAT_TYPE, body: '{"errcode":-1,"errmsg":"system error"}' }, 'no-5xx', 'status'],
    ['a body that is not JSON', 'setSpeed', { status: 200, contentType: WECHAT_TYPE, body: 'errcode=0&errmsg=ok' }, 'json-body', 'body'],
  ] as const)('%s → %s', async (name, operationId, answer, check, where) => {
    const violations = await violationsOf(name, operationId, answer);
    expect(violations.map((v) => [v.check, v.where])).toEqual([[check, where]]);
    expect(violations[0]?.message.length).toBeGreaterThan(20);
  });

  it('explains a msg_id sent as a string in words', async () => {
    const [violation] = await violationsOf('msg_id words', 'massmsgget', json({ msg_id: '3147494522', msg_status: 'SENDING' }));
    expect(violation?.message).toBe('must be integer, got string "3147494522" (closest of the 2 oneOf branches: MassMsgGetSuccess)');
  });

  it('explains an undocumented errcode by listing the documented ones', async () => {
    const [violation] = await violationsOf('errcode words', 'getSpeed', json({ errcode: 40059, errmsg: 'x' }));
    expect(violation?.message).toMatch(/^errcode 40059 is not one getSpeed documents \(documented: -1, 40001, /);
  });

  it('catches an error answered where a success was expected', async () => {
    const violations = await violationsOf('unexpected error', 'getSpeed', json({ errcode: 40001, errmsg: 'invalid credential' }), { expect: 'success' });
    expect(violations.map((v) => v.check)).toEqual(['expected-branch']);
  });

  it('lets a 500 through when the fault was injected', async () => {
    expect(await violationsOf('injected 500', 'massmsgget', { status: 500, body: 'boom' }, { faultInjected: true })).toEqual([]);
  });

  it('passes a well-behaved answer on the same server', async () => {
    expect(await violationsOf('healthy', 'massmsgget', json({ msg_id: 3147494522, msg_status: 'SEND_SUCCESS' }), { expect: 'success' })).toEqual([]);
  });
});
