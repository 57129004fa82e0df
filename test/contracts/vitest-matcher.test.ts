import express from 'express';
import { listenLocally, type LocalServer } from '../listen-locally.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import '../../contracts/vitest.js';

const WECHAT_TYPE = 'application/json; encoding=utf-8';

/** /good answers getSpeed as WeChat does; /bad sends speed as a string. */
const app = express();
app.post('/good', (_req, res) => void res.type(WECHAT_TYPE).send('{"speed":0,"realspeed":80}'));
app.post('/bad', (_req, res) => void res.type(WECHAT_TYPE).send('{"speed":"0","realspeed":80}'));

let server: LocalServer;
let baseUrl: string;

beforeAll(async () => {
  server = await listenLocally(app);
  baseUrl = server.url;
});

afterAll(() => server.close());

describe('toMatchWechatContract', () => {
  it('passes a supertest response that matches', async () => {
    expect(await request(app).post('/good')).toMatchWechatContract('getSpeed', { expect: 'success' });
  });

  it('fails a supertest response with a message naming the check and the field', async () => {
    const res = await request(app).post('/bad');
    expect(() => expect(res).toMatchWechatContract('getSpeed')).toThrow(
      'getSpeed: 1 contract violation in HTTP 200\n  [schema] body.speed: must be integer, got string "0" (closest of the 2 oneOf branches: GetSpeedSuccess)',
    );
  });

  it('passes a fetch response, awaited, and leaves its body readable', async () => {
    const res = await fetch(`${baseUrl}/good`, { method: 'POST' });
    await expect(res).toMatchWechatContract('getSpeed');
    expect(await res.json()).toEqual({ speed: 0, realspeed: 80 });
  });

  it('fails a fetch response with the same readable message', async () => {
    const res = await fetch(`${baseUrl}/bad`, { method: 'POST' });
    await expect(expect(res).toMatchWechatContract('getSpeed')).rejects.toThrow('[schema] body.speed: must be integer');
  });

  it('fails when the branch is not the expected one', async () => {
    const res = await request(app).post('/good');
    expect(() => expect(res).toMatchWechatContract('getSpeed', { expect: 'error' })).toThrow('[expected-branch] body: expected an error, got a success (GetSpeedSuccess)');
  });

  it('supports .not with a message of its own', async () => {
    const res = await request(app).post('/good');
    expect(() => expect(res).not.toMatchWechatContract('getSpeed')).toThrow('expected the getSpeed answer not to match openapi.yaml, but it does');
    expect(await request(app).post('/bad')).not.toMatchWechatContract('getSpeed');
  });

  it('works as an asymmetric matcher for a supertest response', async () => {
    const res = await request(app).post('/good');
    expect({ res }).toEqual({ res: expect.toMatchWechatContract('getSpeed') });
  });

  it('refuses something that is not a response', () => {
    expect(() => expect(42).toMatchWechatContract('getSpeed')).toThrow(/expected a fetch Response, a supertest response or \{ status, headers, body \}, got number/);
  });

  it('is typed as awaitable for a fetch Response and as void for a supertest response', async () => {
    const res = await fetch(`${baseUrl}/good`, { method: 'POST' });
    expectTypeOf(expect(res).toMatchWechatContract).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(expect(await request(app).post('/good')).toMatchWechatContract).returns.toEqualTypeOf<void>();
    await res.body?.cancel();
  });
});
