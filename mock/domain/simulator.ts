/**
 * The simulator: the store, the seeded generator and the clock, with the rules of every operation
 * and of the control API on top. Knows nothing of HTTP.
 */
import { inputOf, settingsFromInput, DEFAULT_APP, type AppInput } from './app-settings.js';
import { Changes, QueuedWriteError, StateWriteError, type ChangeSet, type HeldChange } from './changes.js';
import type { Clock } from './clock.js';
import { done, refuse, type ControlResult } from './control-result.js';
import type { DomainContext } from './domain-context.js';
import { rebuildInFlight, takeDue, trackApproved } from './in-flight.js';
import { dueEnding, EVENT_STATUS, nextStatus, transition, type LifecycleEvent } from './lifecycle.js';
import { createRandom, type Random } from './random.js';
import { startIdSequences } from './ids.js';
import { reindexTokens, tokensOf } from './tokens.js';
import { createAppState, createStore, type App, type ClientMsgIdEntry, type Draft, type MassMessage, type Media, type PushRecord, type Store } from './store.js';

/** Puts back what each change found in the map `held` gives for its app, newest change first. */
function undoHeld<T>(changes: readonly HeldChange<T>[], held: (app: App) => Map<string, T>): void {
  for (const { app, media_id, previous } of [...changes].reverse()) {
    if (previous === undefined) held(app).delete(media_id);
    else held(app).set(media_id, previous);
  }
}

/** Mock time never passes the last day ISO dates (and the views) can show. */
const LAST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The control operations on a message, and how a refusal names each. */
type ControlEvent = Extract<LifecycleEvent, 'approve' | 'reject' | 'fail'>;
const PAST_TENSE: Record<ControlEvent, string> = { approve: 'approved', reject: 'rejected', fail: 'failed' };

export type FinishListener = (message: MassMessage, app: App) => void;

/**
 * Receives what each unit of work changed (the --state-file), before the answer is sent; when it
 * throws, the unit is rolled back and the caller gets a StateWriteError. A listener may queue a
 * unit with nothing to do after it is written (no finished send, no clock move) and write it with
 * the next ones; when that write fails it undoes them (`undo`), or throws a QueuedWriteError naming
 * them if the unit at hand failed with them.
 */
export type CommitListener = (changes: ChangeSet) => void;

export interface SimulatorOptions {
  clock: Clock;
  seed: number;
  /** Apps of the start-up config; the default app is added unless the config names its appid. */
  apps?: AppInput[];
}

export interface Simulator {
  readonly clock: Clock;
  readonly store: Store;
  readonly random: Random;
  readonly ctx: DomainContext;
  /** The app's time: the clock plus its offset; inside a unit, the clock as the unit began. */
  appNow(app: App): number;
  /** Calls `listener` whenever a send ends (success, failure, rejection, timeout). */
  onFinish(listener: FinishListener): void;
  /** Calls `listener` with what each unit of work changed. */
  onCommit(listener: CommitListener): void;
  /** Runs `work` as one unit: what it changed is committed once, when it returns; a failed write throws StateWriteError with the unit undone. */
  unit<T>(work: () => T): T;
  /** Puts the store back as it was before `units` (committed, oldest first, then not written): newest first. */
  undo(units: readonly ChangeSet[]): void;
  /** The clock's tick: every send whose time is up ends now (at the time it was due). */
  tick(): void;
  /** Keeps a push attempt on its message. */
  recordPush(message: MassMessage, record: PushRecord): void;
  /** Whether an app can be created with this appid (one given must be free). */
  canCreateApp(input: AppInput): ControlResult<void>;
  createApp(input: AppInput): ControlResult<App>;
  /** Two units (forgetting, then the apps made again): throws when called inside a unit. */
  reset(appid?: string): ControlResult<{ ok: true }>;
  /** Without appid two units (the clock, then the tick): throws when called inside a unit. */
  advance(ms: number, appid?: string): ControlResult<void>;
  /** As advance. */
  setNow(at: number, appid?: string): ControlResult<void>;
  approve(msgId: number): ControlResult<MassMessage>;
  reject(msgId: number): ControlResult<MassMessage>;
  fail(msgId: number, status?: string): ControlResult<MassMessage>;
  /** Restarts the generator, so a restored state does not draw the ids it already holds. */
  reseed(seed: number): void;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const { clock, seed } = options;
  const configured = options.apps ?? [];
  const startApps = configured.some((app) => app.appid === DEFAULT_APP.appid) ? configured : [DEFAULT_APP, ...configured];
  let random = createRandom(seed);
  const store = createStore(random);
  const listeners: FinishListener[] = [];
  const commitListeners: CommitListener[] = [];
  const changes = new Changes();

  /** The clock as the outermost unit began: every rule of a call sees one instant, read once. */
  let unitNow: number | undefined;
  const appNow = (app: App) => (unitNow ?? clock.now()) + app.offset_ms;
  /** Tells the listeners of the sends that ended, once their unit is written. */
  const notifyFinished = (ids: readonly number[]) => {
    if (listeners.length === 0) return;
    for (const id of ids) {
      const message = store.messages.get(id);
      const app = message && store.apps.get(message.appid);
      if (!app) continue;
      for (const listener of listeners) listener(message, app);
    }
  };
  /** Ends the send `msgId` if its time is up at the app's time; listeners hear of it once that is written. */
  const settle = (msgId: number, app: App) => {
    const message = store.messages.get(msgId)!;
    const ending = dueEnding(message, app, appNow(app));
    if (!ending || !transition(changes.message(message), ending.event, ending.at)) return;
    changes.finished(message);
  };
  const tickApp = (app: App) => {
    for (const id of takeDue(store.messages, app, appNow(app))) settle(id, app);
  };
  /** Puts the store back as the unit found it: its write failed, so nothing it did may stay. */
  const rollback = (set: ChangeSet) => {
    // A tick takes due sends out of the index without touching their app: every app whose sends the
    // unit changed is indexed afresh too, or a send put back to SENDING would never end.
    const reindexed = new Set<App>();
    for (const [msgId, before] of set.messages) {
      const appid = before === 'created' ? store.messages.get(msgId)?.appid : before.appid;
      const app = appid === undefined ? undefined : store.apps.get(appid);
      if (app) reindexed.add(app);
      if (before === 'created') store.messages.delete(msgId);
      else store.messages.set(before);
    }
    for (const change of [...set.taggings].reverse()) change.undo();
    for (const { app, id, previous } of [...set.clientMsgIds].reverse()) {
      const map = app.clientmsgids as Map<string, ClientMsgIdEntry>;
      if (previous) map.set(id, previous);
      else map.delete(id);
    }
    undoHeld(set.media, (app) => app.library as Map<string, Media>);
    undoHeld(set.drafts, (app) => app.drafts as Map<string, Draft>);
    for (const [app, before] of set.apps) {
      if (before === 'created') {
        store.apps.delete(app.appid);
        reindexed.delete(app);
        continue;
      }
      Object.assign(app, before);
      app.message_ids.length = set.messageCounts.get(app) ?? app.message_ids.length;
      reindexTokens(store, app);
      reindexed.add(app);
    }
    for (const app of reindexed) rebuildInFlight(store, app);
  };
  const undo = (units: readonly ChangeSet[]) => {
    for (let i = units.length - 1; i >= 0; i--) rollback(units[i]!);
  };
  const commit = () => {
    const set = changes.take();
    if (!set) return;
    try {
      for (const listener of commitListeners) listener(set);
    } catch (err) {
      rollback(set);
      if (err instanceof QueuedWriteError) {
        undo(err.earlier);
        throw new StateWriteError(err.cause);
      }
      throw new StateWriteError(err);
    }
    for (const then of set.afterCommit) then();
    notifyFinished(set.finished);
  };
  let depth = 0;
  const unit = <T>(work: () => T): T => {
    if (depth === 0) unitNow = clock.now();
    depth += 1;
    let result: T;
    try {
      result = work();
    } finally {
      depth -= 1;
      // Nested units (a control operation calling another) commit once, at the outermost.
      if (depth === 0) {
        unitNow = undefined;
        commit();
      }
    }
    return result;
  };
  /**
   * A global clock move and a reset are written, then applied, then followed by a unit of their own:
   * inside another unit they would be applied after what follows them, so they refuse to run there.
   */
  const outsideUnits = (operation: string) => {
    if (depth > 0) throw new Error(`${operation} commits on its own: it cannot run inside a unit of work`);
  };
  const ctx: DomainContext = {
    store,
    get random() {
      return random;
    },
    changes,
    appNow,
    tick: tickApp,
  };

  const addApp = (input: AppInput): App => {
    let settings = settingsFromInput(input, random);
    while (input.appid === undefined && store.apps.has(settings.appid)) settings = settingsFromInput(input, random);
    const app = createAppState(settings, random);
    store.apps.set(app.appid, changes.newApp(app));
    return app;
  };
  const forgetApp = (app: App) => {
    for (const id of app.message_ids) store.messages.delete(id);
    for (const record of tokensOf(app)) store.tokens.delete(record.token);
    store.apps.delete(app.appid);
  };
  const tick = () =>
    unit(() => {
      for (const app of store.apps.values()) tickApp(app);
    });
  const findMessage = (msgId: number): ControlResult<{ message: MassMessage; app: App }> => {
    const message = store.messages.get(msgId);
    const app = message && store.apps.get(message.appid);
    if (!message || !app) return refuse('not_found', `no message with msg_id ${msgId}`);
    tickApp(app);
    return done({ message, app });
  };
  const end = (msgId: number, event: ControlEvent, status?: string): ControlResult<MassMessage> => {
    const found = findMessage(msgId);
    if (!found.ok) return found;
    const { message, app } = found.value;
    if (!nextStatus(message.status, event)) {
      return refuse('conflict', `message ${msgId} is ${message.status}: it cannot be ${PAST_TENSE[event]}`);
    }
    const now = appNow(app);
    const recorded = changes.message(message);
    transition(recorded, event, now, status);
    if (message.status === 'SENDING') {
      trackApproved(store.messages, changes.app(app), recorded, now);
      // Approved to nobody: due at once.
      tickApp(app);
    }
    if (message.status === 'SEND_FAIL') changes.finished(message);
    return done(message);
  };
  const canCreateApp = (input: AppInput): ControlResult<void> =>
    input.appid !== undefined && store.apps.has(input.appid) ? refuse('conflict', `app ${input.appid} exists`) : done(undefined);

  const advance = (ms: number, appid: string | undefined): ControlResult<void> => {
    if (!Number.isSafeInteger(ms) || ms < 0) return refuse('invalid_request', `advance_ms must be a non-negative integer: time only moves forward`);
    const app = appid === undefined ? undefined : store.apps.get(appid);
    if (appid !== undefined && !app) return refuse('not_found', `no app ${appid}`);
    let latest = app ? appNow(app) : clock.now();
    if (!app) for (const each of store.apps.values()) latest = Math.max(latest, appNow(each));
    if (latest + ms > LAST_TIME) return refuse('invalid_request', `advancing ${ms} ms would take ${app ? `app ${appid}'s` : "an app's"} clock past 9999-12-31`);
    if (!app) {
      outsideUnits('a move of the global clock');
      // The move is written, then made; then the tick ends what is due, as a unit of its own.
      unit(() => changes.clock(clock.now() + ms, () => clock.advance(ms)));
      tick();
      return done(undefined);
    }
    unit(() => {
      changes.app(app).offset_ms += ms;
      tickApp(app);
    });
    return done(undefined);
  };

  unit(() => {
    for (const input of startApps) addApp(input);
  });

  return {
    clock,
    store,
    get random() {
      return random;
    },
    ctx,
    appNow,
    onFinish: (listener) => void listeners.push(listener),
    onCommit(listener) {
      commitListeners.push(listener);
      changes.recording = true;
    },
    unit,
    undo,
    tick,
    recordPush: (message, record) =>
      unit(() => {
        changes.message(message).pushes = [...message.pushes, record];
      }),
    canCreateApp,
    createApp: (input) =>
      unit(() => {
        const free = canCreateApp(input);
        return free.ok ? done(addApp(input)) : free;
      }),
    reset(appid) {
      outsideUnits('a reset');
      // Forgetting is written, then done; the apps that come back are a unit of their own.
      if (appid === undefined) {
        unit(() =>
          changes.reset(() => {
            for (const app of [...store.apps.values()]) forgetApp(app);
            random = createRandom(seed);
            store.ids = startIdSequences(random);
          }),
        );
        unit(() => {
          for (const input of startApps) addApp(input);
        });
        return done({ ok: true as const });
      }
      const app = store.apps.get(appid);
      if (!app) return refuse('not_found', `no app ${appid}`);
      unit(() => changes.drop(appid, () => forgetApp(app)));
      const initial = startApps.find((input) => input.appid === appid);
      // An app created at run time goes back to empty state with the same settings.
      unit(() => addApp(initial ?? inputOf(app)));
      return done({ ok: true as const });
    },
    advance: (ms, appid) => advance(ms, appid),
    setNow(at, appid) {
      const app = appid === undefined ? undefined : store.apps.get(appid);
      if (appid !== undefined && !app) return refuse('not_found', `no app ${appid}`);
      const current = app ? appNow(app) : clock.now();
      if (at < current) return refuse('invalid_request', `time only moves forward: ${new Date(at).toISOString()} is before ${new Date(current).toISOString()}`);
      return advance(at - current, appid);
    },
    approve: (msgId) => unit(() => end(msgId, 'approve')),
    reject: (msgId) => unit(() => end(msgId, 'reject')),
    fail: (msgId, status = EVENT_STATUS.fail) => unit(() => end(msgId, 'fail', status)),
    reseed(next) {
      random = createRandom(next);
    },
  };
}
