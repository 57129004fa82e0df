/**
 * The one place state changes are recorded. A rule takes an entity for writing through `app()` or
 * `message()`, the only way to get a Recorded one (store.ts), so what it touched is known; the
 * simulator commits a unit of work (a request, a tick, a control operation) once. While recording
 * (a --state-file listens), the first touch keeps a copy of the entity as it was: the writer
 * records only the fields that differ, and a unit whose write fails is rolled back to those copies.
 * Messages are kept by msg_id, and only while recording: a tick may end a million sends, and
 * without a state file nothing needs to know which.
 */
import type { TaggingOp } from './apply-tagging.js';
import { copyMessage, type App, type ClientMsgIdEntry, type Draft, type MassMessage, type Media, type Recorded } from './store.js';

/** An entity as the unit found it, or `created` when the unit made it. */
export type Before<T> = T | 'created';

/** A clientmsgid the unit remembered, with what the app held for it before. */
export interface ClientMsgIdChange {
  app: App;
  id: string;
  entry: ClientMsgIdEntry;
  previous: ClientMsgIdEntry | undefined;
}

/** A change to the fans tagging gave or took from a tag (or, cleared, from every tag), and how to take it back. */
export interface TaggingChange {
  app: App;
  /** The tag; undefined when every tag of the app was cleared. */
  tagid: number | undefined;
  op: TaggingOp;
  fans: readonly number[];
  undo: () => void;
}

/**
 * A media_id the unit issued or deleted, or a draft it added, replaced or deleted: what the app holds
 * for it now (undefined once deleted) and what it held before (undefined when new), to roll back.
 */
export interface HeldChange<T> {
  app: App;
  media_id: string;
  now: T | undefined;
  previous: T | undefined;
}

/** What one unit of work changed, in the order a reader must apply it. */
export interface ChangeSet {
  /** Everything was forgotten first (POST /__mock/reset without appid); applied once written. */
  reset: boolean;
  /** Apps forgotten next; applied once written. */
  dropped: string[];
  /** The global clock's new time, when it moves; applied once written. */
  clock: number | undefined;
  /** Each app touched, with its copy from before the unit; empty while not recording. */
  apps: Map<App, Before<App>>;
  /** Each message touched, by msg_id, with its copy from before the unit; empty while not recording. */
  messages: Map<number, Before<MassMessage>>;
  /** message_ids lengths before the unit, to take back the sends a failed unit created; empty while not recording. */
  messageCounts: Map<App, number>;
  /** Empty while not recording, as are media, drafts and taggings. */
  clientMsgIds: ClientMsgIdChange[];
  /** media_ids the unit issued or deleted, and drafts it added, replaced or deleted, in order. */
  media: HeldChange<Media>[];
  drafts: HeldChange<Draft>[];
  /** Tagging changes, in the order they were made (after the apps' own fields). */
  taggings: TaggingChange[];
  /** Runs once the changes are written, in order: moving the clock, forgetting apps. */
  afterCommit: (() => void)[];
  /** msg_ids of the sends that ended, in order: listeners hear of them once the changes are written (after afterCommit). */
  finished: number[];
}

function emptyChangeSet(): ChangeSet {
  return { reset: false, dropped: [], clock: undefined, apps: new Map(), messages: new Map(), messageCounts: new Map(), clientMsgIds: [], media: [], drafts: [], taggings: [], afterCommit: [], finished: [] };
}

export class Changes {
  private pending = emptyChangeSet();
  private dirty = false;
  /** Off while nobody records the changes (no --state-file): then no copies are kept. */
  recording = false;

  /** `app`, recorded as changed: write to what this returns. */
  app(app: App): Recorded<App> {
    this.dirty = true;
    const { apps, messageCounts } = this.pending;
    if (this.recording && !apps.has(app)) {
      apps.set(app, { ...app });
      messageCounts.set(app, app.message_ids.length);
    }
    return app as Recorded<App>;
  }

  /** A new app, recorded whole. */
  newApp(app: App): Recorded<App> {
    this.dirty = true;
    if (this.recording) this.pending.apps.set(app, 'created');
    return app as Recorded<App>;
  }

  /** `message`, recorded as changed. */
  message(message: MassMessage): Recorded<MassMessage> {
    this.dirty = true;
    const { messages } = this.pending;
    if (this.recording && !messages.has(message.msg_id)) messages.set(message.msg_id, copyMessage(message));
    return message as Recorded<MassMessage>;
  }

  /** A new message, recorded whole. */
  newMessage(message: MassMessage): Recorded<MassMessage> {
    this.dirty = true;
    if (this.recording) this.pending.messages.set(message.msg_id, 'created');
    return message as Recorded<MassMessage>;
  }

  /** `message` ended (success, failure, rejection, timeout): listeners hear of it once this unit is written. */
  finished(message: MassMessage): void {
    this.dirty = true;
    this.pending.finished.push(message.msg_id);
  }

  /** Remembers which send a clientmsgid created (App.clientmsgids changes only here). */
  clientMsgId(app: App, id: string, entry: ClientMsgIdEntry): void {
    this.dirty = true;
    const map = app.clientmsgids as Map<string, ClientMsgIdEntry>;
    if (this.recording) this.pending.clientMsgIds.push({ app, id, entry, previous: map.get(id) });
    map.set(id, entry);
  }

  /** A media_id issued to `app` (App.library changes only here and in deleteMedia). */
  media(app: App, media: Media): void {
    this.hold(this.pending.media, app.library as Map<string, Media>, app, media.media_id, media);
  }

  /** Permanent material deleted from `app`'s library. */
  deleteMedia(app: App, mediaId: string): void {
    this.hold(this.pending.media, app.library as Map<string, Media>, app, mediaId, undefined);
  }

  /** A draft added to `app`'s draft box, or replacing the one with its media_id (App.drafts changes only here and in deleteDraft). */
  draft(app: App, draft: Draft): void {
    this.hold(this.pending.drafts, app.drafts as Map<string, Draft>, app, draft.media_id, draft);
  }

  /** A draft deleted from `app`'s draft box. */
  deleteDraft(app: App, mediaId: string): void {
    this.hold(this.pending.drafts, app.drafts as Map<string, Draft>, app, mediaId, undefined);
  }

  /** Sets (or, given undefined, deletes) `held`'s entry for `mediaId`, keeping what it was for a rollback. */
  private hold<T>(changes: HeldChange<T>[], held: Map<string, T>, app: App, mediaId: string, now: T | undefined): void {
    this.dirty = true;
    if (this.recording) changes.push({ app, media_id: mediaId, now, previous: held.get(mediaId) });
    if (now === undefined) held.delete(mediaId);
    else held.set(mediaId, now);
  }

  /**
   * A tagging change (App.taggings changes only here): `apply` makes it and answers how to undo it;
   * what is recorded is the change (the tag, the fans, the op), never the tag's members.
   */
  tagging(app: App, change: Omit<TaggingChange, 'app' | 'undo'>, apply: () => () => void): void {
    this.dirty = true;
    const undo = apply();
    if (this.recording) this.pending.taggings.push({ app, ...change, undo });
  }

  /** The global clock moves to `now`: `apply` moves it once that is written. */
  clock(now: number, apply: () => void): void {
    this.dirty = true;
    this.pending.clock = now;
    this.pending.afterCommit.push(apply);
  }

  /** The app and its messages are forgotten once that is written; what was pending for them goes. */
  drop(appid: string, apply: () => void): void {
    this.dirty = true;
    this.pending.dropped.push(appid);
    this.pending.afterCommit.push(apply);
  }

  /** Everything is forgotten once that is written. */
  reset(apply: () => void): void {
    this.dirty = true;
    this.pending.reset = true;
    this.pending.afterCommit.push(apply);
  }

  /**
   * What was changed since the last take, or undefined when nothing was. While not recording, only
   * what runs after the commit is kept, so a unit that needs none of it costs no new set.
   */
  take(): ChangeSet | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    const taken = this.pending;
    if (!this.recording && taken.afterCommit.length === 0 && taken.finished.length === 0) return undefined;
    this.pending = emptyChangeSet();
    return taken;
  }
}

/**
 * A commit listener's failed write that also held earlier units, queued to be written together (a
 * group commit): the simulator rolls the failed unit back, then those, newest first.
 */
export class QueuedWriteError extends Error {
  override name = 'QueuedWriteError';
  constructor(
    cause: unknown,
    readonly earlier: readonly ChangeSet[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** A unit's changes could not be written (disk full, I/O error): nothing of it was applied. */
export class StateWriteError extends Error {
  override name = 'StateWriteError';
  constructor(cause: unknown) {
    super(`the state file could not be written (${cause instanceof Error ? cause.message : String(cause)}); the change was not applied`, { cause });
  }
}
