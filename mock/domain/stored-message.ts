/**
 * A message a MessageTable holds, read and written in place: each field is its row's value in the
 * table's columns. Made on demand and dropped after use, so one message may have many; they are
 * equal (`toEqual`) by msg_id. Once the table no longer holds the message (deleted, or the table
 * cleared, even if a message of the same msg_id came since), using it throws.
 */
import type { MessageTable } from './message-table.js';
import type { MassMessage, MessageStatus, PushRecord } from './store.js';

export class StoredMessage implements MassMessage {
  readonly #table: MessageTable;
  /** Its message's serial in the table: what tells it from a later message of the same msg_id. */
  readonly #serial: number;
  #row: number;
  #layout: number;

  constructor(
    table: MessageTable,
    readonly msg_id: number,
    row: number,
  ) {
    this.#table = table;
    this.#serial = table.serialOf(row);
    this.#row = row;
    this.#layout = table.layout;
  }

  /** Whether `table` still holds this very message. */
  isIn(table: MessageTable): boolean {
    return this.#table === table && this.#find() >= 0;
  }

  get msg_data_id(): number | undefined {
    return this.#columns().msg_data_id.get(this.#at());
  }
  set msg_data_id(value: number | undefined) {
    this.#columns().msg_data_id.set(this.#at(), value);
  }

  get appid(): string {
    return this.#columns().appid.get(this.#at());
  }

  get msgtype(): string {
    return this.#columns().msgtype.get(this.#at());
  }
  set msgtype(value: string) {
    this.#columns().msgtype.set(this.#at(), value);
  }

  get articles(): number {
    return this.#columns().articles.get(this.#at());
  }
  set articles(value: number) {
    this.#columns().articles.set(this.#at(), value);
  }

  get deleted_articles(): readonly number[] {
    return this.#columns().deleted_articles.get(this.#at());
  }
  set deleted_articles(value: readonly number[]) {
    this.#columns().deleted_articles.set(this.#at(), value);
  }

  get audience(): number {
    return this.#columns().audience.get(this.#at());
  }
  set audience(value: number) {
    this.#columns().audience.set(this.#at(), value);
  }

  get created_at(): number {
    return this.#columns().created_at.get(this.#at());
  }
  set created_at(value: number) {
    this.#columns().created_at.set(this.#at(), value);
  }

  get status(): MessageStatus {
    return this.#columns().status.get(this.#at());
  }
  set status(value: MessageStatus) {
    this.#columns().status.set(this.#at(), value);
  }

  get start_work(): number | undefined {
    return this.#columns().start_work.get(this.#at());
  }
  set start_work(value: number | undefined) {
    this.#columns().start_work.set(this.#at(), value);
  }

  get finished_at(): number | undefined {
    return this.#columns().finished_at.get(this.#at());
  }
  set finished_at(value: number | undefined) {
    this.#columns().finished_at.set(this.#at(), value);
  }

  get event_status(): string | undefined {
    return this.#columns().event_status.get(this.#at());
  }
  set event_status(value: string | undefined) {
    this.#columns().event_status.set(this.#at(), value);
  }

  get pushes(): readonly PushRecord[] {
    return this.#columns().pushes.get(this.#at());
  }
  set pushes(value: readonly PushRecord[]) {
    this.#columns().pushes.set(this.#at(), value);
  }

  #columns(): MessageTable['columns'] {
    return this.#table.columns;
  }

  /** Its row now: looked up again after rows moved or went. */
  #at(): number {
    if (this.#layout !== this.#table.layout) {
      const row = this.#find();
      if (row < 0) throw new Error(`message ${this.msg_id} is no longer stored`);
      this.#row = row;
      this.#layout = this.#table.layout;
    }
    return this.#row;
  }

  /** The row of its very message, or -1. */
  #find(): number {
    const row = this.#table.rowOf(this.msg_id);
    return row >= 0 && this.#table.serialOf(row) === this.#serial ? row : -1;
  }
}
