import express from 'express';
import { listenLocally, type LocalServer } from '../listen-locally.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWechatContract } from '../../contracts/check-wechat-contract.js';

const WECHAT_TYPE = 'application/json; encoding=utf-8';

const app = express();
app.post('/ok', (_req, res) => void res.type(WECHAT_TYPE).send('{"msg_id":3147494522,"msg_status":"SENDING"}'));
app.post('/broken', (_req, res) => void res.type(WECHAT_TYPE).send('{"msg_id":"3147494522","msg_status":"QUEUED"}'));
app.post('/binary', (_req, res) => void res.type('application/octet-stream').send(Buffer.from('{"msg_id":1}')));

let server: LocalServer;
let baseUrl: string;

beforeAll(async () => {
  server = await listenLocally(app);
  baseUrl = server.url;
});

afterAll(() => server.close());

describe('checkWechatContract', () => {
  it('passes a matching supertest response synchronously', async () => {
    const check = checkWechatContract('massmsgget', await request(app).post('/ok'), { expect: 'success' });
    expect(check).toEqual({ pass: true, violations: [], message: 'massmsgget: HTTP 200 matches openapi.yaml' });
  });

  it('resolves for a fetch Response and lists every violation in its message', async () => {
    const check = await checkWechatContract('massmsgget', await fetch(`${baseUrl}/broken`, { method: 'POST' }));
    expect(check.pass).toBe(false);
    expect(check.violations.map((v) => v.where)).toEqual(['body.msg_id', 'body.msg_status']);
    expect(check.message.split('\n')).toEqual([
      'massmsgget: 2 contract violations in HTTP 200',
      '  [schema] body.msg_id: must be integer, got string "3147494522" (closest of the 2 oneOf branches: MassMsgGetSuccess)',
      '  [schema] body.msg_status: must be one of "SENDING", "SEND_SUCCESS", "SEND_FAIL", "DELETE", got string "QUEUED" (closest of the 2 oneOf branches: MassMsgGetSuccess)',
    ]);
  });

  it('accepts a plain exchange', () => {
    const check = checkWechatContract('getSpeed', { status: 200, headers: { 'content-type': WECHAT_TYPE }, body: '{"speed":4,"realspeed":10}' });
    expect(check.pass).toBe(true);
  });

  it('reads a supertest body superagent kept as a Buffer', async () => {
    const check = checkWechatContract('massmsgget', await request(app).post('/binary'));
    expect(check.violations.map((v) => v.check)).toEqual(['content-type']);
  });

  it('refuses a fetch Response whose body was already read', async () => {
    const res = await fetch(`${baseUrl}/ok`, { method: 'POST' });
    await res.text();
    await expect(checkWechatContract('massmsgget', res)).rejects.toThrow(/body was already read/);
  });
});
