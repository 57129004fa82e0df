/**
 * The --state-file format: JSON lines, a header first, then records appended before each answer is
 * sent, so every acknowledged mutation survives kill -9 (the kernel holds what write() returned).
 * Later records of the same app or message replace earlier ones; a compaction rewrites the file as
 * one record per entity. A torn last line (a crash mid-write) is dropped; anything else that does
 * not parse is refused, and the file is left as it was.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { App, MassMessage } from '../domain/store.js';

export const STATE_FORMAT = 'wechat-mass-mock/state';
export const STATE_VERSION = 2;

/** An app as stored: everything but what is rebuilt from the messages (message_ids, in_flight). */
export type AppRecord = Omit<App, 'message_ids' | 'in_flight' | 'clientmsgids'> & { clientmsgids: [string, { msg_id: number; at: number }][] };

export type StateRecord =
  | { t: 'app'; app: AppRecord }
  | { t: 'msg'; msg: MassMessage }
  | { t: 'clock'; now: number }
  | { t: 'drop'; appid: string }
  | { t: 'reset' };

export interface StateHeader {
  format: typeof STATE_FORMAT;
  version: number;
  /** Counts the starts on this file, so a restart does not replay the same ids from the seed. */
  generation: number;
}

export class StateFileError extends Error {
  override name = 'StateFileError';
}

export interface LoadedState {
  header: StateHeader;
  records: StateRecord[];
  /** True when a torn last line was dropped. */
  recovered: boolean;
}

const RECORD_TYPES = new Set(['app', 'msg', 'clock', 'drop', 'reset']);

function isRecord(value: unknown): value is StateRecord {
  return typeof value === 'object' && value !== null && RECORD_TYPES.has((value as { t?: unknown }).t as string);
}

/** Reads `path`; undefined when it does not exist yet. */
export function loadStateFile(path: string): LoadedState | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  if (text === '') return undefined;
  const lines = text.split('\n');
  // A complete file ends with a newline, so the last element is '' unless the last write was torn.
  const torn = lines.pop() !== '';
  let header: StateHeader;
  try {
    header = JSON.parse(lines[0] ?? '') as StateHeader;
  } catch {
    header = {} as StateHeader;
  }
  if (header.format !== STATE_FORMAT) throw new StateFileError(`${path} is not a wechat-mass-mock state file (its first line is not the header); it was left untouched`);
  if (header.version !== STATE_VERSION) throw new StateFileError(`${path} has state format version ${String(header.version)}; this mock reads version ${STATE_VERSION}; it was left untouched`);
  const records: StateRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    let record: unknown;
    try {
      record = JSON.parse(lines[i]!);
    } catch {
      record = undefined;
    }
    if (!isRecord(record)) throw new StateFileError(`${path} line ${i + 1} is corrupt; the file was left untouched`);
    records.push(record);
  }
  return { header, records, recovered: torn };
}

/** Writes the whole state as a fresh file next to `path`, then renames it over: never half a file. */
export function writeStateFile(path: string, header: StateHeader, records: Iterable<StateRecord>): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    const chunk: string[] = [JSON.stringify(header)];
    let size = 0;
    for (const record of records) {
      const line = JSON.stringify(record);
      chunk.push(line);
      size += line.length;
      if (size > 1 << 20) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk.length = 0;
        size = 0;
      }
    }
    if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Appends records to the file; each append (one unit of work's records) is one write() before the answer goes out. */
export function openAppender(path: string): { append(records: readonly StateRecord[]): void; close(): void } {
  const fd = openSync(path, 'a');
  return {
    append: (records) => {
      let text = '';
      for (const record of records) text += `${JSON.stringify(record)}\n`;
      writeSync(fd, text);
    },
    close: () => closeSync(fd),
  };
}
