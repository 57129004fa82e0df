import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_WINDOW_MS,
  EVENT_STATUS,
  WORK_PER_MESSAGE,
  confirmationErrcode,
  dueAt,
  dueEnding,
  lifecycleAt,
  nextStatus,
  sentBy,
  transition,
  workAt,
  workTarget,
  type LifecycleEvent,
  type LifecycleState,
} from '../../mock/domain/lifecycle.js';
import { T0, newApp, newMessage, unitsPerMs, type MassMessage } from './fixtures.js';

type Status = MassMessage['status'];
const STATUSES: Status[] = ['AWAITING_CONFIRMATION', 'SENDING', 'SEND_SUCCESS', 'SEND_FAIL', 'DELETE'];
const EVENTS: LifecycleEvent[] = ['approve', 'reject', 'timeout', 'complete', 'fail', 'delete'];

/** The status machine: every transition it allows; any other answers undefined. */
const ALLOWED: Partial<Record<Status, Partial<Record<LifecycleEvent, Status>>>> = {
  AWAITING_CONFIRMATION: { approve: 'SENDING', reject: 'SEND_FAIL', timeout: 'SEND_FAIL', fail: 'SEND_FAIL' },
  SENDING: { complete: 'SEND_SUCCESS', fail: 'SEND_FAIL' },
  SEND_SUCCESS: { delete: 'DELETE' },
};

describe('the status machine', () => {
  for (const status of STATUSES) {
    for (const event of EVENTS) {
      const expected = ALLOWED[status]?.[event];
      it(`${expected ? `moves ${status} to ${expected}` : `refuses to move ${status}`} on ${event}`, () => {
        expect(nextStatus(status, event)).toBe(expected);
      });
    }
  }
});

describe('timing constants', () => {
  it('gives the administrator 30 minutes', () => {
    expect(CONFIRMATION_WINDOW_MS).toBe(1_800_000);
  });

  it('counts a message as 6 units, so realspeed R 万/min is R units a ms', () => {
    expect(WORK_PER_MESSAGE).toBe(6);
    // 80 万 a minute is 800,000 messages in 60,000 ms: 80 units a ms.
    expect((800_000 * WORK_PER_MESSAGE) / 60_000).toBe(unitsPerMs(0));
  });

  it('names the event status of each way a send ends', () => {
    expect(EVENT_STATUS).toEqual({ complete: 'send success', fail: 'send fail', reject: 'err(40001)', timeout: 'err(40002)' });
  });
});

describe('workAt', () => {
  it('grows from work_base at the speed realspeed gives', () => {
    const app = newApp({}, { speed: 2, work_at: T0, work_base: 1_000 });
    expect(workAt(app, T0)).toBe(1_000);
    expect(workAt(app, T0 + 10)).toBe(1_000 + 10 * unitsPerMs(2));
  });

  it('does not count back before work_at', () => {
    const app = newApp({}, { work_at: T0, work_base: 1_000 });
    expect(workAt(app, T0 - 50)).toBe(1_000);
  });
});

describe('workTarget', () => {
  it('is the work count at the start plus 6 units per fan', () => {
    const app = newApp();
    expect(workTarget(newMessage(app, { audience: 1_000, start_work: 500 }))).toBe(6_500);
  });

  it('counts from 0 for a send that has not started', () => {
    const app = newApp();
    expect(workTarget(newMessage(app, { audience: 7, start_work: undefined }))).toBe(42);
  });
});

describe('dueAt', () => {
  it('is when the work count reaches the target at the current speed', () => {
    const app = newApp({}, { speed: 0, work_at: T0, work_base: 0 });
    // 1000 fans = 6000 units at 80 a ms: 75 ms.
    expect(dueAt(newMessage(app, { audience: 1_000, start_work: 0 }), app)).toBe(T0 + 75);
  });

  it('rounds a part of a ms up to the next whole ms', () => {
    const app = newApp({}, { speed: 0, work_at: T0, work_base: 0 });
    // 1001 fans = 6006 units: 75.075 ms.
    expect(dueAt(newMessage(app, { audience: 1_001, start_work: 0 }), app)).toBe(T0 + 76);
    // 6001 units at 10 a ms: 600.1 ms.
    const slow = newApp({}, { speed: 4, work_at: T0, work_base: 5 });
    expect(dueAt(newMessage(slow, { audience: 1_000, start_work: 6 }), slow)).toBe(T0 + 601);
  });

  it('counts what is left from the work already done, at the speed now set', () => {
    const app = newApp({}, { speed: 3, work_at: T0 + 1_000, work_base: 3_000 });
    // Target 6000 + 600 = 6600; 3600 units left at 30 a ms: 120 ms after work_at.
    expect(dueAt(newMessage(app, { audience: 1_000, start_work: 600 }), app)).toBe(T0 + 1_120);
  });

  it('stays exact for a huge audience where a float division would drift', () => {
    const app = newApp({}, { speed: 0, work_at: 0, work_base: 0 });
    const audience = 1_000_000_000_000_001;
    const units = audience * WORK_PER_MESSAGE;
    const due = dueAt(newMessage(app, { audience, start_work: 0 }), app);
    expect(due * unitsPerMs(0)).toBeGreaterThanOrEqual(units);
    expect((due - 1) * unitsPerMs(0)).toBeLessThan(units);
  });
});

describe('sentBy', () => {
  it('counts whole messages delivered so far while SENDING', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { audience: 1_000, start_work: 0 });
    expect(sentBy(message, app, T0)).toBe(0);
    // 10 ms = 800 units = 133.3 messages.
    expect(sentBy(message, app, T0 + 10)).toBe(133);
  });

  it('counts from the send\'s own start in the app\'s work', () => {
    const app = newApp({}, { speed: 0, work_at: T0, work_base: 600 });
    const message = newMessage(app, { audience: 1_000, start_work: 300 });
    expect(sentBy(message, app, T0)).toBe(50);
  });

  it('never counts more than the audience, nor less than none', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    expect(sentBy(newMessage(app, { audience: 1_000, start_work: 0 }), app, T0 + 10_000)).toBe(1_000);
    expect(sentBy(newMessage(app, { audience: 1_000, start_work: 10_000 }), app, T0)).toBe(0);
  });

  it('counts the whole audience once the send succeeded, or was deleted after', () => {
    const app = newApp();
    expect(sentBy(newMessage(app, { audience: 77, status: 'SEND_SUCCESS' }), app, T0)).toBe(77);
    expect(sentBy(newMessage(app, { audience: 77, status: 'DELETE' }), app, T0)).toBe(77);
  });

  it('counts none for a send that failed or waits for the administrator', () => {
    const app = newApp({}, { work_base: 1_000_000 });
    expect(sentBy(newMessage(app, { audience: 77, status: 'SEND_FAIL', start_work: 0 }), app, T0 + 1_000)).toBe(0);
    expect(sentBy(newMessage(app, { audience: 77, status: 'AWAITING_CONFIRMATION' }), app, T0 + 1_000)).toBe(0);
  });
});

describe('transition', () => {
  it('refuses a move the status machine does not allow, changing nothing', () => {
    const app = newApp();
    const message = newMessage(app, { status: 'SEND_FAIL', finished_at: T0, event_status: 'send fail' });
    const before = { ...message };
    expect(transition(message, 'complete', T0 + 5)).toBe(false);
    expect(message).toEqual(before);
  });

  it('starts SENDING on approve without marking the send finished', () => {
    const message = newMessage(newApp(), { status: 'AWAITING_CONFIRMATION' });
    expect(transition(message, 'approve', T0 + 5)).toBe(true);
    expect(message.status).toBe('SENDING');
    expect(message.finished_at).toBeUndefined();
    expect(message.event_status).toBeUndefined();
  });

  it.each([
    ['SENDING', 'complete', 'SEND_SUCCESS', 'send success'],
    ['SENDING', 'fail', 'SEND_FAIL', 'send fail'],
    ['AWAITING_CONFIRMATION', 'reject', 'SEND_FAIL', 'err(40001)'],
    ['AWAITING_CONFIRMATION', 'timeout', 'SEND_FAIL', 'err(40002)'],
    ['AWAITING_CONFIRMATION', 'fail', 'SEND_FAIL', 'send fail'],
  ] as const)('ends a %s send on %s as %s, with the event status %s and the time it ended', (from, event, to, status) => {
    const message = newMessage(newApp(), { status: from });
    expect(transition(message, event, T0 + 5)).toBe(true);
    expect(message).toMatchObject({ status: to, finished_at: T0 + 5, event_status: status });
  });

  it('takes the event status it is given', () => {
    const message = newMessage(newApp(), { status: 'SENDING' });
    transition(message, 'fail', T0 + 5, 'err(20001)');
    expect(message.event_status).toBe('err(20001)');
  });

  it('deletes a sent send, keeping when and how it ended', () => {
    const message = newMessage(newApp(), { status: 'SEND_SUCCESS', finished_at: T0, event_status: 'send success' });
    expect(transition(message, 'delete', T0 + 5)).toBe(true);
    expect(message).toMatchObject({ status: 'DELETE', finished_at: T0, event_status: 'send success' });
  });
});

/** The fields a lifecycle view shows (a message itself is one: lifecycleAt may answer the message). */
const stateOf = (state: LifecycleState) => ({ status: state.status, finished_at: state.finished_at, event_status: state.event_status });

describe('dueEnding', () => {
  it('leaves a confirmation waiting until its 30 minutes are up', () => {
    const message = newMessage(newApp(), { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    expect(dueEnding(message, newApp(), T0 + CONFIRMATION_WINDOW_MS - 1)).toBeUndefined();
    expect(message.status).toBe('AWAITING_CONFIRMATION');
  });

  it('times out a confirmation nobody answered at the end of the window, however late it is asked', () => {
    const app = newApp();
    const message = newMessage(app, { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    expect(dueEnding(message, app, T0 + CONFIRMATION_WINDOW_MS)).toStrictEqual({ event: 'timeout', at: T0 + CONFIRMATION_WINDOW_MS });
    expect(dueEnding(message, app, T0 + 5 * CONFIRMATION_WINDOW_MS)).toStrictEqual({ event: 'timeout', at: T0 + CONFIRMATION_WINDOW_MS });
  });

  it('leaves a send SENDING until it is due', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { audience: 1_000, start_work: 0 });
    expect(dueEnding(message, app, T0 + 74)).toBeUndefined();
  });

  it('completes a send whose time is up, at the time it was due, however late it is asked', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { audience: 1_000, start_work: 0 });
    expect(dueEnding(message, app, T0 + 75)).toStrictEqual({ event: 'complete', at: T0 + 75 });
    expect(dueEnding(message, app, T0 + 10_000)).toStrictEqual({ event: 'complete', at: T0 + 75 });
  });

  it('completes a send to nobody at once', () => {
    const app = newApp({}, { work_at: T0 });
    const message = newMessage(app, { audience: 0, start_work: 0 });
    expect(dueEnding(message, app, T0)).toStrictEqual({ event: 'complete', at: T0 });
  });

  it.each(['SEND_SUCCESS', 'SEND_FAIL', 'DELETE'] as const)('answers nothing for a %s send: it ended before', (status) => {
    const app = newApp();
    const message = newMessage(app, { status, created_at: T0 - CONFIRMATION_WINDOW_MS, start_work: 0, finished_at: T0 - 1 });
    expect(dueEnding(message, app, T0 + 10 * CONFIRMATION_WINDOW_MS)).toBeUndefined();
  });

  it('changes nothing: it only tells', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { audience: 1_000, start_work: 0 });
    const before = { ...message };
    dueEnding(message, app, T0 + 10_000);
    expect(message).toEqual(before);
  });
});

describe('lifecycleAt', () => {
  it('shows a confirmation still waiting as it is', () => {
    const message = newMessage(newApp(), { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    expect(stateOf(lifecycleAt(message, newApp(), T0 + CONFIRMATION_WINDOW_MS - 1))).toEqual({ status: 'AWAITING_CONFIRMATION', finished_at: undefined, event_status: undefined });
  });

  it('shows a confirmation nobody answered as failed with err(40002), at the end of the window however late it is read, without failing it', () => {
    const app = newApp();
    const message = newMessage(app, { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    const onTime = { status: 'SEND_FAIL', finished_at: T0 + CONFIRMATION_WINDOW_MS, event_status: 'err(40002)' };
    expect(lifecycleAt(message, app, T0 + CONFIRMATION_WINDOW_MS)).toStrictEqual(onTime);
    expect(lifecycleAt(message, app, T0 + 5 * CONFIRMATION_WINDOW_MS)).toStrictEqual(onTime);
    expect(stateOf(message)).toEqual({ status: 'AWAITING_CONFIRMATION', finished_at: undefined, event_status: undefined });
  });

  it('shows a send SENDING until it is due', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { audience: 1_000, start_work: 0 });
    expect(stateOf(lifecycleAt(message, app, T0 + 74))).toEqual({ status: 'SENDING', finished_at: undefined, event_status: undefined });
  });

  it('shows a send whose time is up as a success, at the time it was due, without ending it', () => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { audience: 1_000, start_work: 0 });
    const sent = { status: 'SEND_SUCCESS', finished_at: T0 + 75, event_status: 'send success' };
    expect(lifecycleAt(message, app, T0 + 75)).toStrictEqual(sent);
    expect(lifecycleAt(message, app, T0 + 10_000)).toStrictEqual(sent);
    expect(message.status).toBe('SENDING');
    expect(message.finished_at).toBeUndefined();
  });

  it('shows a send to nobody as sent at once', () => {
    const app = newApp({}, { work_at: T0 });
    const message = newMessage(app, { audience: 0, start_work: 0 });
    expect(lifecycleAt(message, app, T0).status).toBe('SEND_SUCCESS');
  });

  it.each(['SEND_SUCCESS', 'SEND_FAIL', 'DELETE'] as const)('shows a %s send as it is: it ended before', (status) => {
    const app = newApp();
    const message = newMessage(app, { status, created_at: T0 - CONFIRMATION_WINDOW_MS, start_work: 0, finished_at: T0 - 1, event_status: 'send fail' });
    const before = { ...message };
    expect(stateOf(lifecycleAt(message, app, T0 + 10 * CONFIRMATION_WINDOW_MS))).toEqual({ status, finished_at: T0 - 1, event_status: 'send fail' });
    expect(message).toEqual(before);
  });

  it.each([
    ['AWAITING_CONFIRMATION', T0 + CONFIRMATION_WINDOW_MS + 7],
    ['SENDING', T0 + 75],
    ['SENDING', T0 + 9_999],
  ] as const)('shows a due %s send as the clock ends it: through transition with the due ending', (status, now) => {
    const app = newApp({}, { speed: 0, work_at: T0 });
    const message = newMessage(app, { status, audience: 1_000, created_at: T0, start_work: 0 });
    const shown = lifecycleAt(message, app, now);
    const ending = dueEnding(message, app, now)!;
    expect(transition(message, ending.event, ending.at)).toBe(true);
    expect(stateOf(message)).toEqual(shown);
  });
});

describe('confirmationErrcode', () => {
  it('answers 89505 (retry later) in the first minute of waiting, then 89504 (wait), by default', () => {
    const app = newApp();
    const message = newMessage(app, { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    for (const operation of ['massmsgget', 'setSpeed'] as const) {
      expect(confirmationErrcode(app, operation, message, T0)).toBe(89505);
      expect(confirmationErrcode(app, operation, message, T0 + 60_000 - 1)).toBe(89505);
      expect(confirmationErrcode(app, operation, message, T0 + 60_000)).toBe(89504);
      expect(confirmationErrcode(app, operation, message, T0 + CONFIRMATION_WINDOW_MS - 1)).toBe(89504);
    }
  });

  it("switches from 89505 to 89504 after the app's switch_after_ms, counted from the send", () => {
    const app = newApp({ protection_codes: { operations: ['massmsgget', 'setSpeed'], switch_after_ms: 5_000 } });
    const message = newMessage(app, { status: 'AWAITING_CONFIRMATION', created_at: T0 + 100 });
    expect(confirmationErrcode(app, 'massmsgget', message, T0 + 5_099)).toBe(89505);
    expect(confirmationErrcode(app, 'massmsgget', message, T0 + 5_100)).toBe(89504);
  });

  it('answers 89504 at once when switch_after_ms is 0', () => {
    const app = newApp({ protection_codes: { operations: ['massmsgget'], switch_after_ms: 0 } });
    const message = newMessage(app, { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    expect(confirmationErrcode(app, 'massmsgget', message, T0)).toBe(89504);
  });

  it("answers undefined for a call the app's protection_codes leave alone", () => {
    const message = (app: ReturnType<typeof newApp>) => newMessage(app, { status: 'AWAITING_CONFIRMATION', created_at: T0 });
    const onlyGet = newApp({ protection_codes: { operations: ['massmsgget'], switch_after_ms: 60_000 } });
    expect(confirmationErrcode(onlyGet, 'setSpeed', message(onlyGet), T0)).toBeUndefined();
    expect(confirmationErrcode(onlyGet, 'massmsgget', message(onlyGet), T0)).toBe(89505);
    const onlySpeed = newApp({ protection_codes: { operations: ['setSpeed'], switch_after_ms: 60_000 } });
    expect(confirmationErrcode(onlySpeed, 'massmsgget', message(onlySpeed), T0 + 60_000)).toBeUndefined();
    expect(confirmationErrcode(onlySpeed, 'setSpeed', message(onlySpeed), T0 + 60_000)).toBe(89504);
    const none = newApp({ protection_codes: { operations: [], switch_after_ms: 60_000 } });
    expect(confirmationErrcode(none, 'massmsgget', message(none), T0)).toBeUndefined();
    expect(confirmationErrcode(none, 'setSpeed', message(none), T0)).toBeUndefined();
  });
});
