/**
 * A send's status machine and its timing: SENDING lasts audience / (realspeed × 10,000) minutes of
 * app time; a send waiting for the administrator fails after 30 minutes.
 */
import { REALSPEED, type App, type MassMessage, type MessageStatus, type Recorded } from './store.js';

export type LifecycleEvent = 'approve' | 'reject' | 'timeout' | 'complete' | 'fail' | 'delete';

const TRANSITIONS: Record<MessageStatus, Partial<Record<LifecycleEvent, MessageStatus>>> = {
  AWAITING_CONFIRMATION: { approve: 'SENDING', reject: 'SEND_FAIL', timeout: 'SEND_FAIL', fail: 'SEND_FAIL' },
  SENDING: { complete: 'SEND_SUCCESS', fail: 'SEND_FAIL' },
  SEND_SUCCESS: { delete: 'DELETE' },
  SEND_FAIL: {},
  DELETE: {},
};

export function nextStatus(current: MessageStatus, event: LifecycleEvent): MessageStatus | undefined {
  return TRANSITIONS[current][event];
}

/** How long the administrator has to answer before the send fails with err(40002). */
export const CONFIRMATION_WINDOW_MS = 30 * 60_000;

/**
 * Units of work per message. realspeed R 万/min is R × 10,000 / 60,000 = R / 6 messages a ms, so
 * counting sixths of a message makes an app do exactly R units a ms: whole numbers, so due times
 * come out exact (no float drift across speed changes).
 */
export const WORK_PER_MESSAGE = 6;

/** The event Status WeChat pushes for each way a send can end. */
export const EVENT_STATUS = {
  complete: 'send success',
  fail: 'send fail',
  reject: 'err(40001)',
  timeout: 'err(40002)',
} as const;

/** The app's work count at app time `at` (≥ its work_at), at its current speed. */
export function workAt(app: App, at: number): number {
  return app.work_base + Math.max(0, at - app.work_at) * REALSPEED[app.speed];
}

/** The work count at which a SENDING message will have reached its whole audience. */
export function workTarget(message: MassMessage): number {
  return (message.start_work ?? 0) + message.audience * WORK_PER_MESSAGE;
}

/** ⌈n / d⌉ for integers, without the rounding a float division can add near large quotients. */
function ceilDiv(n: number, d: number): number {
  const rest = n % d;
  return (n - rest) / d + (rest > 0 ? 1 : 0);
}

/** App time (a whole ms) at which a SENDING message will have reached its whole audience, at the current speed. */
export function dueAt(message: MassMessage, app: App): number {
  return app.work_at + ceilDiv(workTarget(message) - app.work_base, REALSPEED[app.speed]);
}

/** Messages delivered by app time `now`: all of them once the send succeeded, none if it failed. */
export function sentBy(message: MassMessage, app: App, now: number): number {
  if (message.status === 'SEND_SUCCESS' || message.status === 'DELETE') return message.audience;
  if (message.status !== 'SENDING') return 0;
  const done = Math.floor((workAt(app, now) - (message.start_work ?? 0)) / WORK_PER_MESSAGE);
  return Math.min(message.audience, Math.max(0, done));
}

/** Applies `event` at app time `at`; false when the status machine does not allow it. */
export function transition(message: Recorded<MassMessage>, event: LifecycleEvent, at: number, eventStatus?: string): boolean {
  const next = nextStatus(message.status, event);
  if (!next) return false;
  message.status = next;
  if (next === 'SEND_SUCCESS' || next === 'SEND_FAIL') {
    message.finished_at = at;
    message.event_status = eventStatus ?? EVENT_STATUS[event as keyof typeof EVENT_STATUS];
  }
  return true;
}

/** How a message ends by app time `now` if nobody acts: a send whose time is up completes, a confirmation nobody answered times out. */
export function dueEnding(message: MassMessage, app: App, now: number): { event: 'complete' | 'timeout'; at: number } | undefined {
  if (message.status === 'AWAITING_CONFIRMATION') {
    const deadline = message.created_at + CONFIRMATION_WINDOW_MS;
    return now >= deadline ? { event: 'timeout', at: deadline } : undefined;
  }
  if (message.status === 'SENDING') {
    const due = dueAt(message, app);
    return now >= due ? { event: 'complete', at: due } : undefined;
  }
  return undefined;
}

export type LifecycleState = Pick<MassMessage, 'status' | 'finished_at' | 'event_status'>;

/**
 * A message's status, end time and event status as seen at app time `now`, without ending it:
 * reads (massmsgget, the views) show a send that is due as ended; the clock's tick ends it.
 */
export function lifecycleAt(message: MassMessage, app: App, now: number): LifecycleState {
  const ending = dueEnding(message, app, now);
  if (!ending) return message;
  const status = nextStatus(message.status, ending.event)!;
  return { status, finished_at: ending.at, event_status: EVENT_STATUS[ending.event] };
}

/**
 * The errcode `operation` answers while `message` waits for the administrator, or undefined when the
 * app's protection_codes leave that call alone: 89505 (retry later) at first, 89504 (wait) after.
 */
export function confirmationErrcode(app: App, operation: 'massmsgget' | 'setSpeed', message: MassMessage, now: number): 89504 | 89505 | undefined {
  const { operations, switch_after_ms } = app.protection_codes;
  if (!operations.includes(operation)) return undefined;
  return now - message.created_at < switch_after_ms ? 89505 : 89504;
}
