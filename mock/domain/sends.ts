/**
 * The mass-send rules: sendAll, massSend and preview create sends; massmsgget reads one;
 * deleteMassMsg ends a successful one; setSpeed and getSpeed set the pace of those still sending.
 */
import { checkContent, DELETABLE, isOpenid, type MsgType } from './content.js';
import { oldestAwaiting, settleWork, trackNewSend } from './in-flight.js';
import { confirmationErrcode, transition } from './lifecycle.js';
import { countMassSend, hasMassQuota } from './limits.js';
import { field, isObject, looseInteger, type Body } from './loose.js';
import { fail, ok, type Result } from './result.js';
import { REALSPEED, isIdTaken, type App, type MassMessage, type SpeedLevel, type Store } from './store.js';
import type { Random } from './random.js';

/** What every rule needs: the state, the generator, the app's clock and a way to report ended sends. */
export interface SendContext {
  store: Store;
  random: Random;
  appNow(app: App): number;
  /** Settles a message and reports it when it ended just now. */
  settle(message: MassMessage, app: App): void;
  /** Settles every send of `app` whose time is up, and only those, in creation order. */
  settleDue(app: App): void;
  /** Reports state a rule changed, so a --state-file can record it before the answer goes out. */
  changed(entity: { app: App } | { message: MassMessage }): void;
}

const MAX_ARTICLES = 8;
const CLIENTMSGID_MAX_BYTES = 64;
const CLIENTMSGID_RETRY_MS = 60_000;
const CLIENTMSGID_WINDOW_MS = 86_400_000;

export interface SendAnswer {
  errcode: 0;
  errmsg: 'send job submission success';
  msg_id: number;
  msg_data_id?: number;
}

/** The URL of a send's first article, as its event's ArticleUrlResult carries it; delete accepts it back. */
export function articleUrl(message: MassMessage): string {
  return `http://mp.weixin.qq.com/s?__biz=mock&mid=${message.msg_id}&idx=1`;
}

function msgIdFromUrl(url: unknown): number | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /[?&]mid=([0-9]{1,16})(?:&|$)/.exec(url);
  return match ? looseInteger(match[1]) : undefined;
}

/** Speed 0..4 as an integer or a string of one; absent or null is 45084, anything else 45083. */
function parseSpeed(value: unknown): Result<SpeedLevel> {
  if (value === undefined || value === null) return fail(45084);
  const speed = typeof value === 'number' || typeof value === 'string' ? looseInteger(value) : undefined;
  return speed !== undefined && speed <= 4 && String(value).trim() !== '' ? ok(speed as SpeedLevel) : fail(45083);
}

export function setSpeed(ctx: SendContext, app: App, body: Body): Result<{ errcode: 0; errmsg: 'ok' }> {
  const now = ctx.appNow(app);
  // While a send waits for the administrator, setSpeed is refused (one that timed out no longer counts).
  ctx.settleDue(app);
  const waiting = oldestAwaiting(app);
  if (waiting) return fail(confirmationErrcode(waiting, now));
  const speed = parseSpeed(field(body, 'speed'));
  if (!speed.ok) return speed;
  changeSpeed(ctx, app, speed.value);
  return ok({ errcode: 0, errmsg: 'ok' });
}

/**
 * Sets the speed; what each send in flight delivered so far went at the old rate. Sends already done
 * end first, at the time the old rate gives them; the others keep their targets, so counting the
 * app's work up to now is all it takes for the rest to go at the new rate.
 */
export function changeSpeed(ctx: SendContext, app: App, speed: SpeedLevel): void {
  ctx.settleDue(app);
  settleWork(app, ctx.appNow(app));
  app.speed = speed;
  ctx.changed({ app });
}

export function getSpeed(app: App): { speed: SpeedLevel; realspeed: (typeof REALSPEED)[number] } {
  return { speed: app.speed, realspeed: REALSPEED[app.speed] };
}

function ownMessage(ctx: SendContext, app: App, msgId: number | undefined): MassMessage | undefined {
  const message = msgId === undefined ? undefined : ctx.store.messages.get(msgId);
  if (!message || message.appid !== app.appid) return undefined;
  ctx.settle(message, app);
  return message;
}

export function massmsgget(ctx: SendContext, app: App, body: Body): Result<{ msg_id: number; msg_status: Exclude<MassMessage['status'], 'AWAITING_CONFIRMATION'> }> {
  const message = ownMessage(ctx, app, looseInteger(field(body, 'msg_id')));
  if (!message) return fail(40059);
  if (message.status === 'AWAITING_CONFIRMATION') return fail(confirmationErrcode(message, ctx.appNow(app)));
  return ok({ msg_id: message.msg_id, msg_status: message.status });
}

export function deleteMassMsg(ctx: SendContext, app: App, body: Body): Result<{ errcode: 0; errmsg: 'ok' }> {
  const rawId = field(body, 'msg_id');
  const message = ownMessage(ctx, app, rawId === undefined || rawId === null ? msgIdFromUrl(field(body, 'url')) : looseInteger(rawId));
  if (!message) return fail(40059);
  if (!DELETABLE.has(message.msgtype)) return fail(40008);
  const rawIdx = field(body, 'article_idx');
  const idx = rawIdx === undefined || rawIdx === null ? 0 : looseInteger(rawIdx);
  if (idx === undefined || idx > MAX_ARTICLES) return fail(40060);
  if (!transition(message, 'delete', ctx.appNow(app))) return fail(40059);
  ctx.changed({ message });
  return ok({ errcode: 0, errmsg: 'ok' });
}

/** 45067 over 64 bytes of UTF-8; 45066 retried within a minute; 45065 (with the msg_id) within 24 h. */
function checkClientMsgId(app: App, value: unknown, now: number): Result<string | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  // A number is read as its digits, like other loose scalars; an object or array is no clientmsgid.
  if (typeof value !== 'string' && typeof value !== 'number') return fail(47001);
  const id = String(value);
  if (Buffer.byteLength(id, 'utf8') > CLIENTMSGID_MAX_BYTES) return fail(45067);
  const seen = app.clientmsgids.get(id);
  if (seen && now - seen.at < CLIENTMSGID_WINDOW_MS) {
    return now - seen.at < CLIENTMSGID_RETRY_MS ? fail(45066) : fail(45065, seen.msg_id);
  }
  return ok(id);
}

function audienceOfFilter(app: App, filter: unknown): Result<{ audience: number; toAll: boolean }> {
  if (!isObject(filter)) return fail(47001);
  const toAll = field(filter, 'is_to_all');
  if (toAll === true || toAll === 'true') return ok({ audience: app.fans, toAll: true });
  const tagId = looseInteger(field(filter, 'tag_id'));
  if (tagId === undefined) return fail(47001);
  // An unknown tag has no fans: the send is accepted and reaches nobody.
  return ok({ audience: app.tags.find((tag) => tag.id === tagId)?.count ?? 0, toAll: false });
}

function audienceOfList(touser: unknown): Result<number> {
  if (!Array.isArray(touser)) return fail(47001);
  if (touser.length < 2 || touser.length > 10_000) return fail(40130);
  if (!touser.every(isOpenid)) return fail(40003);
  return ok(new Set(touser).size);
}

function submit(ctx: SendContext, app: App, body: Body, audienceOf: () => Result<{ audience: number; toAll: boolean }>): Result<SendAnswer> {
  const now = ctx.appNow(app);
  const content = checkContent(body);
  if (!content.ok) return content;
  const audience = audienceOf();
  if (!audience.ok) return audience;
  const clientmsgid = checkClientMsgId(app, field(body, 'clientmsgid'), now);
  if (!clientmsgid.ok) return clientmsgid;
  if (!hasMassQuota(app, now)) return fail(45028);
  countMassSend(app, now);
  const message = createMessage(ctx, app, content.value, audience.value.audience, now, audience.value.toAll && app.protection);
  if (clientmsgid.value !== undefined) app.clientmsgids.set(clientmsgid.value, { msg_id: message.msg_id, at: now });
  ctx.changed({ app });
  ctx.changed({ message });
  const answer: SendAnswer = { errcode: 0, errmsg: 'send job submission success', msg_id: message.msg_id };
  if (message.msg_data_id !== undefined) answer.msg_data_id = message.msg_data_id;
  return ok(answer);
}

function createMessage(ctx: SendContext, app: App, msgtype: MsgType, audience: number, now: number, awaiting: boolean): MassMessage {
  const taken = (id: number) => isIdTaken(ctx.store, id);
  const message: MassMessage = {
    msg_id: ctx.random.id(taken),
    msg_data_id: msgtype === 'mpnews' ? ctx.random.id(() => false) : undefined,
    appid: app.appid,
    msgtype,
    audience,
    created_at: now,
    status: awaiting ? 'AWAITING_CONFIRMATION' : 'SENDING',
    start_work: undefined,
    finished_at: undefined,
    event_status: undefined,
    pushes: [],
  };
  ctx.store.messages.set(message.msg_id, message);
  app.message_ids.push(message.msg_id);
  trackNewSend(app, message, now);
  // A send to nobody (an unknown tag) is done at once.
  ctx.settle(message, app);
  return message;
}

export function sendAll(ctx: SendContext, app: App, body: Body): Result<SendAnswer> {
  return submit(ctx, app, body, () => audienceOfFilter(app, field(body, 'filter')));
}

export function massSend(ctx: SendContext, app: App, body: Body): Result<SendAnswer> {
  return submit(ctx, app, body, () => {
    const audience = audienceOfList(field(body, 'touser'));
    return audience.ok ? ok({ audience: audience.value, toAll: false }) : audience;
  });
}

/** towxname wins over touser when both are given, as the old doc says. */
export function previewMassMsg(ctx: SendContext, body: Body): Result<{ errcode: 0; errmsg: 'preview success'; msg_id: number }> {
  const content = checkContent(body);
  if (!content.ok) return content;
  const towxname = field(body, 'towxname');
  const reachable = typeof towxname === 'string' && towxname.length > 0 ? true : isOpenid(field(body, 'touser'));
  if (!reachable) return fail(40003);
  const msgId = ctx.random.id((id) => isIdTaken(ctx.store, id));
  ctx.store.preview_ids.add(msgId);
  return ok({ errcode: 0, errmsg: 'preview success', msg_id: msgId });
}

