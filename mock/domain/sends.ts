/**
 * The mass-send rules: sendAll, massSend and preview create sends; massmsgget reads one;
 * deleteMassMsg ends a successful one; setSpeed and getSpeed set the pace of those still sending.
 */
import type { components } from '../../contracts/generated/openapi.js';
import { MAX_ARTICLES } from './articles.js';
import { fansOf, memberCount } from './audience.js';
import { checkContent, contentPayload, DELETABLE, isOpenid, type Content, type MsgType } from './content.js';
import { sendDigest } from './send-digest.js';
import type { DomainContext } from './domain-context.js';
import { oldestAwaiting, settleWork, trackNewSend } from './in-flight.js';
import { confirmationErrcode, lifecycleAt, nextStatus, transition } from './lifecycle.js';
import { countMassSend, hasMassQuota } from './limits.js';
import { field, isObject, looseInteger, type Body } from './loose.js';
import { fail, ok, type Result } from './result.js';
import { nextDataId, nextMsgId } from './ids.js';
import { REALSPEED, type App, type MassMessage, type Recorded, type SpeedLevel } from './store.js';

type Schemas = components['schemas'];

const CLIENTMSGID_MAX_BYTES = 64;
const CLIENTMSGID_RETRY_MS = 60_000;
/** How long a clientmsgid (or, in a send's answer, its msg_id) is remembered. */
export const CLIENTMSGID_WINDOW_MS = 86_400_000;

/**
 * The URL of a send's article `idx` (1-based), as its event's ArticleUrlResult carries it: `mid` is
 * the msg_data_id, as in real article URLs (the msg_id for a send that has none); delete takes it back.
 */
export function articleUrl(message: MassMessage, idx = 1): string {
  return `http://mp.weixin.qq.com/s?__biz=mock&mid=${message.msg_data_id ?? message.msg_id}&idx=${idx}`;
}

/** The app's send an article URL names: by its `mid`, newest first (a delete by URL is usually of a recent send). */
function messageFromUrl(ctx: DomainContext, app: App, url: unknown): MassMessage | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /[?&]mid=([0-9]{1,16})(?:&|$)/.exec(url);
  const mid = match ? looseInteger(match[1]) : undefined;
  if (mid === undefined) return undefined;
  for (let i = app.message_ids.length - 1; i >= 0; i--) {
    const message = ctx.store.messages.get(app.message_ids[i]!);
    if (message && (message.msg_data_id ?? message.msg_id) === mid) return message;
  }
  return undefined;
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
  const waitingId = oldestAwaiting(ctx.store.messages, app);
  const waiting = waitingId === undefined ? undefined : ctx.store.messages.get(waitingId);
  const held = waiting && confirmationErrcode(app, 'setSpeed', waiting, now);
  if (held) return fail(held);
  const speed = parseSpeed(field(body, 'speed'));
  if (!speed.ok) return speed;
  speedAfterTick(ctx, ctx.changes.app(app), speed.value);
  return ok({ errcode: 0, errmsg: 'ok' });
}

/**
 * Sets the speed; what each send in flight delivered so far went at the old rate. Sends already done
 * end first, at the time the old rate gives them; the others keep their targets, so counting the
 * app's work up to now is all it takes for the rest to go at the new rate.
 */
export function changeSpeed(ctx: DomainContext, app: Recorded<App>, speed: SpeedLevel): void {
  ctx.tick(app);
  speedAfterTick(ctx, app, speed);
}

/** changeSpeed once the sends already done have ended (setSpeed ticked before its checks). */
function speedAfterTick(ctx: DomainContext, app: Recorded<App>, speed: SpeedLevel): void {
  settleWork(ctx.store.messages, app, ctx.appNow(app));
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
  if (status !== 'AWAITING_CONFIRMATION') return ok({ msg_id: message.msg_id, msg_status: status });
  const held = confirmationErrcode(app, 'massmsgget', message, now);
  // Where the app's protection_codes leave massmsgget alone, a waiting send reads as not yet sent.
  return held ? fail(held) : ok({ msg_id: message.msg_id, msg_status: 'SENDING' });
}

/**
 * article_idx 0 or absent deletes the whole send; N (1-based) deletes that article only, and the send
 * becomes DELETE once every article is gone (the delete doc). An index past the send's articles is 40060.
 */
export function deleteMassMsg(ctx: DomainContext, app: App, body: Body): Result<Schemas['OkSuccess']> {
  ctx.tick(app);
  const rawId = field(body, 'msg_id');
  const message = rawId === undefined || rawId === null ? messageFromUrl(ctx, app, field(body, 'url')) : ownMessage(ctx, app, looseInteger(rawId));
  if (!message) return fail(40059);
  if (!DELETABLE.has(message.msgtype)) return fail(40008);
  const rawIdx = field(body, 'article_idx');
  const idx = rawIdx === undefined || rawIdx === null ? 0 : looseInteger(rawIdx);
  if (idx === undefined || idx > Math.min(message.articles, MAX_ARTICLES)) return fail(40060);
  if (!nextStatus(message.status, 'delete')) return fail(40059);
  const recorded = ctx.changes.message(message);
  if (idx > 0 && !message.deleted_articles.includes(idx)) recorded.deleted_articles = [...message.deleted_articles, idx];
  if (idx === 0 || recorded.deleted_articles.length === message.articles) transition(recorded, 'delete', ctx.appNow(app));
  return ok({ errcode: 0, errmsg: 'ok' });
}

/** 45067 over 64 bytes of UTF-8; 45066 retried within a minute; 45065 (with the msg_id) within 24 h. */
function checkClientMsgId(app: App, value: unknown, now: number): Result<string | undefined> {
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

/** Who a send reaches: how many fans, whether it is a send to all, and the scope as its digest covers it. */
interface Scope {
  audience: number;
  toAll: boolean;
  digestable: unknown;
}

function scopeOfFilter(app: App, filter: unknown): Result<Scope> {
  if (!isObject(filter)) return fail(47001);
  const toAll = field(filter, 'is_to_all');
  if (toAll === true || toAll === 'true') return ok({ audience: app.fans, toAll: true, digestable: { is_to_all: true } });
  const tagId = looseInteger(field(filter, 'tag_id'));
  if (tagId === undefined) return fail(47001);
  // An unknown tag has no fans: the send is accepted and reaches nobody.
  const tag = app.tags.find((each) => each.id === tagId);
  return ok({ audience: tag ? memberCount(app, tag) : 0, toAll: false, digestable: { tag_id: tagId } });
}

/** Every openid must be one of the app's followers: any other is 40003, as WeChat answers for an invalid openid. */
function scopeOfList(ctx: DomainContext, app: App, touser: unknown): Result<Scope> {
  if (!Array.isArray(touser)) return fail(47001);
  if (touser.length < 2 || touser.length > 10_000) return fail(40130);
  const fans = fansOf(ctx.store, app, touser, 40003);
  if (!fans.ok) return fans;
  const openids = [...new Set(touser as string[])].sort();
  return ok({ audience: openids.length, toAll: false, digestable: { touser: openids } });
}

/**
 * What stands for a send's clientmsgid: the one given, else (unless the app turned it off) the digest
 * of its scope and content, as WeChat's parameter text says ("如不填，则后台默认以群发范围和群发内容的
 * 摘要值做为clientmsgid"). A digest whose earlier send failed or was rejected does not count.
 */
function checkIdempotency(ctx: DomainContext, app: App, body: Body, msgtype: MsgType, scope: Scope, now: number): Result<string | undefined> {
  const given = field(body, 'clientmsgid');
  if (given !== undefined && given !== null) return checkClientMsgId(app, given, now);
  if (!app.dedupe_without_clientmsgid) return ok(undefined);
  const digest = sendDigest(msgtype, contentPayload(body, msgtype), scope.digestable);
  const seen = app.clientmsgids.get(digest);
  const failed = seen !== undefined && ctx.store.messages.get(seen.msg_id)?.status === 'SEND_FAIL';
  if (!seen || failed || now - seen.at >= CLIENTMSGID_WINDOW_MS) return ok(digest);
  return now - seen.at < CLIENTMSGID_RETRY_MS ? fail(45066) : fail(45065, seen.msg_id);
}

function submit(ctx: DomainContext, app: App, body: Body, kind: 'sendall' | 'send', scopeOf: () => Result<Scope>): Result<Schemas['SendSuccess']> {
  ctx.tick(app);
  const now = ctx.appNow(app);
  if (kind === 'send' && app.account_type === 'subscription') return fail(48001);
  const content = checkContent(app, body, now);
  if (!content.ok) return content;
  const scope = scopeOf();
  if (!scope.ok) return scope;
  const idempotency = checkIdempotency(ctx, app, body, content.value.msgtype, scope.value, now);
  if (!idempotency.ok) return idempotency;
  if (kind === 'sendall' && !hasMassQuota(app, now)) return fail(45028);
  const recorded = ctx.changes.app(app);
  if (kind === 'sendall') countMassSend(recorded, now);
  const message = createMessage(ctx, recorded, content.value, scope.value.audience, now, scope.value.toAll && app.protection);
  if (idempotency.value !== undefined) ctx.changes.clientMsgId(app, idempotency.value, { msg_id: message.msg_id, at: now });
  // A send to nobody (an unknown tag) is due at once: the tick ends it.
  ctx.tick(app);
  const answer: Schemas['SendSuccess'] = { errcode: 0, errmsg: 'send job submission success', msg_id: message.msg_id };
  if (message.msg_data_id !== undefined) answer.msg_data_id = message.msg_data_id;
  return ok(answer);
}

function createMessage(ctx: DomainContext, app: Recorded<App>, { msgtype, articles }: Content, audience: number, now: number, awaiting: boolean): MassMessage {
  const stored = ctx.store.messages.set({
    msg_id: nextMsgId(ctx.store.ids, ctx.random),
    msg_data_id: msgtype === 'mpnews' ? nextDataId(ctx.store.ids, ctx.random) : undefined,
    appid: app.appid,
    msgtype,
    articles,
    deleted_articles: [],
    audience,
    created_at: now,
    status: awaiting ? 'AWAITING_CONFIRMATION' : 'SENDING',
    start_work: undefined,
    finished_at: undefined,
    event_status: undefined,
    pushes: [],
  });
  const message = ctx.changes.newMessage(stored);
  app.message_ids.push(message.msg_id);
  trackNewSend(ctx.store.messages, app, message, now);
  return message;
}

export function sendAll(ctx: DomainContext, app: App, body: Body): Result<Schemas['SendSuccess']> {
  return submit(ctx, app, body, 'sendall', () => scopeOfFilter(app, field(body, 'filter')));
}

/** mass/send: refused to subscription accounts (48001, inferred: the docs give it to verified service accounts only). */
export function massSend(ctx: DomainContext, app: App, body: Body): Result<Schemas['SendSuccess']> {
  return submit(ctx, app, body, 'send', () => scopeOfList(ctx, app, field(body, 'touser')));
}

/** towxname wins over touser when both are given, as the old doc says. */
export function previewMassMsg(ctx: DomainContext, app: App, body: Body): Result<Schemas['PreviewSuccess']> {
  const content = checkContent(app, body, ctx.appNow(app));
  if (!content.ok) return content;
  const towxname = field(body, 'towxname');
  const reachable = typeof towxname === 'string' && towxname.length > 0 ? true : isOpenid(field(body, 'touser'));
  if (!reachable) return fail(40003);
  const msgId = nextMsgId(ctx.store.ids, ctx.random);
  return ok({ errcode: 0, errmsg: 'preview success', msg_id: msgId });
}

