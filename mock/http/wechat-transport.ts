/**
 * The Express side of /cgi-bin: reads the raw request, calls the WeChat handler once, sends its
 * answer as WeChat does (HTTP 200, compact JSON, `application/json; encoding=utf-8`), applies the
 * transport faults (http_status, delay_ms, reset) and records the request in the journal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal } from '../harness/journal.js';
import { isWechatPath, type WechatAnswer, type WechatHandler, type WechatInterruption } from '../wechat/handle-wechat.js';
import { WECHAT_CONTENT_TYPE } from '../wechat/wire.js';
import { readBody, MAX_BODY_BYTES } from './read-body.js';
import { sendError, sendJson } from './send-json.js';

export interface WechatMiddlewareOptions {
  handler: WechatHandler;
  /** Called with every answer before it is sent; may replace it (response self-validation). */
  inspect?: (answer: WechatAnswer, text: string) => { status: number; body: unknown } | undefined;
  /** Where every /cgi-bin request is recorded (secrets are redacted by the journal). */
  journal?: Journal;
}

/** An http_status fault's answer, or a reset: the connection drops without a byte sent (RST where Node can). */
function interrupt(res: ServerResponse, { operationId, interrupt }: WechatInterruption): void {
  if ('reset' in interrupt) {
    const socket = res.socket;
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else res.destroy();
    return;
  }
  sendJson(res, interrupt.http_status, {
    error: 'fault_injected',
    message: `fault ${interrupt.fault} (POST /__mock/faults) answers HTTP ${interrupt.http_status} for ${operationId}`,
    fault: interrupt.fault,
  });
}

/** Node-level only (no Express API), so startMockServer can call it ahead of Express's router. */
export type WechatMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>;

export function wechatMiddleware({ handler, inspect, journal }: WechatMiddlewareOptions): WechatMiddleware {
  return async (req, res, next) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (!url.startsWith('/cgi-bin/') && url !== '/cgi-bin') return next();
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const query = mark === -1 ? '' : url.slice(mark + 1);
    if (!isWechatPath(path)) {
      journal?.record({ direction: 'in', operation: null, appid: null, method: method, path, query, errcode: null, status: 404 });
      sendError(res, 404, 'unknown_path', `wechat-mass-mock does not simulate ${method} ${path}; see GET /__mock/openapi.yaml for the operations it serves`);
      return;
    }
    const raw = method === 'GET' || method === 'HEAD' ? { ok: true as const, text: '' } : await readBody(req);
    if (!raw.ok) {
      journal?.record({ direction: 'in', operation: null, appid: null, method: method, path, query, errcode: null, status: 413 });
      res.setHeader('Connection', 'close');
      sendError(res, 413, 'payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      return;
    }
    const forced = req.headers['x-mock-errcode'];
    const outcome = handler(path, {
      method: method,
      query,
      body: raw.text,
      forcedErrcode: Array.isArray(forced) ? forced[0] : forced,
    });
    if ('interrupt' in outcome) {
      const status = 'reset' in outcome.interrupt ? null : outcome.interrupt.http_status;
      journal?.record({ direction: 'in', operation: outcome.operationId, appid: outcome.appid, method: method, path, query, body: raw.text, errcode: null, status, fault: outcome.interrupt.fault });
      interrupt(res, outcome);
      return;
    }
    const answer = outcome;
    const headers = answer.warning ? { 'X-Mock-Warning': answer.warning } : undefined;
    const replaced = inspect?.(answer, JSON.stringify(answer.body));
    journal?.record({
      direction: 'in',
      operation: answer.operationId,
      appid: answer.appid ?? null,
      method: method,
      path,
      query,
      body: raw.text,
      errcode: answer.errcode,
      status: replaced?.status,
      fault: answer.fault,
    });
    const send = replaced ? () => sendJson(res, replaced.status, replaced.body) : () => sendJson(res, 200, answer.body, WECHAT_CONTENT_TYPE, headers);
    if (answer.delay_ms === undefined) return send();
    // The operation has run; only its answer waits. A client that gave up meanwhile gets nothing.
    setTimeout(() => {
      if (!res.destroyed) send();
    }, answer.delay_ms).unref();
  };
}
