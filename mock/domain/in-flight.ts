/**
 * Keeps each app's index of sends in flight (App.in_flight), so that a tick, a speed change and the
 * confirmation check cost what ends, not what is in flight: a SENDING send ends when the app's work
 * count reaches its target, which no speed change moves, so a heap by target pops just the due ones.
 */
import { CONFIRMATION_WINDOW_MS, workAt, workTarget } from './lifecycle.js';
import { createInFlight, type App, type MassMessage, type Recorded, type Store } from './store.js';

/** Drops index entries of sends that stopped SENDING some other way (failed, or settled when read). */
function dropEnded(app: App): void {
  const { sending } = app.in_flight;
  while (sending.size > 0 && sending.peek()?.status !== 'SENDING') sending.pop();
}

/**
 * Counts the app's work up to `now`, so what follows goes at whatever speed is set next. With
 * nothing SENDING the count starts again from 0: it only grows while sends overlap, so it stays an
 * exact integer (below 2^53 unless sends overlap without a break for millennia).
 */
export function settleWork(app: Recorded<App>, now: number): void {
  dropEnded(app);
  app.work_base = app.in_flight.sending.size > 0 ? workAt(app, now) : 0;
  app.work_at = Math.max(app.work_at, now);
}

function startWork(app: Recorded<App>, message: Recorded<MassMessage>, now: number, seq: number): void {
  settleWork(app, now);
  message.start_work = app.work_base;
  app.in_flight.sending.push(workTarget(message), seq, message);
}

/** Indexes a send just created: it waits for the administrator, or starts SENDING at `now`. */
export function trackNewSend(app: Recorded<App>, message: Recorded<MassMessage>, now: number): void {
  const seq = app.in_flight.next_seq++;
  if (message.status === 'AWAITING_CONFIRMATION') app.in_flight.awaiting.set(message, seq);
  else if (message.status === 'SENDING') startWork(app, message, now, seq);
}

/** Moves a send the administrator just approved (now SENDING) from waiting to sending, from `now`. */
export function trackApproved(app: Recorded<App>, message: Recorded<MassMessage>, now: number): void {
  const { awaiting } = app.in_flight;
  const seq = awaiting.get(message) ?? app.in_flight.next_seq++;
  awaiting.delete(message);
  startWork(app, message, now, seq);
}

/** Indexes a send restored from a state file as it was (its start_work included); call in creation order. */
export function trackRestored(app: App, message: MassMessage): void {
  const seq = app.in_flight.next_seq++;
  if (message.status === 'AWAITING_CONFIRMATION') app.in_flight.awaiting.set(message, seq);
  else if (message.status === 'SENDING') app.in_flight.sending.push(workTarget(message), seq, message);
}

const NOTHING: readonly MassMessage[] = [];

/**
 * Takes out of the index every send whose time is up at app time `now` (SENDING ones whose work is
 * done, waiting ones past the confirmation window), in creation order; the caller settles each.
 */
export function takeDue(app: App, now: number): readonly MassMessage[] {
  const { sending, awaiting } = app.in_flight;
  // The common case once everything ended: no allocation on every setSpeed and tick.
  if (sending.size === 0 && awaiting.size === 0) return NOTHING;
  const due: { seq: number; message: MassMessage }[] = [];
  sending.takeUpTo(workAt(app, now), (message, seq) => {
    if (message.status === 'SENDING') due.push({ seq, message });
  });
  for (const [message, seq] of awaiting) {
    if (message.status === 'AWAITING_CONFIRMATION') {
      if (message.created_at + CONFIRMATION_WINDOW_MS > now) break;
      due.push({ seq, message });
    }
    awaiting.delete(message);
  }
  // The heap yields them by target or as stored; a batch from one burst of sends is usually in order already.
  if (!isInOrder(due)) due.sort((a, b) => a.seq - b.seq);
  return due.map((entry) => entry.message);
}

function isInOrder(entries: { seq: number }[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1]!.seq > entries[i]!.seq) return false;
  return true;
}

/** The oldest send still waiting for the administrator, if any; call after settling what is due. */
export function oldestAwaiting(app: App): MassMessage | undefined {
  const { awaiting } = app.in_flight;
  for (const message of awaiting.keys()) {
    if (message.status === 'AWAITING_CONFIRMATION') return message;
    awaiting.delete(message);
  }
  return undefined;
}

/** Indexes an app's sends afresh from its messages, in creation order (after a restore or an undone unit). */
export function rebuildInFlight(store: Store, app: App): void {
  (app as Recorded<App>).in_flight = createInFlight();
  for (const id of app.message_ids) {
    const message = store.messages.get(id);
    if (message) trackRestored(app, message);
  }
}
