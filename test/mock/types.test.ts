/**
 * The wire types come from openapi.yaml through openapi-typescript; `npm run typecheck` checks these
 * assertions, so a change to the contract that breaks the handlers' assumptions fails the build.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { WxJson } from '../../mock/wechat/wire.js';
import type { AppInput, ControlClient, MessageView } from '../../mock/index.js';
import type { Violation } from '../../contracts/index.js';

describe('types generated from the contracts', () => {
  it('types getSpeed as success or error', () => {
    expectTypeOf<Extract<WxJson<'getSpeed'>, { realspeed: unknown }>>().toEqualTypeOf<{ speed: number; realspeed: 80 | 60 | 45 | 30 | 10 }>();
    expectTypeOf<Extract<WxJson<'getSpeed'>, { errcode: unknown }>['errmsg']>().toEqualTypeOf<string>();
  });

  it('types msg_id as a number in answers and msg_status as the four statuses', () => {
    expectTypeOf<Extract<WxJson<'massmsgget'>, { msg_status: unknown }>>().toEqualTypeOf<{ msg_id: number; msg_status: 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE' }>();
  });

  it('types the control API from mock/control.yaml', () => {
    expectTypeOf<AppInput['protection']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<MessageView['status']>().toEqualTypeOf<'AWAITING_CONFIRMATION' | 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE'>();
    expectTypeOf<ControlClient['advance']>().parameters.toEqualTypeOf<[ms: number, appid?: string]>();
  });

  it('gives violations the fields DESIGN.md names', () => {
    expectTypeOf<Violation>().toHaveProperty('check');
    expectTypeOf<Violation>().toHaveProperty('where');
    expectTypeOf<Violation>().toHaveProperty('message');
  });
});
