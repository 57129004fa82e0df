/**
 * The --state-file format (version 3): JSON lines, a header first, then records. Whole records
 * (`app`, `msg`) create or replace an entity; small ones (`app-set`, `msg-set`, `cmid`, `tagging`)
 * change what a unit of work touched (`tagging`: the fans one call tagged or untagged, never a
 * tag's members); `media` and `draft` add a media_id or a draft to an app (a later `draft` replaces
 * it: draft/update), `media-del` and `draft-del` delete one. A later record of the same entity wins.
 * A torn last line (a crash mid-write) is dropped; anything else that does not parse is refused, and
 * the file is left as it was. Version 2 files (whole records only) read as they are and are
 * rewritten as 3 at the next compaction; record types added later keep the version at 3.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { TaggingOp } from '../domain/apply-tagging.js';
import type { App, ClientMsgIdEntry, Draft, MassMessage, Media } from '../domain/store.js';

export const STATE_FORMAT = 'wechat-mass-mock/state';
export const STATE_VERSION = 3;
/** Version 2 has a subset of version 3's records. */
const READABLE_VERSIONS: readonly number[] = [2, 3];

/** What tagging did to one tag's members (App.taggings), as stored. */
export type TagMembersRecord = { added: number[]; removed: number[] };
/**
 * An app as stored: everything but what is rebuilt from the messages (message_ids, in_flight) and
 * what has records of its own (media, drafts). Records written before tags and followers existed
 * have no taggings or next_tag_id.
 */
export type AppRecord = Omit<App, 'message_ids' | 'in_flight' | 'clientmsgids' | 'library' | 'drafts' | 'taggings' | 'next_tag_id'> & {
  clientmsgids: [string, ClientMsgIdEntry][];
  taggings?: [number, TagMembersRecord][];
  next_tag_id?: number;
};
/** The fields of an app a unit changed (never its appid, clientmsgids or taggings, which have `cmid` and `tagging`). */
export type AppFields = Partial<Omit<AppRecord, 'appid' | 'clientmsgids' | 'taggings'>>;
export type MessageFields = Partial<Omit<MassMessage, 'msg_id' | 'appid'>>;

export type StateRecord =
  | { t: 'app'; app: AppRecord }
  | { t: 'app-set'; appid: string; set: AppFields }
  | { t: 'cmid'; appid: string; id: string; msg_id: number; at: number }
  | { t: 'tagging'; appid: string; tagid?: number; op: TaggingOp; fans?: number[] }
  | { t: 'msg'; msg: MassMessage }
  | { t: 'msg-set'; msg_id: number; set: MessageFields }
  | { t: 'media'; appid: string; media: Media }
  | { t: 'draft'; appid: string; draft: Draft }
  | { t: 'media-del'; appid: string; media_id: string }
  | { t: 'draft-del'; appid: string; media_id: string }
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

const RECORD_TYPES: ReadonlySet<string> = new Set<StateRecord['t']>(['app', 'app-set', 'cmid', 'tagging', 'msg', 'msg-set', 'media', 'draft', 'media-del', 'draft-del', 'clock', 'drop', 'reset']);

function recordType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { t?: unknown }).t;
  return typeof type === 'string' ? type : undefined;
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
  if (!READABLE_VERSIONS.includes(header.version)) {
    throw new StateFileError(`${path} has state format version ${String(header.version)}; this mock reads versions ${READABLE_VERSIONS.join(' and ')}; it was left untouched`);
  }
  const records: StateRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    let record: unknown;
    try {
      record = JSON.parse(lines[i]!);
    } catch {
      record = undefined;
    }
    const type = recordType(record);
    if (type === undefined) throw new StateFileError(`${path} line ${i + 1} is corrupt; the file was left untouched`);
    if (!RECORD_TYPES.has(type)) throw new StateFileError(`${path} line ${i + 1} is a "${type}" record, which this version does not know (a newer wechat-mass-mock wrote it?); the file was left untouched`);
    records.push(record as StateRecord);
  }
  return { header, records, recovered: torn };
}

/** Records as the lines the file holds. */
export function serializeRecords(records: Iterable<StateRecord>): string {
  let text = '';
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  return text;
}
