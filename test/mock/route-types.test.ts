/**
 * Each route's answer is typed from its own operationId: `npm run typecheck` compiles this file, so
 * if a route could answer another operation's shape, the @ts-expect-error lines below would have
 * nothing to expect and the build would fail.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getSpeed } from '../../mock/domain/sends.js';
import { ok } from '../../mock/domain/result.js';
import { route, type Route } from '../../mock/wechat/route.js';
import { ROUTES } from '../../mock/wechat/routes.js';
import { WxFile, type WxSuccess } from '../../mock/wechat/wire.js';

describe('routes typed by the contract', () => {
  it('refuses, at compile time, a route answering another operation’s success body', () => {
    const wrong = route('setSpeed', {
      methods: ['POST'],
      auth: 'access_token',
      params: 'json',
      // @ts-expect-error getSpeed's {speed, realspeed} is not setSpeed's {errcode: 0, errmsg}
      run: (_ctx, app) => ok(getSpeed(app)),
    });
    expect(wrong.operationId).toBe('setSpeed');
  });

  it('refuses an error body where a success is due', () => {
    route('massmsgget', {
      methods: ['POST'],
      auth: 'access_token',
      params: 'json',
      // @ts-expect-error an errcode branch is never a route's success value
      run: () => ok({ errcode: 40059, errmsg: 'invalid msgid' }),
    });
  });

  it('lets a route answer a file only where its contract documents one (getMaterial’s text/plain)', () => {
    const file = () => ok(new WxFile('cover.png', Buffer.alloc(4)));
    const material = route('getMaterial', { methods: ['POST'], auth: 'access_token', params: 'json', run: file });
    route('getDraft', {
      methods: ['POST'],
      auth: 'access_token',
      params: 'json',
      // @ts-expect-error getDraft documents no file answer, only JSON
      run: file,
    });
    expect(material.operationId).toBe('getMaterial');
  });

  it('types each table entry with its own operation', () => {
    expectTypeOf(ROUTES['/cgi-bin/message/mass/speed/get']).toEqualTypeOf<Route<'getSpeed'>>();
    expectTypeOf<WxSuccess<'setSpeed'>>().toEqualTypeOf<{ errcode: 0; errmsg: string }>();
    expectTypeOf<WxSuccess<'getAccessToken'>>().toEqualTypeOf<{ access_token: string; expires_in: number }>();
    expect(ROUTES['/cgi-bin/message/mass/speed/get'].operationId).toBe('getSpeed');
  });
});
