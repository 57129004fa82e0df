/**
 * The simulator: the store, the seeded generator and the clock, with the rules of every operation
 * and of the control API on top. Knows nothing of HTTP.
 */
import { settingsFromInput, DEFAULT_APP, type AppInput } from './app-settings.js';
import type { Clock } from './clock.js';
import { done, refuse, type ControlResult } from './control-result.js';
import { takeDue, trackApproved } from './in-flight.js';
import { EVENT_STATUS, settle as settleLifecycle, transition, type LifecycleEvent } from './lifecycle.js';
import { createRandom, type Random } from './random.js';
import type { SendContext } from './sends.js';
import { createAppState, createStore, type App, type MassMessage, type Store } from './store.js';

/** Mock time never passes the last day ISO dates (and the views) can show. */
const LAST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export type FinishListener = (message: MassMessage, app: App) => void;

/** Where changed state goes (the --state-file); every call happens before the answer is sent. */
export interface ChangeSink {
  app(app: App): void;
  message(message: MassMessage): void;
  clock(now: number): void;
  drop(appid: string): void;
  reset(): void;
}

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
  readonly ctx: SendContext;
  appNow(app: App): number;
  /** Calls `listener` whenever a send ends (success, failure, rejection, timeout). */
  onFinish(listener: FinishListener): void;
  /** Settles every send whose time is up: they end now (at the time they were due). */
  tick(): void;
  createApp(input: AppInput): ControlResult<App>;
  reset(appid?: string): ControlResult<{ ok: true }>;
  advance(ms: number, appid?: string): ControlResult<void>;
  setNow(at: number, appid?: string): ControlResult<void>;
  approve(msgId: number): ControlResult<MassMessage>;
  reject(msgId: number): ControlResult<MassMessage>;
  fail(msgId: number, status?: string): ControlResult<MassMessage>;
  /** Sends every later change to `sink`. */
  persistTo(sink: ChangeSink): void;
  /** Restarts the generator, so a restored state does not draw the ids it already holds. */
  reseed(seed: number): void;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const { clock, seed } = options;
  const startApps = (options.apps ?? []).some((app) => app.appid === DEFAULT_APP.appid) ? options.apps ?? [] : [DEFAULT_APP, ...(options.apps ?? [])];
  const store = createStore();
  let random = createRandom(seed);
  const listeners: FinishListener[] = [];
  let sink: ChangeSink | undefined;

  const appNow = (app: App) => clock.now() + app.offset_ms;
  const settle = (message: MassMessage, app: App) => {
    if (!settleLifecycle(message, app, appNow(app))) return;
    // Recorded when it ends: a restore could not tell when it ended once the app's work count moved on.
    sink?.message(message);
    for (const listener of listeners) listener(message, app);
  };
  const tickApp = (app: App) => {
    for (const message of takeDue(app, appNow(app))) settle(message, app);
  };
  const ctx: SendContext = {
    store,
    get random() {
      return random;
    },
    appNow,
    settle,
    settleDue: tickApp,
    changed(entity) {
      if (!sink) return;
      if ('app' in entity) sink.app(entity.app);
      else sink.message(entity.message);
    },
  };

  const addApp = (input: AppInput): App => {
    let settings = settingsFromInput(input, random);
    while (input.appid === undefined && store.apps.has(settings.appid)) settings = settingsFromInput(input, random);
    const app = createAppState(settings, random);
    store.apps.set(app.appid, app);
    sink?.app(app);
    return app;
  };
  const forgetApp = (app: App) => {
    for (const id of app.message_ids) store.messages.delete(id);
    for (const record of [...app.tokens, app.stable]) if (record) store.tokens.delete(record.token);
    store.apps.delete(app.appid);
  };
  const tick = () => {
    for (const app of store.apps.values()) tickApp(app);
  };
  const findMessage = (msgId: number): ControlResult<{ message: MassMessage; app: App }> => {
    const message = store.messages.get(msgId);
    const app = message && store.apps.get(message.appid);
    if (!message || !app) return refuse('not_found', `no message with msg_id ${msgId}`);
    settle(message, app);
    return done({ message, app });
  };
  const end = (msgId: number, event: LifecycleEvent, status?: string): ControlResult<MassMessage> => {
    const found = findMessage(msgId);
    if (!found.ok) return found;
    const { message, app } = found.value;
    const now = appNow(app);
    if (!transition(message, event, now, status)) {
      return refuse('conflict', `message ${msgId} is ${message.status}: it cannot be ${event === 'fail' ? 'failed' : `${event}d`}`);
    }
    if (message.status === 'SENDING') {
      trackApproved(app, message, now);
      // Starting it counted the app's work up to now: the record must match the message's start_work.
      sink?.app(app);
    }
    settle(message, app);
    sink?.message(message);
    if (message.status === 'SEND_FAIL') for (const listener of listeners) listener(message, app);
    return done(message);
  };

  for (const input of startApps) addApp(input);

  return {
    clock,
    store,
    get random() {
      return random;
    },
    ctx,
    appNow,
    onFinish: (listener) => void listeners.push(listener),
    tick,
    createApp(input) {
      if (input.appid !== undefined && store.apps.has(input.appid)) return refuse('conflict', `app ${input.appid} exists`);
      return done(addApp(input));
    },
    reset(appid) {
      if (appid === undefined) {
        for (const app of [...store.apps.values()]) forgetApp(app);
        store.preview_ids.clear();
        sink?.reset();
        random = createRandom(seed);
        for (const input of startApps) addApp(input);
        return done({ ok: true });
      }
      const app = store.apps.get(appid);
      if (!app) return refuse('not_found', `no app ${appid}`);
      forgetApp(app);
      sink?.drop(appid);
      const initial = startApps.find((input) => input.appid === appid);
      // An app created at run time goes back to empty state with the same settings.
      addApp(initial ?? app);
      return done({ ok: true });
    },
    advance(ms, appid) {
      if (!Number.isSafeInteger(ms) || ms < 0) return refuse('invalid_request', `advance_ms must be a non-negative integer: time only moves forward`);
      const app = appid === undefined ? undefined : store.apps.get(appid);
      if (appid !== undefined && !app) return refuse('not_found', `no app ${appid}`);
      let latest = app ? appNow(app) : clock.now();
      if (!app) for (const each of store.apps.values()) latest = Math.max(latest, appNow(each));
      if (latest + ms > LAST_TIME) return refuse('invalid_request', `advancing ${ms} ms would take ${app ? `app ${appid}'s` : 'an app\'s'} clock past 9999-12-31`);
      if (!app) {
        clock.advance(ms);
        sink?.clock(clock.now());
        tick();
        return done(undefined);
      }
      app.offset_ms += ms;
      sink?.app(app);
      tickApp(app);
      return done(undefined);
    },
    setNow(at, appid) {
      const app = appid === undefined ? undefined : store.apps.get(appid);
      if (appid !== undefined && !app) return refuse('not_found', `no app ${appid}`);
      const current = app ? appNow(app) : clock.now();
      if (at < current) return refuse('invalid_request', `time only moves forward: ${new Date(at).toISOString()} is before ${new Date(current).toISOString()}`);
      return this.advance(at - current, appid);
    },
    approve: (msgId) => end(msgId, 'approve'),
    reject: (msgId) => end(msgId, 'reject'),
    fail: (msgId, status = EVENT_STATUS.fail) => end(msgId, 'fail', status),
    persistTo(next) {
      sink = next;
    },
    reseed(next) {
      random = createRandom(next);
    },
  };
}
