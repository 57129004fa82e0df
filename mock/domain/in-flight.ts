/**
 * Keeps each app's index of sends in flight (App.in_flight), by msg_id, so that a tick, a speed
 * change and the confirmation check cost what ends, not what is in flight: a SENDING send ends when
 * the app's work count reaches its target, which no speed change moves, so a heap by target pops
 * just the due ones. The messages themselves are read from the store's table.
 */
import { CONFIRMATION_WINDOW_MS, workAt, workTarget } from './lifecycle.js';
import type { MessageTable } from './message-table.js';
import { createInFlight, type App, type MassMessage, type Recorded, type Store } from './store.js';

/** Drops index entries of sends that stopped SENDING some other way (failed, or settled when read). */
function dropEnded(messages: MessageTable, app: App): void {
  const { sending } = app.in_flight;
  while (sending.size > 0 && messages.statusOf(sending.peek()!) !== 'SENDING') sending.pop();
}

/**
 * Counts the app's work up to `now`, so what follows goes at whatever speed is set next. With
 * nothing SENDING the count starts again from 0: it only grows while sends overlap, so it stays an
 * exact integer (below 2^53 unless sends overlap without a break for millennia).
 */
export function settleWork(messages: MessageTable, app: Recorded<App>, now: number): void {
  dropEnded(messages, app);
  app.work_base = app.in_flight.sending.size > 0 ? workAt(app, now) : 0;
  app.work_at = Math.max(app.work_at, now);
}

function startWork(messages: MessageTable, app: Recorded<App>, message: Recorded<MassMessage>, now: number, seq: number): void {
  settleWork(messages, app, now);
  message.start_work = app.work_base;
  app.in_flight.sending.push(workTarget(message), seq, message.msg_id);
}

/** Indexes a send just created: it waits for the administrator, or starts SENDING at `now`. */
export function trackNewSend(messages: MessageTable, app: Recorded<App>, message: Recorded<MassMessage>, now: number): void {
  const seq = app.in_flight.next_seq++;
  if (message.status === 'AWAITING_CONFIRMATION') app.in_flight.awaiting.set(message.msg_id, seq);
  else if (message.status === 'SENDING') startWork(messages, app, message, now, seq);
}

/** Moves a send the administrator just approved (now SENDING) from waiting to sending, from `now`. */
export function trackApproved(messages: MessageTable, app: Recorded<App>, message: Recorded<MassMessage>, now: number): void {
  const { awaiting } = app.in_flight;
  const seq = awaiting.get(message.msg_id) ?? app.in_flight.next_seq++;
  awaiting.delete(message.msg_id);
  startWork(messages, app, message, now, seq);
}

/** Indexes a send restored from a state file as it was (its start_work included); call in creation order. */
export function trackRestored(app: App, message: MassMessage): void {
  const seq = app.in_flight.next_seq++;
  if (message.status === 'AWAITING_CONFIRMATION') app.in_flight.awaiting.set(message.msg_id, seq);
  else if (message.status === 'SENDING') app.in_flight.sending.push(workTarget(message), seq, message.msg_id);
}

const NOTHING: readonly number[] = [];

/**
 * Takes out of the index every send whose time is up at app time `now` (SENDING ones whose work is
 * done, waiting ones past the confirmation window), in creation order, as msg_ids; the caller settles each.
 */
export function takeDue(messages: MessageTable, app: App, now: number): readonly number[] {
  const { sending, awaiting } = app.in_flight;
  // The common case once everything ended: no allocation on every setSpeed and tick.
  if (sending.size === 0 && awaiting.size === 0) return NOTHING;
  const ids: number[] = [];
  const seqs: number[] = [];
  sending.takeUpTo(workAt(app, now), (id, seq) => {
    if (messages.statusOf(id) !== 'SENDING') return;
    ids.push(id);
    seqs.push(seq);
  });
  for (const [id, seq] of awaiting) {
    const message = messages.get(id);
    if (message?.status === 'AWAITING_CONFIRMATION') {
      if (message.created_at + CONFIRMATION_WINDOW_MS > now) break;
      ids.push(id);
      seqs.push(seq);
    }
    awaiting.delete(id);
  }
  return inSeqOrder(ids, seqs);
}

/** `ids` by their `seqs`: the heap yields them by target or as stored, and a batch from one burst of sends is usually in order already. */
function inSeqOrder(ids: number[], seqs: number[]): number[] {
  let ordered = true;
  for (let i = 1; i < seqs.length && ordered; i++) ordered = seqs[i - 1]! <= seqs[i]!;
  if (ordered) return ids;
  const order = Array.from(ids.keys()).sort((a, b) => seqs[a]! - seqs[b]!);
  return order.map((i) => ids[i]!);
}

/** The msg_id of the oldest send still waiting for the administrator, if any; call after settling what is due. */
export function oldestAwaiting(messages: MessageTable, app: App): number | undefined {
  const { awaiting } = app.in_flight;
  for (const id of awaiting.keys()) {
    if (messages.statusOf(id) === 'AWAITING_CONFIRMATION') return id;
    awaiting.delete(id);
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
