/**
 * Group commit, as databases and Redis's append-only file do it: the changes of the WeChat calls
 * answered in one turn of the event loop are appended with one write at the end of that turn, and
 * their answers wait for it. Still write, then acknowledge: no answer goes out before what it saw is
 * written, and a failed write undoes every unit it held and answers them all as failed. A write per
 * call cost more than the rest of a setSpeed call.
 */
import { QueuedWriteError, type ChangeSet } from '../domain/changes.js';

/** Called once the write an answer waits for is done: `failed` when it could not be written (and was undone). */
export type AfterWrite = (failed: boolean) => void;

/** What the request path sees of it: the calls it groups, and the wait before their answers. */
export interface CallGrouping {
  /** Runs `work`, a call whose answer waits for `afterWrite`: the units it commits may be queued. */
  group<T>(work: () => T): T;
  /** Calls `then` once everything committed so far is written, or could not be: at once when nothing waits. */
  afterWrite(then: AfterWrite): void;
}

export interface GroupCommitOptions {
  /** Appends `text` whole, or throws having written none of it. */
  write(text: string): void;
  /** Rolls back units committed but not written, oldest first in `units`. */
  undo(units: readonly ChangeSet[]): void;
}

export class GroupCommit implements CallGrouping {
  private grouping = 0;
  private text = '';
  private units: ChangeSet[] = [];
  private waiting: AfterWrite[] = [];
  private scheduled = false;

  constructor(private readonly options: GroupCommitOptions) {}

  group<T>(work: () => T): T {
    this.grouping += 1;
    try {
      return work();
    } finally {
      this.grouping -= 1;
    }
  }

  afterWrite(then: AfterWrite): void {
    if (this.units.length === 0) then(false);
    else this.waiting.push(then);
  }

  /**
   * A unit's records (`text`, empty when it changed nothing recorded). Queued inside `group` when
   * `queueable`; otherwise written now together with what is queued, or thrown back: a
   * QueuedWriteError when queued units failed with it.
   */
  commit(unit: ChangeSet, text: string, queueable: boolean): void {
    if (this.grouping > 0 && queueable) {
      if (text === '') return;
      this.text += text;
      this.units.push(unit);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
      return;
    }
    const earlier = this.take();
    const all = earlier.text + text;
    if (all === '') return;
    try {
      this.options.write(all);
    } catch (err) {
      this.release(earlier.waiting, true);
      throw earlier.units.length === 0 ? err : new QueuedWriteError(err, earlier.units);
    }
    this.release(earlier.waiting, false);
  }

  /** Writes what is queued now (at the end of the turn, and at close). */
  flush(): void {
    const queued = this.take();
    // Nothing queued means nothing waits: afterWrite answers at once then.
    if (queued.units.length === 0) return;
    try {
      this.options.write(queued.text);
    } catch {
      // The state file has said why; the calls that waited answer as failed, and nothing they did stays.
      this.options.undo(queued.units);
      return this.release(queued.waiting, true);
    }
    this.release(queued.waiting, false);
  }

  private take(): { text: string; units: ChangeSet[]; waiting: AfterWrite[] } {
    const taken = { text: this.text, units: this.units, waiting: this.waiting };
    this.text = '';
    this.units = [];
    this.waiting = [];
    return taken;
  }

  private release(waiting: readonly AfterWrite[], failed: boolean): void {
    for (const then of waiting) then(failed);
  }
}
