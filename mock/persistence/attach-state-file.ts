/**
 * --state-file: restores the simulator from the file and compacts it, then appends what each unit
 * of work changed (the fields it touched, not whole apps) before the answer goes out; a unit whose
 * append fails is not applied. The WeChat calls answered in one turn of the event loop are appended
 * together (group-commit.ts). The file stays bounded: once the log outgrows max(2 × its compacted
 * size, 1 MiB) it is compacted in the background. Compacted again at close.
 */
import { chmodSync, statSync } from 'node:fs';
import type { Before, ChangeSet, HeldChange } from '../domain/changes.js';
import { continueAfter } from '../domain/ids.js';
import { rebuildInFlight } from '../domain/in-flight.js';
import { tokensOf } from '../domain/tokens.js';
import { CLIENTMSGID_WINDOW_MS } from '../domain/sends.js';
import type { Simulator } from '../domain/simulator.js';
import { copyMessage, createInFlight, nextTagIdAfter, type App, type ClientMsgIdEntry, type Draft, type MassMessage, type Media } from '../domain/store.js';
import { withStarTag } from '../domain/tag-settings.js';
import { applyTagging } from '../domain/apply-tagging.js';
import { startCompaction, type Compaction } from './compact-in-background.js';
import { GroupCommit, type CallGrouping } from './group-commit.js';
import { loadStateFile, serializeRecords, STATE_FORMAT, STATE_VERSION, type AppFields, type AppRecord, type MessageFields, type StateHeader, type StateRecord } from './state-file.js';
import { NODE_IO, PRIVATE_MODE, StateLog, StateRewrite, type StateFileIo } from './state-log.js';

/** A log smaller than this is never worth compacting. */
const MIN_COMPACT_BYTES = 1024 * 1024;

export interface StateFileOptions {
  /** How the file is written; node:fs unless a test injects failures. */
  io?: StateFileIo;
  /** Where the state file says what went wrong (a failed write, a permission it tightened). */
  warn?: (line: string) => void;
}

export interface StateFileStats {
  /** Background compactions completed since start. */
  compactions: number;
  /** The longest time one compaction slice held the event loop, ms. */
  longestPauseMs: number;
  /** Bytes in the file now. */
  size: number;
}

export interface StateFileHandle extends CallGrouping {
  /** True when the last record was torn by a crash and dropped. */
  recovered: boolean;
  /** Apps and messages restored from the file. */
  restored: { apps: number; messages: number };
  stats(): StateFileStats;
  /** Compacts the file and stops recording. */
  close(): void;
}

function appRecord(app: App, now: number): AppRecord {
  const { message_ids: _ids, in_flight: _inFlight, clientmsgids, library: _library, drafts: _drafts, taggings, ...rest } = app;
  return {
    ...rest,
    clientmsgids: [...clientmsgids].filter(([, seen]) => now - seen.at < CLIENTMSGID_WINDOW_MS),
    taggings: [...taggings].map(([id, members]) => [id, { added: [...members.added], removed: [...members.removed] }]),
  };
}

/**
 * An app from its whole record: its media and drafts follow in their own records. One written before
 * the media policy existed gets the default; one written before tags and followers existed gets
 * 星标组 and no taggings.
 */
function restoredApp({ taggings, next_tag_id, ...record }: AppRecord): App {
  const tags = withStarTag(record.tags);
  return {
    ...record,
    media: record.media ?? 'strict',
    tags,
    clientmsgids: new Map(record.clientmsgids),
    library: new Map(),
    drafts: new Map(),
    message_ids: [],
    in_flight: createInFlight(),
    next_tag_id: next_tag_id ?? nextTagIdAfter(tags),
    taggings: new Map((taggings ?? []).map(([id, members]) => [id, { added: new Set(members.added), removed: new Set(members.removed) }])),
  };
}

function* snapshot(sim: Simulator): Generator<StateRecord> {
  yield { t: 'clock', now: sim.clock.now() };
  for (const app of sim.store.apps.values()) yield { t: 'app', app: appRecord(app, sim.appNow(app)) };
  for (const app of sim.store.apps.values()) {
    for (const media of app.library.values()) yield { t: 'media', appid: app.appid, media };
    for (const draft of app.drafts.values()) yield { t: 'draft', appid: app.appid, draft };
  }
  for (const message of sim.store.messages.values()) yield { t: 'msg', msg: copyMessage(message) };
}

/** What the app holds that an app record does not: rebuilt from the messages on restore, or recorded on its own. */
const UNRECORDED_APP_FIELDS: ReadonlySet<string> = new Set(['message_ids', 'in_flight', 'clientmsgids', 'library', 'drafts', 'taggings']);

/** The fields of `now` that differ from `before`; undefined when none do. */
function changedFields<T extends object>(now: T, before: T, skip?: ReadonlySet<string>): Partial<T> | undefined {
  let changed: Partial<T> | undefined;
  for (const key of Object.keys(now) as (keyof T & string)[]) {
    if (skip?.has(key) || now[key] === before[key]) continue;
    (changed ??= {} as Partial<T>)[key] = now[key];
  }
  return changed;
}

function appChange(sim: Simulator, app: App, before: Before<App>): StateRecord | undefined {
  if (before === 'created') return { t: 'app', app: appRecord(app, sim.appNow(app)) };
  const set = changedFields(app, before, UNRECORDED_APP_FIELDS);
  return set && { t: 'app-set', appid: app.appid, set: set as AppFields };
}

function messageChange(sim: Simulator, msgId: number, before: Before<MassMessage>): StateRecord | undefined {
  const stored = sim.store.messages.get(msgId);
  if (!stored) return undefined;
  const message = copyMessage(stored);
  if (before === 'created') return { t: 'msg', msg: message };
  const set = changedFields(message, before);
  return set && { t: 'msg-set', msg_id: msgId, set: set as MessageFields };
}

function mediaRecord({ app, media_id, now }: HeldChange<Media>): StateRecord {
  return now ? { t: 'media', appid: app.appid, media: now } : { t: 'media-del', appid: app.appid, media_id };
}

function draftRecord({ app, media_id, now }: HeldChange<Draft>): StateRecord {
  return now ? { t: 'draft', appid: app.appid, draft: now } : { t: 'draft-del', appid: app.appid, media_id };
}

/** A unit of work's changes as records, in the order a restore must apply them. */
function changeRecords(sim: Simulator, changes: ChangeSet): StateRecord[] {
  const records: StateRecord[] = [];
  if (changes.reset) records.push({ t: 'reset' });
  for (const appid of changes.dropped) records.push({ t: 'drop', appid });
  if (changes.clock !== undefined) records.push({ t: 'clock', now: changes.clock });
  for (const [app, before] of changes.apps) {
    const record = appChange(sim, app, before);
    if (record) records.push(record);
  }
  for (const { app, tagid, op, fans } of changes.taggings) {
    records.push({ t: 'tagging', appid: app.appid, ...(tagid === undefined ? {} : { tagid }), op, ...(op === 'clear' ? {} : { fans: [...fans] }) });
  }
  for (const { app, id, entry } of changes.clientMsgIds) records.push({ t: 'cmid', appid: app.appid, id, msg_id: entry.msg_id, at: entry.at });
  records.push(...changes.media.map(mediaRecord), ...changes.drafts.map(draftRecord));
  for (const [msgId, before] of changes.messages) {
    const record = messageChange(sim, msgId, before);
    if (record) records.push(record);
  }
  return records;
}

function apply(sim: Simulator, record: StateRecord, latestClock: { now: number }): void {
  const { store } = sim;
  switch (record.t) {
    case 'reset':
      store.apps.clear();
      store.messages.clear();
      return;
    case 'drop':
      store.apps.delete(record.appid);
      for (const message of store.messages.values()) if (message.appid === record.appid) store.messages.delete(message.msg_id);
      return;
    case 'clock':
      latestClock.now = Math.max(latestClock.now, record.now);
      return;
    case 'app':
      store.apps.set(record.app.appid, restoredApp(record.app));
      return;
    case 'app-set': {
      const app = store.apps.get(record.appid);
      if (app) Object.assign(app, record.set);
      return;
    }
    case 'tagging': {
      const app = store.apps.get(record.appid);
      if (app) applyTagging(app, record.tagid, record.op, record.fans ?? []);
      return;
    }
    case 'cmid': {
      const app = store.apps.get(record.appid);
      if (app) (app.clientmsgids as Map<string, ClientMsgIdEntry>).set(record.id, { msg_id: record.msg_id, at: record.at });
      return;
    }
    case 'msg':
      // A record written before pushes or article counts were recorded has none: no pushes, one article.
      store.messages.set({ ...record.msg, pushes: record.msg.pushes ?? [], articles: record.msg.articles ?? 1, deleted_articles: record.msg.deleted_articles ?? [] });
      return;
    case 'media': {
      const app = store.apps.get(record.appid);
      if (app) (app.library as Map<string, Media>).set(record.media.media_id, record.media);
      return;
    }
    case 'draft': {
      const app = store.apps.get(record.appid);
      if (app) (app.drafts as Map<string, Draft>).set(record.draft.media_id, record.draft);
      return;
    }
    case 'media-del':
      (store.apps.get(record.appid)?.library as Map<string, Media> | undefined)?.delete(record.media_id);
      return;
    case 'draft-del':
      (store.apps.get(record.appid)?.drafts as Map<string, Draft> | undefined)?.delete(record.media_id);
      return;
    case 'msg-set': {
      const message = store.messages.get(record.msg_id);
      if (message) store.messages.set({ ...copyMessage(message), ...record.set });
      return;
    }
  }
}

function restore(sim: Simulator, records: StateRecord[]): void {
  const { store } = sim;
  const latestClock = { now: -Infinity };
  store.apps.clear();
  store.messages.clear();
  store.tokens.clear();
  for (const record of records) apply(sim, record, latestClock);
  // What the records do not hold is rebuilt: each app's message list, its sends in flight (in
  // creation order, as the file keeps them), the token index.
  for (const message of store.messages.values()) {
    const app = store.apps.get(message.appid);
    if (app) app.message_ids.push(message.msg_id);
    else store.messages.delete(message.msg_id);
  }
  continueAfter(store.ids, store.messages.values());
  for (const app of store.apps.values()) {
    rebuildInFlight(store, app);
    for (const token of tokensOf(app)) store.tokens.set(token.token, token);
  }
  // Mock time never moves back across a restart.
  const now = sim.clock.now();
  if (latestClock.now > now) sim.clock.advance(latestClock.now - now);
}

/** The file holds secrets: one others can read is made private, and the user told. */
function tighten(path: string, warn: (line: string) => void): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return;
  }
  if ((mode & 0o077) === 0) return;
  chmodSync(path, PRIVATE_MODE);
  warn(`state file ${path} was readable by others (mode ${mode.toString(8)}); it holds app secrets and tokens, so it is now 600`);
}

function headerLine(header: StateHeader): string {
  return `${JSON.stringify(header)}\n`;
}

/** Writes the whole state at once (at start and at close, when nothing else runs). */
function compactNow(io: StateFileIo, path: string, header: StateHeader, sim: Simulator): number {
  const rewrite = new StateRewrite(io, path);
  try {
    rewrite.write(headerLine(header));
    let chunk: StateRecord[] = [];
    for (const record of snapshot(sim)) {
      chunk.push(record);
      if (chunk.length === 1000) {
        rewrite.write(serializeRecords(chunk));
        chunk = [];
      }
    }
    rewrite.write(serializeRecords(chunk));
    rewrite.finish();
    return rewrite.size;
  } catch (err) {
    rewrite.abandon();
    throw err;
  }
}

export function attachStateFile(sim: Simulator, path: string, seed: number, options: StateFileOptions = {}): StateFileHandle {
  const io = options.io ?? NODE_IO;
  const warn = options.warn ?? ((line: string) => console.error(`wechat-mass-mock: ${line}`));
  tighten(path, warn);
  const loaded = loadStateFile(path);
  const restored = { apps: 0, messages: 0 };
  if (loaded) {
    restore(sim, loaded.records);
    restored.apps = sim.store.apps.size;
    restored.messages = sim.store.messages.size;
  }
  const header: StateHeader = { format: STATE_FORMAT, version: STATE_VERSION, generation: (loaded?.header.generation ?? 0) + 1 };
  // Each start draws from its own sequence, so restored ids and tokens are not handed out again.
  if (loaded) sim.reseed((seed + header.generation * 0x9e3779b1) >>> 0);
  let compactedSize = compactNow(io, path, header, sim);
  let log = new StateLog(io, path);
  let compaction: Compaction | undefined;
  const stats = { compactions: 0, longestPauseMs: 0 };
  let failing = false;
  let closed = false;

  const compactInBackground = () => {
    compaction = startCompaction({
      io,
      path,
      header: headerLine(header),
      snapshot: snapshot(sim),
      onDone(result) {
        compaction = undefined;
        if (!result.ok) {
          // The old file is whole; try again once it has doubled from here.
          compactedSize = log.size;
          warn(`state file ${path} could not be compacted (${result.error instanceof Error ? result.error.message : String(result.error)}); it keeps growing until it can be`);
          return;
        }
        log.close();
        log = new StateLog(io, path);
        compactedSize = result.size;
        stats.compactions += 1;
        stats.longestPauseMs = Math.max(stats.longestPauseMs, result.longestSliceMs);
      },
    });
  };

  const write = (text: string) => {
    try {
      log.append(text);
    } catch (err) {
      if (!failing) warn(`state file ${path} could not be written (${err instanceof Error ? err.message : String(err)}); changes are refused until it can be`);
      failing = true;
      throw err;
    }
    if (failing) warn(`state file ${path} is written again`);
    failing = false;
    compaction?.follow(text);
    if (!compaction && log.size > Math.max(2 * compactedSize, MIN_COMPACT_BYTES)) compactInBackground();
  };
  const commits = new GroupCommit({ write, undo: (units) => sim.undo(units) });

  sim.onCommit((changes) => {
    if (closed) return;
    const records = changeRecords(sim, changes);
    // Queued only when nothing waits for the write but the answer (a finished send's push does), and
    // no compaction is reading the state: its snapshot must hold only what is written.
    const queueable = !compaction && changes.finished.length === 0 && changes.afterCommit.length === 0;
    commits.commit(changes, records.length === 0 ? '' : serializeRecords(records), queueable);
  });

  return {
    recovered: loaded?.recovered ?? false,
    restored,
    stats: () => ({ ...stats, size: log.size }),
    group: (work) => commits.group(work),
    afterWrite: (then) => commits.afterWrite(then),
    close() {
      if (closed) return;
      commits.flush();
      closed = true;
      compaction?.cancel();
      log.close();
      compactNow(io, path, header, sim);
    },
  };
}
