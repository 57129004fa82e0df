/** The control API's views of the state: plain JSON, times as ISO strings, no tokens or keys. */
import type { components } from '../generated/control.js';
import { CONFIRMATION_WINDOW_MS, dueAt, lifecycleAt, sentBy } from '../domain/lifecycle.js';
import { memberCount } from '../domain/audience.js';
import { draftsOf, isExpired } from '../domain/media-library.js';
import type { Simulator } from '../domain/simulator.js';
import { REALSPEED, type App, type Article, type Draft, type MassMessage, type Media } from '../domain/store.js';

export type AppView = components['schemas']['AppView'];
export type MessageView = components['schemas']['MessageView'];
export type MediaView = components['schemas']['MediaView'];
export type DraftView = components['schemas']['DraftView'];
export type StateView = components['schemas']['State'];
export type ClockView = components['schemas']['ClockView'];

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function due(message: MassMessage, app: App, status: MassMessage['status']): number | undefined {
  if (status === 'SENDING') return dueAt(message, app);
  if (status === 'AWAITING_CONFIRMATION') return message.created_at + CONFIRMATION_WINDOW_MS;
  return undefined;
}

/** The message as seen at app time `now`: one whose time is up shows as ended, though only the clock's tick ends it. */
export function messageView(message: MassMessage, app: App, now: number): MessageView {
  const { status, finished_at, event_status } = lifecycleAt(message, app, now);
  const view: MessageView = {
    msg_id: message.msg_id,
    appid: message.appid,
    msgtype: message.msgtype,
    articles: message.articles,
    deleted_articles: [...message.deleted_articles],
    status,
    audience: message.audience,
    sent: status === 'SEND_SUCCESS' ? message.audience : sentBy(message, app, now),
    created_at: new Date(message.created_at).toISOString(),
    due_at: iso(due(message, app, status)),
    finished_at: iso(finished_at),
    event_status: event_status ?? null,
    pushes: message.pushes.map((push) => ({ ...push })),
  };
  if (message.msg_data_id !== undefined) view.msg_data_id = message.msg_data_id;
  return view;
}

const articleViews = (articles: readonly Article[]) => articles.map((article) => ({ ...article }));

/** A media_id as seen at app time `now`: one past its 3 days shows as expired. */
export function mediaView(media: Media, now: number): MediaView {
  const { file, articles, expires_at, created_at, ...rest } = media;
  const view: MediaView = { ...rest, created_at: new Date(created_at).toISOString(), expires_at: iso(expires_at), expired: isExpired(media, now) };
  if (file) view.file = { ...file };
  if (articles) view.articles = articleViews(articles);
  return view;
}

export function draftView(draft: Draft): DraftView {
  return { media_id: draft.media_id, created_at: iso(draft.created_at), updated_at: iso(draft.updated_at), articles: articleViews(draft.articles) };
}

export function appView(sim: Simulator, app: App, messageLimit = Infinity): AppView {
  const ids = messageLimit >= app.message_ids.length ? app.message_ids : app.message_ids.slice(app.message_ids.length - messageLimit);
  const messages: MessageView[] = [];
  const now = sim.appNow(app);
  for (const id of ids) {
    const message = sim.store.messages.get(id);
    if (!message) continue;
    messages.push(messageView(message, app, now));
  }
  return {
    appid: app.appid,
    secret: app.secret,
    original_id: app.original_id,
    fans: app.fans,
    // The fans each tag has now, tagging included: what getTags answers.
    tags: app.tags.map((tag) => ({ id: tag.id, name: tag.name, count: memberCount(app, tag) })),
    speed: app.speed,
    realspeed: REALSPEED[app.speed],
    now: new Date(sim.appNow(app)).toISOString(),
    offset_ms: app.offset_ms,
    protection: app.protection,
    callback_url: app.callback_url,
    has_callback_token: app.callback_token !== null,
    has_encoding_aes_key: app.encoding_aes_key !== null,
    limits: { ...app.limits },
    push: { ...app.push },
    account_type: app.account_type,
    dedupe_without_clientmsgid: app.dedupe_without_clientmsgid,
    protection_codes: { ...app.protection_codes, operations: [...app.protection_codes.operations] },
    media: app.media,
    library: [...app.library.values()].map((media) => mediaView(media, now)),
    drafts: draftsOf(app).map(draftView),
    message_count: app.message_ids.length,
    messages,
  };
}

export function clockView(sim: Simulator, app?: App): ClockView {
  const view: ClockView = { now: new Date(sim.clock.now()).toISOString(), mode: sim.clock.mode, scale: sim.clock.scale };
  if (app) {
    view.appid = app.appid;
    view.app_now = new Date(sim.appNow(app)).toISOString();
  }
  return view;
}

export function stateView(sim: Simulator, filter: { appid?: string; messages?: number } = {}): StateView {
  const apps = [...sim.store.apps.values()].filter((app) => filter.appid === undefined || app.appid === filter.appid);
  return { ...clockView(sim), apps: apps.map((app) => appView(sim, app, filter.messages)) };
}
