/**
 * Every app's messages, a row each in typed columns (columns.ts) rather than an object each: a
 * million sends take some 70 MB outside the V8 heap instead of 300 MB of objects inside it, which
 * the collector's slack nearly doubles in resident memory. Rows keep creation order. A deleted row
 * is a hole until holes outnumber the messages; then the rows move down. Rows are the table's own
 * business: the rest of the mock names a message by its msg_id and reads it as a StoredMessage.
 */
import { CodeColumn, NumberColumn, OptionalNumberColumn, SparseColumn, type Column } from './columns.js';
import { MsgIdIndex } from './msg-id-index.js';
import { StoredMessage } from './stored-message.js';
import type { MassMessage, MessageStatus, PushRecord } from './store.js';

const MIN_CAPACITY = 16;
/** Fewer holes than this are left alone: moving every row costs more than they do. */
const MIN_HOLES = 1024;
const NONE: readonly never[] = Object.freeze([]);
const isEmpty = (list: readonly unknown[]) => list.length === 0;

export class MessageTable {
  /** Each field of each row; a hole's msg_id is NaN. */
  readonly columns = {
    msg_id: new NumberColumn(),
    msg_data_id: new OptionalNumberColumn(),
    appid: new CodeColumn<string>(),
    msgtype: new CodeColumn<string>(),
    articles: new NumberColumn(),
    deleted_articles: new SparseColumn<readonly number[]>(NONE, isEmpty),
    audience: new NumberColumn(),
    created_at: new NumberColumn(),
    status: new CodeColumn<MessageStatus>(),
    start_work: new OptionalNumberColumn(),
    finished_at: new OptionalNumberColumn(),
    event_status: new CodeColumn<string | undefined>(),
    pushes: new SparseColumn<readonly PushRecord[]>(NONE, isEmpty),
  } satisfies { [K in keyof MassMessage]-?: Column<MassMessage[K]> };
  /** What `set` writes: every field but the msg_id, which append writes with the row. */
  private readonly fields = (Object.keys(this.columns) as (keyof MassMessage)[]).filter((field) => field !== 'msg_id');
  /**
   * Each stored message's own number, in creation order across clears and compactions: an iterator
   * finds its place again by it, and a StoredMessage tells its message from a later one of the same
   * msg_id (a reset of everything draws the same msg_ids again from the seed).
   */
  private readonly serials = new NumberColumn();
  private readonly all: readonly Column<unknown>[] = [...Object.values(this.columns), this.serials];
  private readonly index = new MsgIdIndex(this.columns.msg_id);
  private capacity = 0;
  /** Rows in use, holes included. */
  private length = 0;
  private holes = 0;
  private nextSerial = 0;
  private moves = 0;

  get size(): number {
    return this.index.size;
  }

  /** Changes whenever a row may have moved or gone: a StoredMessage then looks its row up again. */
  get layout(): number {
    return this.moves;
  }

  /** The row of `msgId`, or -1. */
  rowOf(msgId: number): number {
    return this.index.rowOf(msgId);
  }

  /** The serial of the message in `row`. */
  serialOf(row: number): number {
    return this.serials.get(row);
  }

  has(msgId: number): boolean {
    return this.index.rowOf(msgId) >= 0;
  }

  get(msgId: number): StoredMessage | undefined {
    const row = this.index.rowOf(msgId);
    return row < 0 ? undefined : new StoredMessage(this, msgId, row);
  }

  /** The status of `msgId`, without making a StoredMessage: what the index of sends in flight asks most. */
  statusOf(msgId: number): MessageStatus | undefined {
    const row = this.index.rowOf(msgId);
    return row < 0 ? undefined : this.columns.status.get(row);
  }

  /** Stores `message`: a new row after the others, or in place of the message with its msg_id. */
  set(message: MassMessage): StoredMessage {
    let row = this.index.rowOf(message.msg_id);
    if (row < 0) row = this.append(message.msg_id);
    for (const field of this.fields) (this.columns[field] as Column<unknown>).set(row, message[field]);
    return new StoredMessage(this, message.msg_id, row);
  }

  delete(msgId: number): boolean {
    const row = this.index.rowOf(msgId);
    if (row < 0) return false;
    this.index.delete(msgId);
    this.columns.msg_id.set(row, NaN);
    this.columns.deleted_articles.set(row, NONE);
    this.columns.pushes.set(row, NONE);
    this.holes += 1;
    this.moves += 1;
    // Holes at the end (the new sends of a unit taken back) just shorten the table.
    while (this.length > 0 && this.isHole(this.length - 1)) {
      this.length -= 1;
      this.holes -= 1;
    }
    if (this.holes >= MIN_HOLES && this.holes > this.size) this.compact();
    return true;
  }

  clear(): void {
    this.index.clear();
    this.length = 0;
    this.holes = 0;
    this.resize(0);
    this.moves += 1;
  }

  /** Whether `message` is one this table handed out, and still holds (not deleted, nor cleared since). */
  holds(message: MassMessage): boolean {
    return message instanceof StoredMessage && message.isIn(this);
  }

  /** The messages in creation order; deleting or adding meanwhile is safe, as with a Map. */
  *values(): Generator<StoredMessage> {
    let layout = this.moves;
    let last = -1;
    for (let row = 0; ; row++) {
      if (layout !== this.moves) {
        row = this.firstAfter(last);
        layout = this.moves;
      }
      if (row >= this.length) return;
      if (this.isHole(row)) continue;
      last = this.serials.get(row);
      yield new StoredMessage(this, this.columns.msg_id.get(row), row);
    }
  }

  private isHole(row: number): boolean {
    return Number.isNaN(this.columns.msg_id.get(row));
  }

  private append(msgId: number): number {
    if (this.length === this.capacity) this.resize(Math.max(MIN_CAPACITY, this.capacity * 2));
    const row = this.length++;
    this.columns.msg_id.set(row, msgId);
    this.serials.set(row, this.nextSerial++);
    this.index.add(msgId, row);
    return row;
  }

  private resize(capacity: number): void {
    for (const column of this.all) column.resize(capacity, this.length);
    this.capacity = capacity;
  }

  /** Moves the rows down over the holes, in order, and gives back the room they took. */
  private compact(): void {
    let to = 0;
    for (let from = 0; from < this.length; from++) {
      if (this.isHole(from)) continue;
      if (from !== to) for (const column of this.all) column.move(from, to);
      to += 1;
    }
    this.length = to;
    this.holes = 0;
    this.resize(Math.max(MIN_CAPACITY, to * 2));
    this.index.clear();
    for (let row = 0; row < to; row++) this.index.add(this.columns.msg_id.get(row), row);
    this.moves += 1;
  }

  /** The first row made after the one with serial `serial` (serials grow with the rows). */
  private firstAfter(serial: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.serials.get(mid) <= serial) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
