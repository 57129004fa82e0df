import { describe, expect, it } from 'vitest';
import { oldestAwaiting, rebuildInFlight, settleWork, takeDue, trackApproved, trackNewSend, trackRestored } from '../../mock/domain/in-flight.js';
import { CONFIRMATION_WINDOW_MS, transition } from '../../mock/domain/lifecycle.js';
import type { MessageTable } from '../../mock/domain/message-table.js';
import { T0, newApp, newStore, storedMessage, unitsPerMs, type App, type AppState, type MassMessage, type Recorded } from './fixtures.js';

/**
 * At speed 0 an app does 80 units a ms and a fan takes 6: 4000 fans take 300 ms, 8000 take 600 ms.
 * Every app here starts with its work counted at T0.
 */
const SHORT = 4_000;
const LONG = 8_000;
const SHORT_MS = 300;
const LONG_MS = 600;

/** An app and the store its sends are kept in (the index names them by msg_id, and reads them there). */
function setUp(state: AppState = {}) {
  const app = newApp({}, state);
  const store = newStore(app);
  return { app, store, messages: store.messages };
}

const idsOf = (...messages: MassMessage[]) => messages.map((message) => message.msg_id);

function sending(messages: MessageTable, app: Recorded<App>, audience: number, now = T0): Recorded<MassMessage> {
  const message = storedMessage(messages, app, { audience, created_at: now, status: 'SENDING' });
  trackNewSend(messages, app, message, now);
  return message;
}

function awaiting(messages: MessageTable, app: Recorded<App>, now = T0): Recorded<MassMessage> {
  const message = storedMessage(messages, app, { audience: SHORT, created_at: now, status: 'AWAITING_CONFIRMATION' });
  trackNewSend(messages, app, message, now);
  return message;
}

describe('settleWork', () => {
  it('counts the work done up to now while a send is SENDING', () => {
    const { app, messages } = setUp();
    sending(messages, app, LONG);
    settleWork(messages, app, T0 + 100);
    expect(app.work_base).toBe(100 * unitsPerMs(0));
    expect(app.work_at).toBe(T0 + 100);
  });

  it('starts the count again from 0 once nothing is SENDING', () => {
    const { app, messages } = setUp();
    settleWork(messages, app, T0 + 100);
    expect(app.work_base).toBe(0);
    expect(app.work_at).toBe(T0 + 100);
  });

  it('starts the count again from 0 when every send in the index ended some other way', () => {
    const { app, messages } = setUp();
    const first = sending(messages, app, LONG);
    const second = sending(messages, app, SHORT);
    transition(first, 'fail', T0 + 50);
    transition(second, 'fail', T0 + 50);
    settleWork(messages, app, T0 + 100);
    expect(app.work_base).toBe(0);
    expect(app.in_flight.sending.size).toBe(0);
  });

  it('keeps counting for a send still SENDING once those ending before it in the index are dropped', () => {
    const { app, messages } = setUp();
    const short = sending(messages, app, SHORT);
    sending(messages, app, LONG);
    transition(short, 'fail', T0 + 50);
    settleWork(messages, app, T0 + 100);
    expect(app.work_base).toBe(100 * unitsPerMs(0));
    expect(app.in_flight.sending.size).toBe(1);
  });

  it('never moves work_at back', () => {
    const { app, messages } = setUp({ work_at: T0 + 500 });
    settleWork(messages, app, T0 + 100);
    expect(app.work_at).toBe(T0 + 500);
  });
});

describe('trackNewSend', () => {
  it('starts a SENDING send from the app work count at that moment', () => {
    const { app, messages } = setUp();
    const first = sending(messages, app, LONG, T0);
    expect(first.start_work).toBe(0);
    const second = sending(messages, app, LONG, T0 + 100);
    expect(second.start_work).toBe(100 * unitsPerMs(0));
    expect(app.work_base).toBe(100 * unitsPerMs(0));
    expect(app.work_at).toBe(T0 + 100);
    expect(app.in_flight.sending.size).toBe(2);
  });

  it('holds a send waiting for the administrator apart, not started', () => {
    const { app, messages } = setUp();
    const message = awaiting(messages, app, T0 + 100);
    expect(message.start_work).toBeUndefined();
    expect(app.in_flight.awaiting.get(message.msg_id)).toBe(0);
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.work_at).toBe(T0);
  });

  it('gives each send the next seq', () => {
    const { app, messages } = setUp();
    sending(messages, app, SHORT);
    const waiting = awaiting(messages, app);
    expect(app.in_flight.awaiting.get(waiting.msg_id)).toBe(1);
    expect(app.in_flight.next_seq).toBe(2);
  });

  it.each(['SEND_SUCCESS', 'SEND_FAIL', 'DELETE'] as const)('indexes nothing, and starts no work, for a send already %s', (status) => {
    const { app, messages } = setUp();
    const message = storedMessage(messages, app, { status });
    trackNewSend(messages, app, message, T0 + 100);
    expect(message.start_work).toBeUndefined();
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.in_flight.awaiting.size).toBe(0);
    expect(app.work_at).toBe(T0);
    expect(app.in_flight.next_seq).toBe(1);
  });
});

describe('trackApproved', () => {
  it('starts the approved send from the work count at approval, and stops holding it as waiting', () => {
    const { app, messages } = setUp();
    sending(messages, app, LONG, T0);
    const message = awaiting(messages, app, T0);
    transition(message, 'approve', T0 + 100);
    trackApproved(messages, app, message, T0 + 100);
    expect(message.start_work).toBe(100 * unitsPerMs(0));
    expect(app.in_flight.awaiting.has(message.msg_id)).toBe(false);
    expect(app.in_flight.sending.size).toBe(2);
    expect(takeDue(messages, app, T0 + 100 + SHORT_MS - 1)).toEqual([]);
    expect(takeDue(messages, app, T0 + 100 + SHORT_MS)).toEqual(idsOf(message));
  });

  it('keeps the seq the send had when created, so it ends in creation order with the others', () => {
    const { app, messages } = setUp();
    sending(messages, app, 40_000);
    const approved = awaiting(messages, app, T0);
    const later = sending(messages, app, SHORT, T0 + 10);
    transition(approved, 'approve', T0 + 20);
    trackApproved(messages, app, approved, T0 + 20);
    expect(app.in_flight.next_seq).toBe(3);
    // `later` ends at T0 + 310, `approved` at T0 + 320: taken together, creation order puts `approved` first.
    expect(takeDue(messages, app, T0 + 400)).toEqual(idsOf(approved, later));
  });

  it('gives a send it was not holding the next seq', () => {
    const { app, messages } = setUp();
    const message = storedMessage(messages, app, { status: 'SENDING' });
    trackApproved(messages, app, message, T0);
    expect(app.in_flight.next_seq).toBe(1);
    expect(message.start_work).toBe(0);
    expect(app.in_flight.sending.size).toBe(1);
  });
});

describe('trackRestored', () => {
  it('indexes a SENDING send by the start it had, leaving the app work count as restored', () => {
    const { app, messages } = setUp({ work_at: T0, work_base: 1_000 });
    const message = storedMessage(messages, app, { audience: SHORT, status: 'SENDING', start_work: 400 });
    trackRestored(app, message);
    expect(message.start_work).toBe(400);
    expect(app.work_base).toBe(1_000);
    expect(app.work_at).toBe(T0);
    // Target 400 + 24,000 units; 23,400 left from 1,000 at 80 a ms: 292.5 ms.
    expect(takeDue(messages, app, T0 + 292)).toEqual([]);
    expect(takeDue(messages, app, T0 + 293)).toEqual(idsOf(message));
  });

  it('holds a waiting send apart, under the next seq', () => {
    const { app, messages } = setUp();
    trackRestored(app, storedMessage(messages, app, { status: 'SENDING', start_work: 0 }));
    const message = storedMessage(messages, app, { status: 'AWAITING_CONFIRMATION' });
    trackRestored(app, message);
    expect(app.in_flight.awaiting.get(message.msg_id)).toBe(1);
    expect(app.in_flight.sending.size).toBe(1);
    expect(oldestAwaiting(messages, app)).toBe(message.msg_id);
  });

  it.each(['SEND_SUCCESS', 'SEND_FAIL', 'DELETE'] as const)('indexes nothing for a send already %s', (status) => {
    const { app, messages } = setUp();
    trackRestored(app, storedMessage(messages, app, { status, start_work: 0 }));
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.in_flight.awaiting.size).toBe(0);
    expect(app.in_flight.next_seq).toBe(1);
  });
});

describe('takeDue', () => {
  it('answers one shared empty list, allocating nothing, when nothing is in flight', () => {
    const { app, messages } = setUp();
    const first = takeDue(messages, app, T0);
    expect(first).toEqual([]);
    expect(takeDue(messages, app, T0 + 1)).toBe(first);
  });

  it('takes the SENDING sends whose work is done by now, once, and leaves the others', () => {
    const { app, messages } = setUp();
    const short = sending(messages, app, SHORT);
    const long = sending(messages, app, LONG);
    expect(takeDue(messages, app, T0 + SHORT_MS - 1)).toEqual([]);
    expect(takeDue(messages, app, T0 + SHORT_MS)).toEqual(idsOf(short));
    expect(takeDue(messages, app, T0 + SHORT_MS)).toEqual([]);
    expect(takeDue(messages, app, T0 + LONG_MS)).toEqual(idsOf(long));
    expect(app.in_flight.sending.size).toBe(0);
  });

  it('drops, without answering them, sends that ended some other way', () => {
    const { app, messages } = setUp();
    const failed = sending(messages, app, SHORT);
    transition(failed, 'fail', T0 + 1);
    expect(takeDue(messages, app, T0 + LONG_MS)).toEqual([]);
    expect(app.in_flight.sending.size).toBe(0);
  });

  it('takes a waiting send once its 30 minutes are up, not a ms before', () => {
    const { app, messages } = setUp();
    const message = awaiting(messages, app, T0);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS - 1)).toEqual([]);
    expect(app.in_flight.awaiting.has(message.msg_id)).toBe(true);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS)).toEqual(idsOf(message));
    expect(app.in_flight.awaiting.size).toBe(0);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS)).toEqual([]);
  });

  it('takes only the waiting sends whose window is over, in the order they were made', () => {
    const { app, messages } = setUp();
    const first = awaiting(messages, app, T0);
    const second = awaiting(messages, app, T0 + 1_000);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS + 999)).toEqual(idsOf(first));
    expect(app.in_flight.awaiting.has(second.msg_id)).toBe(true);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS + 1_000)).toEqual(idsOf(second));
  });

  it('drops waiting sends that were answered some other way, and goes on to the next', () => {
    const { app, messages } = setUp();
    const rejected = awaiting(messages, app, T0);
    const waiting = awaiting(messages, app, T0 + 1_000);
    transition(rejected, 'reject', T0 + 10);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS)).toEqual([]);
    expect(app.in_flight.awaiting.has(rejected.msg_id)).toBe(false);
    expect(app.in_flight.awaiting.has(waiting.msg_id)).toBe(true);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS + 1_000)).toEqual(idsOf(waiting));
  });

  it('drops waiting sends no longer stored (a unit taken back), and goes on to the next', () => {
    const { app, messages } = setUp();
    const taken = awaiting(messages, app, T0);
    const waiting = awaiting(messages, app, T0 + 1_000);
    messages.delete(taken.msg_id);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS + 1_000)).toEqual(idsOf(waiting));
    expect(app.in_flight.awaiting.size).toBe(0);
  });

  it('answers everything due in creation order, whatever order the sends end in', () => {
    const { app, messages } = setUp();
    const waiting = awaiting(messages, app, T0);
    const long = sending(messages, app, LONG);
    const short = sending(messages, app, SHORT);
    const shortest = sending(messages, app, 40);
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS)).toEqual(idsOf(waiting, long, short, shortest));
  });

  it('answers sends ending in creation order as they are', () => {
    const { app, messages } = setUp();
    const short = sending(messages, app, SHORT);
    const long = sending(messages, app, LONG);
    expect(takeDue(messages, app, T0 + LONG_MS)).toEqual(idsOf(short, long));
  });

  it('counts the work at the speed the app has now', () => {
    const { app, messages } = setUp();
    const message = sending(messages, app, SHORT);
    settleWork(messages, app, T0 + 100);
    app.speed = 4;
    // 8000 of 24,000 units done at 80 a ms; the other 16,000 at 10 a ms take 1600 ms.
    expect(takeDue(messages, app, T0 + 1_699)).toEqual([]);
    expect(takeDue(messages, app, T0 + 1_700)).toEqual(idsOf(message));
  });
});

describe('oldestAwaiting', () => {
  it('answers nothing when no send waits', () => {
    const { app, messages } = setUp();
    sending(messages, app, SHORT);
    expect(oldestAwaiting(messages, app)).toBeUndefined();
  });

  it('answers the oldest send still waiting, and keeps holding it', () => {
    const { app, messages } = setUp();
    const first = awaiting(messages, app, T0);
    awaiting(messages, app, T0 + 1);
    expect(oldestAwaiting(messages, app)).toBe(first.msg_id);
    expect(oldestAwaiting(messages, app)).toBe(first.msg_id);
    expect(app.in_flight.awaiting.size).toBe(2);
  });

  it('skips and drops sends that stopped waiting', () => {
    const { app, messages } = setUp();
    const approved = awaiting(messages, app, T0);
    const failed = awaiting(messages, app, T0 + 1);
    const waiting = awaiting(messages, app, T0 + 2);
    transition(approved, 'approve', T0 + 3);
    transition(failed, 'fail', T0 + 3);
    expect(oldestAwaiting(messages, app)).toBe(waiting.msg_id);
    expect([...app.in_flight.awaiting.keys()]).toEqual([waiting.msg_id]);
  });

  it('answers nothing, and holds nothing, once every waiting send was answered', () => {
    const { app, messages } = setUp();
    const rejected = awaiting(messages, app, T0);
    transition(rejected, 'reject', T0 + 3);
    expect(oldestAwaiting(messages, app)).toBeUndefined();
    expect(app.in_flight.awaiting.size).toBe(0);
  });
});

describe('rebuildInFlight', () => {
  it("indexes the app's sends afresh from its messages, in creation order, skipping ids it no longer holds", () => {
    const { app, store, messages } = setUp();
    const stale = app.in_flight;
    const short = storedMessage(messages, app, { audience: SHORT, start_work: 0 });
    const waiting = storedMessage(messages, app, { audience: SHORT, status: 'AWAITING_CONFIRMATION' });
    const ended = storedMessage(messages, app, { audience: SHORT, status: 'SEND_SUCCESS', start_work: 0 });
    const long = storedMessage(messages, app, { audience: LONG, start_work: 0 });
    const sameEnd = storedMessage(messages, app, { audience: SHORT, start_work: 0 });
    app.message_ids.push(short.msg_id, 1, waiting.msg_id, ended.msg_id, long.msg_id, sameEnd.msg_id);
    stale.awaiting.set(ended.msg_id, 99);
    rebuildInFlight(store, app);
    expect(app.in_flight).not.toBe(stale);
    expect(app.in_flight.next_seq).toBe(5);
    expect(app.in_flight.sending.size).toBe(3);
    expect([...app.in_flight.awaiting]).toEqual([[waiting.msg_id, 1]]);
    expect(takeDue(messages, app, T0 + SHORT_MS - 1)).toEqual([]);
    expect(takeDue(messages, app, T0 + SHORT_MS)).toEqual(idsOf(short, sameEnd));
    expect(takeDue(messages, app, T0 + LONG_MS)).toEqual(idsOf(long));
    expect(takeDue(messages, app, T0 + CONFIRMATION_WINDOW_MS)).toEqual(idsOf(waiting));
  });

  it('leaves an app without messages an empty index', () => {
    const { app, messages } = setUp();
    sending(messages, app, SHORT);
    rebuildInFlight(newStore(app), app);
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.in_flight.awaiting.size).toBe(0);
    expect(app.in_flight.next_seq).toBe(0);
  });
});
