/**
 * The HTTP side of /cgi-bin: finds the route, reads the body up to the route's limit, calls the
 * WeChat handler once, sends its answer as WeChat does (HTTP 200, compact JSON,
 * `application/json; encoding=utf-8`; a file as its bytes), applies the transport faults
 * (http_status, delay_ms, reset) and records the request in the journal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal, JournalRecord } from '../harness/journal.js';
import type { WechatAnswer, WechatHandler, WechatInterruption } from '../wechat/handle-wechat.js';
import { formSummary, readMultipart, type ReadForm } from '../wechat/read-multipart.js';
import { routeFor } from '../wechat/routes.js';
import type { WechatRequest } from '../wechat/wechat-request.js';
import { WECHAT_CONTENT_TYPE, WECHAT_FILE_CONTENT_TYPE, WxFile } from '../wechat/wire.js';
import { readBody } from './read-body.js';
import { sendError, sendJson } from './send-json.js';
import { tunnelOf } from './tunnel.js';

export interface ServeWechatOptions {
  handler: WechatHandler;
  /** Called with every answer, its Content-Type and its text (a file's is not), before it is sent; may replace it (response self-validation). */
  inspect?: ((answer: WechatAnswer, contentType: string, text: string) => { status: number; body: unknown } | undefined) | undefined;
  /** Where every /cgi-bin request is recorded (secrets are redacted by the journal). */
  journal?: Journal | undefined;
}

const EMPTY = Buffer.alloc(0);

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

/** Content-Disposition for a file: its name quoted when plain ASCII, else RFC 5987-encoded (a header holds no other bytes). */
function attachment(filename: string): string {
  return /^[\x20-\x7e]*$/.test(filename) && !/["\\]/.test(filename) ? `attachment; filename="${filename}"` : `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A file answer as WeChat sends one: HTTP 200, its bytes, named as an attachment. */
function sendFile(res: ServerResponse, file: WxFile, headers: Record<string, string> | undefined): void {
  res.writeHead(200, { ...headers, 'Content-Type': WECHAT_FILE_CONTENT_TYPE, 'Content-Disposition': attachment(file.filename), 'Content-Length': file.bytes.length });
  res.end(file.bytes);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request as the WeChat handler takes it: `body` (and a multipart route's form) as read, the rest from the message. */
export function wechatRequestOf(req: IncomingMessage, path: string, query: string, body: Buffer, form?: ReadForm): WechatRequest {
  return {
    method: req.method ?? 'GET',
    path,
    query,
    body,
    contentType: header(req, 'content-type'),
    form,
    host: header(req, 'host'),
    tunnel: tunnelOf(req),
    forcedErrcode: header(req, 'x-mock-errcode'),
  };
}

export type ServeWechat = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function serveWechat({ handler, inspect, journal }: ServeWechatOptions): ServeWechat {
  return async (req, res) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const query = mark === -1 ? '' : url.slice(mark + 1);
    const host = tunnelOf(req)?.host;
    const record = (entry: Pick<JournalRecord, 'operation' | 'appid' | 'errcode' | 'status' | 'body' | 'fault'>) => journal?.record({ direction: 'in', method, path, query, host, ...entry });
    const route = routeFor(path);
    if (!route) {
      record({ operation: null, appid: null, errcode: null, status: 404 });
      sendError(res, 404, 'unknown_path', `wechat-mass-mock does not simulate ${method} ${path}; see GET /__mock/openapi.yaml for the operations it serves`);
      return;
    }
    const raw = method === 'GET' || method === 'HEAD' ? { ok: true as const, bytes: EMPTY } : await readBody(req, route.maxBodyBytes);
    if (!raw.ok) {
      record({ operation: null, appid: null, errcode: null, status: 413 });
      res.setHeader('Connection', 'close');
      sendError(res, 413, 'payload_too_large', `${route.operationId} bodies are limited to ${route.maxBodyBytes} bytes`);
      return;
    }
    const form = route.params === 'multipart' && raw.bytes.length > 0 ? await readMultipart(raw.bytes, header(req, 'content-type')) : undefined;
    const outcome = handler(route, wechatRequestOf(req, path, query, raw.bytes, form));
    // An upload is journaled as what the mock keeps of it, never its bytes.
    const body = form ? JSON.stringify(formSummary(form)) : raw.bytes.length === 0 ? '' : raw.bytes.toString('utf8');
    if ('interrupt' in outcome) {
      const status = 'reset' in outcome.interrupt ? null : outcome.interrupt.http_status;
      record({ operation: outcome.operationId, appid: outcome.appid, body, errcode: null, status, fault: outcome.interrupt.fault });
      interrupt(res, outcome);
      return;
    }
    const answer = outcome;
    const headers = answer.warning ? { 'X-Mock-Warning': answer.warning } : undefined;
    const { body: answered } = answer;
    const replaced = answered instanceof WxFile ? inspect?.(answer, WECHAT_FILE_CONTENT_TYPE, '') : inspect?.(answer, WECHAT_CONTENT_TYPE, JSON.stringify(answered));
    record({ operation: answer.operationId, appid: answer.appid ?? null, body, errcode: answer.errcode, status: replaced?.status, fault: answer.fault });
    const send = replaced
      ? () => sendJson(res, replaced.status, replaced.body)
      : answered instanceof WxFile
        ? () => sendFile(res, answered, headers)
        : () => sendJson(res, 200, answered, WECHAT_CONTENT_TYPE, headers);
    if (answer.delay_ms === undefined) return send();
    // The operation has run; only its answer waits. A client that gave up meanwhile gets nothing.
    setTimeout(() => {
      if (!res.destroyed) send();
    }, answer.delay_ms).unref();
  };
}
