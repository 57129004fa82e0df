/**
 * A send's status machine and its timing: SENDING lasts audience / (realspeed × 10,000) minutes of
 * app time; a send waiting for the administrator fails after 30 minutes.
 */
import { REALSPEED, type App, type MassMessage, type MessageStatus } from './store.js';

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
/** In the first minute of waiting massmsgget answers 89505 (retry later), then 89504 (wait). */
export const CONFIRMATION_RETRY_MS = 60_000;

/** The event Status WeChat pushes for each way a send can end. */
export const EVENT_STATUS = {
  complete: 'send success',
  fail: 'send fail',
  reject: 'err(40001)',
  timeout: 'err(40002)',
} as const;

/** Messages delivered per ms at `app`'s speed. */
export function ratePerMs(app: App): number {
  return (REALSPEED[app.speed] * 10_000) / 60_000;
}

/** App time at which a SENDING message will have reached its whole audience. */
export function dueAt(message: MassMessage, app: App): number {
  return message.progress_at + Math.ceil((message.audience - message.sent) / ratePerMs(app));
}

/** Records progress up to `now`, so that what is left goes at whatever speed follows. */
export function settleProgress(message: MassMessage, app: App, now: number): void {
  if (message.status !== 'SENDING' || now <= message.progress_at) return;
  message.sent = Math.min(message.audience, message.sent + (now - message.progress_at) * ratePerMs(app));
  message.progress_at = now;
}

/** Applies `event` at app time `at`; false when the status machine does not allow it. */
export function transition(message: MassMessage, event: LifecycleEvent, at: number, eventStatus?: string): boolean {
  const next = nextStatus(message.status, event);
  if (!next) return false;
  message.status = next;
  if (next === 'SENDING') {
    message.sent = 0;
    message.progress_at = at;
  } else if (next === 'SEND_SUCCESS' || next === 'SEND_FAIL') {
    if (next === 'SEND_SUCCESS') message.sent = message.audience;
    message.finished_at = at;
    message.event_status = eventStatus ?? EVENT_STATUS[event as keyof typeof EVENT_STATUS];
  }
  return true;
}

/**
 * Brings a message up to app time `now`: a send whose time is up succeeds, a confirmation nobody
 * answered times out. Returns true when the send ended just now.
 */
export function settle(message: MassMessage, app: App, now: number): boolean {
  if (message.status === 'AWAITING_CONFIRMATION') {
    const deadline = message.created_at + CONFIRMATION_WINDOW_MS;
    return now >= deadline && transition(message, 'timeout', deadline);
  }
  if (message.status === 'SENDING') {
    const due = dueAt(message, app);
    return now >= due && transition(message, 'complete', due);
  }
  return false;
}

/** The errcode massmsgget and setSpeed answer while a send waits for the administrator. */
export function confirmationErrcode(message: MassMessage, now: number): 89504 | 89505 {
  return now - message.created_at < CONFIRMATION_RETRY_MS ? 89505 : 89504;
}
