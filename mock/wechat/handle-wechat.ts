/**
 * One WeChat request, transport-neutral: token (41001, 40014, 40001, 42001) → method (43002) →
 * per-request override → fault (POST /__mock/faults) → limits (45009, 45011) → body (44002, 47001)
 * → the operation's own rule. The HTTP layer hands in the raw request and sends back what this
 * answers, or applies the transport fault it names.
 */
import { errmsgFor, type WxErrcode } from '../domain/errors.js';
import type { Fault, Faults } from '../harness/faults.js';
import { exceedsJsonDepth } from '../http/json-depth.js';
import { countApiCall, countsApiCalls } from '../domain/limits.js';
import { isObject, type Body } from '../domain/loose.js';
import type { Result } from '../domain/result.js';
import { deleteMassMsg, getSpeed, massSend, massmsgget, previewMassMsg, sendAll, setSpeed } from '../domain/sends.js';
import type { Simulator } from '../domain/simulator.js';
import type { App } from '../domain/store.js';
import { authenticate, checkCredentials, issueAccessToken, issueStableToken } from '../domain/tokens.js';
import type { paths } from '../../contracts/generated/openapi.js';
import type { OperationId, WxJson } from './wire.js';

export interface WechatRequest {
  method: string;
  /** The query string, without '?'. */
  query: string;
  /** The raw body; empty when none was sent. */
  body: string;
  /** X-Mock-Errcode, when the caller asked for one error on this call. */
  forcedErrcode?: string | undefined;
}

export interface WechatAnswer {
  operationId: OperationId;
  appid: string | undefined;
  body: WxJson<OperationId>;
  /** The errcode answered, 0 for success. */
  errcode: number;
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

type Parsed = { ok: true; body: Body } | { ok: false; errcode: 44002 | 47001 };

function parseBody(raw: string): Parsed {
  if (raw.trim() === '') return { ok: false, errcode: 44002 };
  if (exceedsJsonDepth(raw)) return { ok: false, errcode: 47001 };
  try {
    const body: unknown = JSON.parse(raw);
    return isObject(body) ? { ok: true, body } : { ok: false, errcode: 47001 };
  } catch {
    return { ok: false, errcode: 47001 };
  }
}

interface MassRoute {
  operationId: OperationId;
  /** getSpeed ignores its body: no 44002 or 47001. */
  readsBody: boolean;
  run(sim: Simulator, app: App, body: Body): Result<WxJson<OperationId>>;
}

type TokenRoute = { operationId: 'getAccessToken' | 'getStableAccessToken' };

/** The dispatch table, one entry per path of openapi.yaml (a test checks both ways). */
export const ROUTES = {
  '/cgi-bin/token': { operationId: 'getAccessToken' },
  '/cgi-bin/stable_token': { operationId: 'getStableAccessToken' },
  '/cgi-bin/message/mass/speed/set': { operationId: 'setSpeed', readsBody: true, run: (sim, app, body) => setSpeed(sim.ctx, app, body) },
  '/cgi-bin/message/mass/speed/get': { operationId: 'getSpeed', readsBody: false, run: (_sim, app) => ({ ok: true, value: getSpeed(app) }) },
  '/cgi-bin/message/mass/get': { operationId: 'massmsgget', readsBody: true, run: (sim, app, body) => massmsgget(sim.ctx, app, body) },
  '/cgi-bin/message/mass/sendall': { operationId: 'sendAll', readsBody: true, run: (sim, app, body) => sendAll(sim.ctx, app, body) },
  '/cgi-bin/message/mass/send': { operationId: 'massSend', readsBody: true, run: (sim, app, body) => massSend(sim.ctx, app, body) },
  '/cgi-bin/message/mass/delete': { operationId: 'deleteMassMsg', readsBody: true, run: (sim, app, body) => deleteMassMsg(sim.ctx, app, body) },
  '/cgi-bin/message/mass/preview': { operationId: 'previewMassMsg', readsBody: true, run: (sim, _app, body) => previewMassMsg(sim.ctx, body) },
} satisfies { [P in keyof paths]: MassRoute | TokenRoute };

export type WechatPath = keyof typeof ROUTES;

export function isWechatPath(path: string): path is WechatPath {
  return Object.prototype.hasOwnProperty.call(ROUTES, path);
}

export function createWechatHandler(sim: Simulator, documented: Documented, faults?: Faults) {
  const error = (operationId: OperationId, app: App | undefined, errcode: WxErrcode, msgId?: number): WechatAnswer => {
    const now = app ? sim.appNow(app) : sim.clock.now();
    const body: { errcode: number; errmsg: string; msg_id?: number } = { errcode, errmsg: errmsgFor(errcode, sim.random.rid(now)) };
    if (msgId !== undefined) body.msg_id = msgId;
    return { operationId, appid: app?.appid, body: body as WxJson<OperationId>, errcode };
  };
  const answer = (operationId: OperationId, app: App | undefined, result: Result<WxJson<OperationId>>): WechatAnswer =>
    result.ok ? { operationId, appid: app?.appid, body: result.value, errcode: 0 } : error(operationId, app, result.errcode, result.msg_id);

  /** A documented errcode forced on a call; 45065 carries the app's latest msg_id, as WeChat's does. */
  const forcedError = (operationId: OperationId, app: App, code: WxErrcode): WechatAnswer =>
    code === 45065 ? error(operationId, app, 45065, app.message_ids.at(-1) ?? sim.random.id(() => false)) : error(operationId, app, code);

  /** X-Mock-Errcode: an errcode the operation documents is answered; another is ignored with a warning. */
  const forced = (operationId: OperationId, app: App, header: string | undefined): WechatAnswer | string | undefined => {
    if (header === undefined) return undefined;
    const code = Number(header);
    if (Number.isInteger(code) && code !== 0 && documented(operationId).includes(code)) return forcedError(operationId, app, code as WxErrcode);
    return `X-Mock-Errcode ${header} ignored: ${operationId} does not document it`;
  };

  /** The fault for this call, if any: only looked for when one exists, so the common case costs one test. */
  const faultFor = (operationId: OperationId, app: App): Fault | undefined => (faults && faults.count !== 0 ? faults.take(operationId, app.appid) : undefined);

  /** An errcode fault answers; http_status and reset interrupt; a delay lets the call run and is kept for the answer. */
  const applyFault = (operationId: OperationId, app: App, fault: Fault): WechatOutcome | undefined => {
    const { action } = fault;
    if (action.kind === 'errcode') return { ...forcedError(operationId, app, action.errcode as WxErrcode), fault: fault.id };
    if (action.kind === 'http_status') return { operationId, appid: app.appid, interrupt: { fault: fault.id, http_status: action.status } };
    if (action.kind === 'reset') return { operationId, appid: app.appid, interrupt: { fault: fault.id, reset: true } };
    return undefined;
  };

  const withWarning = (result: WechatAnswer, warning: string | undefined, fault?: Fault): WechatAnswer => {
    if (!warning && !fault) return result;
    const out: WechatAnswer = { ...result };
    if (warning) out.warning = warning;
    if (fault?.action.kind === 'delay_ms') {
      out.fault = fault.id;
      out.delay_ms = fault.action.ms;
    }
    return out;
  };

  /** What every call goes through once its app is known: the header override, a fault, the API limits. */
  const admit = (operationId: OperationId, app: App, request: WechatRequest): { done: WechatOutcome } | { wrap: (result: WechatAnswer) => WechatAnswer } => {
    const override = forced(operationId, app, request.forcedErrcode);
    if (typeof override === 'object') return { done: override };
    const fault = faultFor(operationId, app);
    const faulted = fault && applyFault(operationId, app, fault);
    if (faulted) return { done: 'body' in faulted ? withWarning(faulted, override) : faulted };
    const wrap = (result: WechatAnswer) => withWarning(result, override, fault);
    const limited = countApiCall(app, sim.appNow(app));
    if (countsApiCalls(app)) sim.ctx.changed({ app });
    return limited ? { done: wrap(error(operationId, app, limited)) } : { wrap };
  };

  const token = (route: TokenRoute, request: WechatRequest): WechatOutcome => {
    const { operationId } = route;
    const isStable = operationId === 'getStableAccessToken';
    if (isStable ? request.method !== 'POST' : request.method !== 'GET' && request.method !== 'POST') return error(operationId, undefined, 43002);
    let credentials: Body;
    if (isStable) {
      const parsed = parseBody(request.body);
      if (!parsed.ok) return error(operationId, undefined, parsed.errcode);
      credentials = parsed.body;
    } else {
      credentials = Object.fromEntries(new URLSearchParams(request.query));
    }
    const checked = checkCredentials(sim.store, { appid: credentials.appid, secret: credentials.secret, grant_type: credentials.grant_type });
    if (!checked.ok) return error(operationId, undefined, checked.errcode);
    const app = checked.value;
    const admitted = admit(operationId, app, request);
    if ('done' in admitted) return admitted.done;
    const value = isStable
      ? issueStableToken(sim.store, sim.random, app, credentials, sim.appNow(app))
      : issueAccessToken(sim.store, sim.random, app, sim.appNow(app));
    sim.ctx.changed({ app });
    return admitted.wrap({ operationId, appid: app.appid, body: value, errcode: 0 });
  };

  const mass = (route: MassRoute, request: WechatRequest): WechatOutcome => {
    const { operationId } = route;
    const accessToken = new URLSearchParams(request.query).get('access_token') ?? undefined;
    const authed = authenticate(sim.store, accessToken, sim.appNow);
    if (!authed.ok) return error(operationId, undefined, authed.errcode);
    const app = authed.value;
    if (request.method !== 'POST') return error(operationId, app, 43002);
    const admitted = admit(operationId, app, request);
    if ('done' in admitted) return admitted.done;
    let body: Body = {};
    if (route.readsBody) {
      const parsed = parseBody(request.body);
      if (!parsed.ok) return admitted.wrap(error(operationId, app, parsed.errcode));
      body = parsed.body;
    }
    return admitted.wrap(answer(operationId, app, route.run(sim, app, body)));
  };

  return (path: WechatPath, request: WechatRequest): WechatOutcome => {
    const route: MassRoute | TokenRoute = ROUTES[path];
    return 'run' in route ? mass(route, request) : token(route, request);
  };
}

export type WechatHandler = ReturnType<typeof createWechatHandler>;
