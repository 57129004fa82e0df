/**
 * The one place state changes are recorded. A rule takes an entity for writing through `app()` or
 * `message()`, the only way to get a Recorded one (store.ts), so what it touched is known; the
 * simulator commits a unit of work (a request, a tick, a control operation) once, and the
 * --state-file writes that.
 */
import type { App, MassMessage, Recorded } from './store.js';

/** What one unit of work changed, in the order a reader must apply it. */
export interface ChangeSet {
  /** Everything was forgotten first (POST /__mock/reset without appid). */
  reset: boolean;
  /** Apps forgotten next (a reset of one app), before the apps below are written. */
  dropped: string[];
  /** The global clock moved. */
  clock: boolean;
  apps: Set<App>;
  messages: Set<MassMessage>;
}

function emptyChangeSet(): ChangeSet {
  return { reset: false, dropped: [], clock: false, apps: new Set(), messages: new Set() };
}

export class Changes {
  private pending = emptyChangeSet();
  private dirty = false;

  /** `app`, recorded as changed: write to what this returns. */
  app(app: App): Recorded<App> {
    this.dirty = true;
    this.pending.apps.add(app);
    return app as Recorded<App>;
  }

  /** `message` (a new one, or one that exists), recorded as changed. */
  message(message: MassMessage): Recorded<MassMessage> {
    this.dirty = true;
    this.pending.messages.add(message);
    return message as Recorded<MassMessage>;
  }

  clock(): void {
    this.dirty = true;
    this.pending.clock = true;
  }

  /** The app and its messages are forgotten: what was pending for them goes too. */
  drop(appid: string): void {
    this.dirty = true;
    this.pending.dropped.push(appid);
    for (const app of this.pending.apps) if (app.appid === appid) this.pending.apps.delete(app);
    for (const message of this.pending.messages) if (message.appid === appid) this.pending.messages.delete(message);
  }

  reset(): void {
    this.pending = emptyChangeSet();
    this.pending.reset = true;
    this.dirty = true;
  }

  /** What was changed since the last take, or undefined when nothing was. */
  take(): ChangeSet | undefined {
    if (!this.dirty) return undefined;
    const taken = this.pending;
    this.pending = emptyChangeSet();
    this.dirty = false;
    return taken;
  }
}
