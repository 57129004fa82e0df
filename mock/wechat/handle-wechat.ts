/**
 * One WeChat request through its route, transport-neutral. An access_token route: token (41001,
 * 40014, 40001, 42001) → method (43002) → the call's admission (override, fault, limits) → body
 * (44002 empty; 47001 not JSON, or 41005 not a form for an upload) → the operation's rule. A credentials route (the tokens): method → parameters →
 * appid, grant_type, secret → the call's admission → the token. Each request is one unit of work:
 * what it changed is recorded once, before the answer goes out; a change that could not be recorded
 * is not applied and answers -1 (system error).
 */
import { StateWriteError } from '../domain/changes.js';
import { errmsgFor, type WxErrcode } from '../domain/errors.js';
import { nextMsgId } from '../domain/ids.js';
import { countApiCall, countsApiCalls } from '../domain/limits.js';
import { isObject, type Body } from '../domain/loose.js';
import type { Result } from '../domain/result.js';
import type { Simulator } from '../domain/simulator.js';
import type { App } from '../domain/store.js';
import { authenticate, checkCredentials } from '../domain/tokens.js';
import type { Fault, Faults } from '../harness/faults.js';
import { exceedsJsonDepth } from '../http/json-depth.js';
import { queryParam } from './query-param.js';
import type { AnyRoute } from './route.js';
import type { WechatRequest } from './wechat-request.js';
import type { OperationId, WxFile, WxJson } from './wire.js';

export interface WechatAnswer {
  operationId: OperationId;
  appid: string | undefined;
  /** The JSON answer, or a file (getMaterial's image, voice or thumb), which goes out as its bytes. */
  body: WxJson<OperationId> | WxFile;
  /** The errcode answered, 0 for success. */
  errcode: number;
  /** When the call ran: its app's time, or the clock's when no app was known (the journal's time for it). */
  at: number;
  /** Set when X-Mock-Errcode named a code this operation does not document. */
  warning?: string;
  /** The id of the fault that shaped this answer (an errcode or a delay). */
  fault?: string;
  /** Send the answer this much later (a delay_ms fault); the operation has already run. */
  delay_ms?: number;
}

/** A fault that replaces the answer: the HTTP layer answers `http_status`, or drops the connection. */
export interface WechatInterruption {
  operationId: OperationId;
  appid: string;
  interrupt: { fault: string; http_status: number } | { fault: string; reset: true };
}

export type WechatOutcome = WechatAnswer | WechatInterruption;

/** Which errcodes may be forced on each operation: the ones openapi.yaml documents. */
export type Documented = (operationId: OperationId) => readonly number[];

/** What X-Mock-Errcode asks of a call: a documented errcode to answer, or a warning that it was ignored. */
type Override = { errcode: WxErrcode } | { warning: string } | undefined;

/** How the call's admission went: answered already, or go on (with what shapes the answer). */
type Admission = { done: WechatOutcome } | { warning: string | undefined; fault: Fault | undefined };

function parseJson(text: string): Result<Body> {
  if (text.trim() === '') return { ok: false, errcode: 44002 };
  if (exceedsJsonDepth(text)) return { ok: false, errcode: 47001 };
  try {
    const body: unknown = JSON.parse(text);
    return isObject(body) ? { ok: true, value: body } : { ok: false, errcode: 47001 };
  } catch {
    return { ok: false, errcode: 47001 };
  }
}

function queryParams(query: string): Body {
  return Object.fromEntries(new URLSearchParams(query));
}

/** The query and the form together (a form field wins: wechatpy sends add_material's description in the query, others in the form). */
function multipartParams(request: WechatRequest): Result<Body> {
  if (request.body.length === 0) return { ok: false, errcode: 44002 };
  if (!request.form?.ok) return { ok: false, errcode: 41005 };
  const { fields, files } = request.form.form;
  return { ok: true, value: Object.fromEntries([...new URLSearchParams(request.query), ...fields, ...files]) };
}

export function createWechatHandler(sim: Simulator, documented: Documented, faults?: Faults) {
  /** The one place a WeChat error body is built; 45065 carries the existing send's msg_id, as WeChat's does. */
  const error = (operationId: OperationId, app: App | undefined, errcode: WxErrcode, msgId?: number): WechatAnswer => {
    const now = app ? sim.appNow(app) : sim.clock.now();
    const body: { errcode: number; errmsg: string; msg_id?: number } = { errcode, errmsg: errmsgFor(errcode, sim.random.rid(now)) };
    if (msgId !== undefined) body.msg_id = msgId;
    return { operationId, appid: app?.appid, body: body as WxJson<OperationId>, errcode, at: now };
  };

  /** A documented errcode forced on a call (header or fault); a forced 45065 names the app's latest send. */
  const forcedError = (operationId: OperationId, app: App, errcode: WxErrcode): WechatAnswer =>
    error(operationId, app, errcode, errcode === 45065 ? app.message_ids.at(-1) ?? nextMsgId(sim.store.ids, sim.random) : undefined);

  const override = (operationId: OperationId, header: string | undefined): Override => {
    if (header === undefined) return undefined;
    const code = Number(header);
    if (Number.isInteger(code) && code !== 0 && documented(operationId).includes(code)) return { errcode: code as WxErrcode };
    return { warning: `X-Mock-Errcode ${header} ignored: ${operationId} does not document it` };
  };

  /** An errcode fault answers; http_status and reset interrupt; a delay lets the call run. */
  const faultOutcome = (operationId: OperationId, app: App, fault: Fault): WechatOutcome | undefined => {
    const { action } = fault;
    if (action.kind === 'errcode') return { ...forcedError(operationId, app, action.errcode as WxErrcode), fault: fault.id };
    if (action.kind === 'http_status') return { operationId, appid: app.appid, interrupt: { fault: fault.id, http_status: action.status } };
    if (action.kind === 'reset') return { operationId, appid: app.appid, interrupt: { fault: fault.id, reset: true } };
    return undefined;
  };

  /** The warning and the delay fault a call's answer carries. */
  const shape = (answer: WechatAnswer, warning: string | undefined, fault: Fault | undefined): WechatAnswer => {
    if (!warning && !fault) return answer;
    const shaped: WechatAnswer = { ...answer };
    if (warning) shaped.warning = warning;
    if (fault?.action.kind === 'delay_ms') {
      shaped.fault = fault.id;
      shaped.delay_ms = fault.action.ms;
    }
    return shaped;
  };

  /** What every call goes through once its app is known: the header override, a fault, the API limits. */
  const admitCall = (operationId: OperationId, app: App, request: WechatRequest): Admission => {
    const asked = override(operationId, request.forcedErrcode);
    if (asked && 'errcode' in asked) return { done: forcedError(operationId, app, asked.errcode) };
    const warning = asked?.warning;
    // Only looked for when one exists, so the common case costs one test.
    const fault = faults && faults.count !== 0 ? faults.take(operationId, app.appid) : undefined;
    const faulted = fault && faultOutcome(operationId, app, fault);
    if (faulted) return { done: 'body' in faulted ? shape(faulted, warning, undefined) : faulted };
    // Counting calls is the one thing a read records.
    const limited = countsApiCalls(app) ? countApiCall(sim.ctx.changes.app(app), sim.appNow(app)) : undefined;
    if (limited) return { done: shape(error(operationId, app, limited), warning, fault) };
    return { warning, fault };
  };

  const params = (route: AnyRoute, request: WechatRequest): Result<Body> => {
    if (route.params === 'json') return parseJson(request.text);
    if (route.params === 'multipart') return multipartParams(request);
    return { ok: true, value: route.params === 'query' ? queryParams(request.query) : {} };
  };

  const run = (route: AnyRoute, app: App, input: Body): WechatAnswer => {
    const result = route.run(sim.ctx, app, input);
    return result.ok
      ? { operationId: route.operationId, appid: app.appid, body: result.value, errcode: 0, at: sim.appNow(app) }
      : error(route.operationId, app, result.errcode, result.msg_id);
  };

  const withAccessToken = (route: AnyRoute, request: WechatRequest): WechatOutcome => {
    const { operationId } = route;
    const authed = authenticate(sim.store, queryParam(request.query, 'access_token'), sim.appNow);
    if (!authed.ok) return error(operationId, undefined, authed.errcode);
    const app = authed.value;
    if (!(route.methods as readonly string[]).includes(request.method)) return error(operationId, app, 43002);
    const admitted = admitCall(operationId, app, request);
    if ('done' in admitted) return admitted.done;
    const input = params(route, request);
    const answer = input.ok ? run(route, app, input.value) : error(operationId, app, input.errcode);
    return shape(answer, admitted.warning, admitted.fault);
  };

  const withCredentials = (route: AnyRoute, request: WechatRequest): WechatOutcome => {
    const { operationId } = route;
    if (!(route.methods as readonly string[]).includes(request.method)) return error(operationId, undefined, 43002);
    const input = params(route, request);
    if (!input.ok) return error(operationId, undefined, input.errcode);
    const { appid, secret, grant_type } = input.value;
    const checked = checkCredentials(sim.store, { appid, secret, grant_type });
    if (!checked.ok) return error(operationId, undefined, checked.errcode);
    const app = checked.value;
    const admitted = admitCall(operationId, app, request);
    if ('done' in admitted) return admitted.done;
    return shape(run(route, app, input.value), admitted.warning, admitted.fault);
  };

  /** WeChat's own answer to a failure on its side: the state file could not take the call's change, so it was not applied. */
  const writeFailed = (operationId: OperationId): WechatAnswer => error(operationId, undefined, -1);

  const handle = (route: AnyRoute, request: WechatRequest): WechatOutcome => {
    try {
      return sim.unit(() => (route.auth === 'access_token' ? withAccessToken(route, request) : withCredentials(route, request)));
    } catch (err) {
      if (err instanceof StateWriteError) return writeFailed(route.operationId);
      throw err;
    }
  };
  return Object.assign(handle, { writeFailed });
}

export type WechatHandler = ReturnType<typeof createWechatHandler>;
