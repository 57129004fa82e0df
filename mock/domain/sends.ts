/**
 * The mass-send rules: sendAll, massSend and preview create sends; massmsgget reads one;
 * deleteMassMsg ends a successful one; setSpeed and getSpeed set the pace of those still sending.
 */
import type { components } from '../../contracts/generated/openapi.js';
import { checkContent, DELETABLE, isOpenid, type MsgType } from './content.js';
import type { DomainContext } from './domain-context.js';
import { oldestAwaiting, settleWork, trackNewSend } from './in-flight.js';
import { confirmationErrcode, lifecycleAt, nextStatus, transition } from './lifecycle.js';
import { countMassSend, hasMassQuota } from './limits.js';
import { field, isObject, looseInteger, type Body } from './loose.js';
import { fail, ok, type Result } from './result.js';
import { REALSPEED, isIdTaken, type App, type MassMessage, type Recorded, type SpeedLevel } from './store.js';

type Schemas = components['schemas'];

const MAX_ARTICLES = 8;
const CLIENTMSGID_MAX_BYTES = 64;
const CLIENTMSGID_RETRY_MS = 60_000;
/** How long a clientmsgid (or, in a send's answer, its msg_id) is remembered. */
export const CLIENTMSGID_WINDOW_MS = 86_400_000;

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
  const speed = looseInteger(value);
  return speed !== undefined && speed <= 4 ? ok(speed as SpeedLevel) : fail(45083);
}

export function setSpeed(ctx: DomainContext, app: App, body: Body): Result<Schemas['SetSpeedSuccess']> {
  const now = ctx.appNow(app);
  // While a send waits for the administrator, setSpeed is refused (one that timed out no longer counts).
  ctx.tick(app);
  const waiting = oldestAwaiting(app);
  if (waiting) return fail(confirmationErrcode(waiting, now));
  const speed = parseSpeed(field(body, 'speed'));
  if (!speed.ok) return speed;
  changeSpeed(ctx, ctx.changes.app(app), speed.value);
  return ok({ errcode: 0, errmsg: 'ok' });
}

/**
 * Sets the speed; what each send in flight delivered so far went at the old rate. Sends already done
 * end first, at the time the old rate gives them; the others keep their targets, so counting the
 * app's work up to now is all it takes for the rest to go at the new rate.
 */
export function changeSpeed(ctx: DomainContext, app: Recorded<App>, speed: SpeedLevel): void {
  ctx.tick(app);
  settleWork(app, ctx.appNow(app));
  app.speed = speed;
}

export function getSpeed(app: App): Schemas['GetSpeedSuccess'] {
  return { speed: app.speed, realspeed: REALSPEED[app.speed] };
}

function ownMessage(ctx: DomainContext, app: App, msgId: number | undefined): MassMessage | undefined {
  const message = msgId === undefined ? undefined : ctx.store.messages.get(msgId);
  return message && message.appid === app.appid ? message : undefined;
}

/** A read: the status at the app's time, a due send shown as ended without ending it. */
export function massmsgget(ctx: DomainContext, app: App, body: Body): Result<Schemas['MassMsgGetSuccess']> {
  const message = ownMessage(ctx, app, looseInteger(field(body, 'msg_id')));
  if (!message) return fail(40059);
  const now = ctx.appNow(app);
  const { status } = lifecycleAt(message, app, now);
  if (status === 'AWAITING_CONFIRMATION') return fail(confirmationErrcode(message, now));
  return ok({ msg_id: message.msg_id, msg_status: status });
}

export function deleteMassMsg(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  ctx.tick(app);
  const rawId = field(body, 'msg_id');
  const message = ownMessage(ctx, app, rawId === undefined || rawId === null ? msgIdFromUrl(field(body, 'url')) : looseInteger(rawId));
  if (!message) return fail(40059);
  if (!DELETABLE.has(message.msgtype)) return fail(40008);
  const rawIdx = field(body, 'article_idx');
  const idx = rawIdx === undefined || rawIdx === null ? 0 : looseInteger(rawIdx);
  if (idx === undefined || idx > MAX_ARTICLES) return fail(40060);
  if (!nextStatus(message.status, 'delete')) return fail(40059);
  transition(ctx.changes.message(message), 'delete', ctx.appNow(app));
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

function submit(ctx: DomainContext, app: App, body: Body, audienceOf: () => Result<{ audience: number; toAll: boolean }>): Result<Schemas['SendSuccess']> {
  ctx.tick(app);
  const now = ctx.appNow(app);
  const content = checkContent(body);
  if (!content.ok) return content;
  const audience = audienceOf();
  if (!audience.ok) return audience;
  const clientmsgid = checkClientMsgId(app, field(body, 'clientmsgid'), now);
  if (!clientmsgid.ok) return clientmsgid;
  if (!hasMassQuota(app, now)) return fail(45028);
  const recorded = ctx.changes.app(app);
  countMassSend(recorded, now);
  const message = createMessage(ctx, recorded, content.value, audience.value.audience, now, audience.value.toAll && app.protection);
  if (clientmsgid.value !== undefined) ctx.changes.clientMsgId(app, clientmsgid.value, { msg_id: message.msg_id, at: now });
  // A send to nobody (an unknown tag) is due at once: the tick ends it.
  ctx.tick(app);
  const answer: Schemas['SendSuccess'] = { errcode: 0, errmsg: 'send job submission success', msg_id: message.msg_id };
  if (message.msg_data_id !== undefined) answer.msg_data_id = message.msg_data_id;
  return ok(answer);
}

function createMessage(ctx: DomainContext, app: Recorded<App>, msgtype: MsgType, audience: number, now: number, awaiting: boolean): MassMessage {
  const taken = (id: number) => isIdTaken(ctx.store, id);
  const message = ctx.changes.newMessage({
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
  });
  ctx.store.messages.set(message.msg_id, message);
  app.message_ids.push(message.msg_id);
  trackNewSend(app, message, now);
  return message;
}

export function sendAll(ctx: DomainContext, app: App, body: Body): Result<Schemas['SendSuccess']> {
  return submit(ctx, app, body, () => audienceOfFilter(app, field(body, 'filter')));
}

export function massSend(ctx: DomainContext, app: App, body: Body): Result<Schemas['SendSuccess']> {
  return submit(ctx, app, body, () => {
    const audience = audienceOfList(field(body, 'touser'));
    return audience.ok ? ok({ audience: audience.value, toAll: false }) : audience;
  });
}

/** towxname wins over touser when both are given, as the old doc says. */
export function previewMassMsg(ctx: DomainContext, body: Body): Result<Schemas['PreviewSuccess']> {
  const content = checkContent(body);
  if (!content.ok) return content;
  const towxname = field(body, 'towxname');
  const reachable = typeof towxname === 'string' && towxname.length > 0 ? true : isOpenid(field(body, 'touser'));
  if (!reachable) return fail(40003);
  const msgId = ctx.random.id((id) => isIdTaken(ctx.store, id));
  ctx.store.preview_ids.add(msgId);
  return ok({ errcode: 0, errmsg: 'preview success', msg_id: msgId });
}

