/**
 * --state-file: restores the simulator from the file, compacts it, then appends every change the
 * simulator reports before the answer goes out. Compacted again at close.
 */
import type { ChangeSet } from '../domain/changes.js';
import { trackRestored } from '../domain/in-flight.js';
import { CLIENTMSGID_WINDOW_MS } from '../domain/sends.js';
import type { Simulator } from '../domain/simulator.js';
import { createInFlight, type App } from '../domain/store.js';
import { loadStateFile, openAppender, writeStateFile, STATE_FORMAT, STATE_VERSION, type AppRecord, type StateHeader, type StateRecord } from './state-file.js';

export interface StateFileHandle {
  /** True when the last record was torn by a crash and dropped. */
  recovered: boolean;
  /** Apps and messages restored from the file. */
  restored: { apps: number; messages: number };
  /** Compacts the file and stops recording. */
  close(): void;
}

function appRecord(app: App, now: number): AppRecord {
  const { message_ids: _ids, in_flight: _inFlight, clientmsgids, ...rest } = app;
  return { ...rest, clientmsgids: [...clientmsgids].filter(([, seen]) => now - seen.at < CLIENTMSGID_WINDOW_MS) };
}

function* snapshot(sim: Simulator): Generator<StateRecord> {
  yield { t: 'clock', now: sim.clock.now() };
  for (const app of sim.store.apps.values()) yield { t: 'app', app: appRecord(app, sim.appNow(app)) };
  for (const message of sim.store.messages.values()) yield { t: 'msg', msg: message };
}

/** A unit of work's changes as records, in the order a restore must apply them. */
function changeRecords(sim: Simulator, changes: ChangeSet): StateRecord[] {
  const records: StateRecord[] = [];
  if (changes.reset) records.push({ t: 'reset' });
  for (const appid of changes.dropped) records.push({ t: 'drop', appid });
  if (changes.clock) records.push({ t: 'clock', now: sim.clock.now() });
  for (const app of changes.apps) records.push({ t: 'app', app: appRecord(app, sim.appNow(app)) });
  for (const message of changes.messages) records.push({ t: 'msg', msg: message });
  return records;
}

function restore(sim: Simulator, records: StateRecord[]): void {
  const { store } = sim;
  let savedNow = -Infinity;
  const drop = (appid: string) => {
    store.apps.delete(appid);
    for (const [id, message] of store.messages) if (message.appid === appid) store.messages.delete(id);
  };
  store.apps.clear();
  store.messages.clear();
  store.tokens.clear();
  for (const record of records) {
    if (record.t === 'reset') {
      store.apps.clear();
      store.messages.clear();
    } else if (record.t === 'drop') drop(record.appid);
    else if (record.t === 'clock') savedNow = Math.max(savedNow, record.now);
    // `?? []`: a record written before pushes were recorded has none.
    else if (record.t === 'msg') store.messages.set(record.msg.msg_id, { ...record.msg, pushes: record.msg.pushes ?? [] });
    else store.apps.set(record.app.appid, { ...record.app, clientmsgids: new Map(record.app.clientmsgids), message_ids: [], in_flight: createInFlight() });
  }
  // What the records do not hold is rebuilt: each app's message list, its sends in flight (in
  // creation order, as the file keeps them), the token index.
  for (const [id, message] of store.messages) {
    const app = store.apps.get(message.appid);
    if (!app) {
      store.messages.delete(id);
      continue;
    }
    app.message_ids.push(id);
    trackRestored(app, message);
  }
  for (const app of store.apps.values()) {
    for (const token of [...app.tokens, app.stable]) if (token) store.tokens.set(token.token, token);
  }
  // Mock time never moves back across a restart.
  const now = sim.clock.now();
  if (savedNow > now) sim.clock.advance(savedNow - now);
}

export function attachStateFile(sim: Simulator, path: string, seed: number): StateFileHandle {
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
  writeStateFile(path, header, snapshot(sim));
  const appender = openAppender(path);
  let closed = false;
  sim.onCommit((changes) => {
    if (!closed) appender.append(changeRecords(sim, changes));
  });
  return {
    recovered: loaded?.recovered ?? false,
    restored,
    close() {
      if (closed) return;
      closed = true;
      appender.close();
      writeStateFile(path, header, snapshot(sim));
    },
  };
}
