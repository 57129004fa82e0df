/**
 * A compaction of the running mock, as Redis rewrites its append-only file: the live state is
 * written to a new file a slice at a time between requests, so answers are not held while it
 * writes; what is committed meanwhile goes to the old file (so nothing acknowledged can be lost) and
 * is kept, to follow the snapshot in the new one. Records replace what they name, so a snapshot
 * slice taken after a change, followed by that change again, still ends in the same state.
 */
import { serializeRecords, type StateRecord } from './state-file.js';
import { StateRewrite, type StateFileIo } from './state-log.js';

/** A slice ends after this long; the clock is read every so many records, and the file written every so many bytes. */
const SLICE_MS = 5;
const RECORDS_PER_CLOCK_READ = 128;
const WRITE_BYTES = 64 * 1024;

export interface CompactionOptions {
  io: StateFileIo;
  path: string;
  /** The header line, then the live state: iterated lazily, a slice at a time. */
  header: string;
  snapshot: Iterator<StateRecord>;
  /** Called once the new file is in place (with its size), or once the compaction gave up. */
  onDone(result: { ok: true; size: number; longestSliceMs: number } | { ok: false; error: unknown }): void;
}

export interface Compaction {
  /** Keeps a commit that the old file already holds, for the new one. */
  follow(text: string): void;
  /** Stops, leaving the file as it is. */
  cancel(): void;
}

export function startCompaction({ io, path, header, snapshot, onDone }: CompactionOptions): Compaction {
  const followed: string[] = [];
  let rewrite: StateRewrite | undefined;
  let longestSliceMs = 0;
  let stopped = false;
  // Commits before the first slice are in the snapshot anyway: only later ones need following.
  let snapshotting = false;
  const give = (error: unknown) => {
    stopped = true;
    rewrite?.abandon();
    onDone({ ok: false, error });
  };
  const slice = () => {
    if (stopped) return;
    const started = performance.now();
    snapshotting = true;
    try {
      rewrite ??= new StateRewrite(io, path);
      if (rewrite.size === 0) rewrite.write(header);
      let chunk = '';
      let records = 0;
      for (let next = snapshot.next(); !next.done; next = snapshot.next()) {
        chunk += serializeRecords([next.value]);
        if (chunk.length >= WRITE_BYTES) {
          rewrite.write(chunk);
          chunk = '';
        }
        if (++records % RECORDS_PER_CLOCK_READ === 0 && performance.now() - started >= SLICE_MS) {
          rewrite.write(chunk);
          longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
          setImmediate(slice);
          return;
        }
      }
      rewrite.write(chunk);
      longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
      // The bulk goes to disk in the background, then what followed meanwhile.
      rewrite.flush((err) => (err ? give(err) : settle()));
    } catch (error) {
      give(error);
    }
  };
  // What followed is written and synced in the background, and the file renamed into place once that
  // is done: commits that arrive meanwhile are written last, as durable as any append (written, not synced).
  const settle = () => {
    if (stopped || !rewrite) return;
    const current = rewrite;
    try {
      current.write(followed.splice(0).join(''));
    } catch (error) {
      give(error);
      return;
    }
    current.flush((err) => {
      if (stopped) return;
      if (err) return give(err);
      const started = performance.now();
      try {
        current.write(followed.splice(0).join(''));
        current.finish({ synced: true });
        stopped = true;
        longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
        onDone({ ok: true, size: current.size, longestSliceMs });
      } catch (error) {
        give(error);
      }
    });
  };
  setImmediate(slice);
  return {
    follow(text) {
      if (snapshotting) followed.push(text);
    },
    cancel() {
      if (stopped) return;
      stopped = true;
      rewrite?.abandon();
    },
  };
}
