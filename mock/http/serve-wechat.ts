/**
 * The HTTP side of /cgi-bin: finds the route, reads the body up to the route's limit, calls the
 * WeChat handler once, sends its answer as WeChat does (HTTP 200, compact JSON,
 * `application/json; encoding=utf-8`; a file as its bytes), applies the transport faults
 * (http_status, delay_ms, reset) and records the request in the journal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal } from '../harness/journal.js';
import type { CallGrouping } from '../persistence/group-commit.js';
import type { WechatAnswer, WechatHandler, WechatInterruption, WechatOutcome } from '../wechat/handle-wechat.js';
import { formSummary, readMultipart, type ReadForm } from '../wechat/read-multipart.js';
import type { AnyRoute } from '../wechat/route.js';
import { routeFor } from '../wechat/routes.js';
import type { WechatRequest } from '../wechat/wechat-request.js';
import { WECHAT_CONTENT_TYPE, WECHAT_FILE_CONTENT_TYPE, WxFile } from '../wechat/wire.js';
import { answerUnexpected } from './answer-unexpected.js';
import { readBodyThen } from './read-body.js';
import { jsonText, sendError, sendJson } from './send-json.js';
import { tunnelOf } from './tunnel.js';

export interface ServeWechatOptions {
  handler: WechatHandler;
  /** Called with every answer, its Content-Type and its text (a file's is not), before it is sent; may replace it (response self-validation). */
  inspect?: ((answer: WechatAnswer, contentType: string, text: string) => { status: number; body: unknown } | undefined) | undefined;
  /** Where every /cgi-bin request is recorded (secrets are redacted by the journal). */
  journal?: Journal | undefined;
  /** With --state-file: calls answered in one turn are written together, and each answer waits for that write. */
  grouping?: CallGrouping | undefined;
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
    // Decoded once, here: the handler parses it and the journal keeps it. Without arguments,
    // toString goes straight to the UTF-8 decoder.
    text: form || body.length === 0 ? '' : body.toString(),
    contentType: header(req, 'content-type'),
    form,
    host: header(req, 'host'),
    tunnel: tunnelOf(req),
    forcedErrcode: header(req, 'x-mock-errcode'),
  };
}

export type ServeWechat = (req: IncomingMessage, res: ServerResponse) => void;

export function serveWechat({ handler, inspect, journal, grouping }: ServeWechatOptions): ServeWechat {
  /** Runs the route and sends its answer, once what it changed is written; the body has been read. */
  const respond = (req: IncomingMessage, res: ServerResponse, route: AnyRoute, path: string, query: string, bytes: Buffer, form?: ReadForm): void => {
    const request = wechatRequestOf(req, path, query, bytes, form);
    if (!grouping) return reply(res, request, handler(route, request));
    const outcome = grouping.group(() => handler(route, request));
    grouping.afterWrite((failed) => {
      try {
        reply(res, request, failed ? handler.writeFailed(route.operationId) : outcome);
      } catch (err) {
        answerUnexpected(res, err);
      }
    });
  };

  /** Journals the call and sends its answer (or its fault). */
  const reply = (res: ServerResponse, request: WechatRequest, outcome: WechatOutcome): void => {
    const { method, path, query, form } = request;
    const host = request.tunnel?.host;
    // An upload is journaled as what the mock keeps of it, never its bytes.
    const body = form ? JSON.stringify(formSummary(form)) : request.text;
    if ('interrupt' in outcome) {
      const status = 'reset' in outcome.interrupt ? null : outcome.interrupt.http_status;
      journal?.record({ direction: 'in', operation: outcome.operationId, appid: outcome.appid, method, path, query, host, body, errcode: null, status, fault: outcome.interrupt.fault });
      interrupt(res, outcome);
      return;
    }
    const answer = outcome;
    const headers = answer.warning ? { 'X-Mock-Warning': answer.warning } : undefined;
    const { body: answered } = answer;
    const replaced = answered instanceof WxFile ? inspect?.(answer, WECHAT_FILE_CONTENT_TYPE, '') : inspect?.(answer, WECHAT_CONTENT_TYPE, jsonText(answered));
    journal?.record({ direction: 'in', operation: answer.operationId, appid: answer.appid ?? null, method, path, query, host, body, errcode: answer.errcode, status: replaced?.status, fault: answer.fault, time: answer.at });
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

  /** A request refused before any route ran: journaled with its status, answered as a routing error. */
  const refuse = (req: IncomingMessage, res: ServerResponse, path: string, query: string, status: number, error: string, message: string): void => {
    journal?.record({ direction: 'in', operation: null, appid: null, method: req.method ?? 'GET', path, query, host: tunnelOf(req)?.host, errcode: null, status });
    sendError(res, status, error, message);
  };

  // Callbacks, not promises, on the way of a JSON call: it is the hot path.
  return (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const query = mark === -1 ? '' : url.slice(mark + 1);
    const route = routeFor(path);
    if (!route) {
      refuse(req, res, path, query, 404, 'unknown_path', `wechat-mass-mock does not simulate ${req.method ?? 'GET'} ${path}; see GET /__mock/openapi.yaml for the operations it serves`);
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') return respond(req, res, route, path, query, EMPTY);
    readBodyThen(req, route.maxBodyBytes, (raw) => {
      try {
        if (!raw.ok) {
          res.setHeader('Connection', 'close');
          refuse(req, res, path, query, 413, 'payload_too_large', `${route.operationId} bodies are limited to ${route.maxBodyBytes} bytes`);
          return;
        }
        if (route.params !== 'multipart' || raw.bytes.length === 0) return respond(req, res, route, path, query, raw.bytes);
        readMultipart(raw.bytes, header(req, 'content-type'))
          .then((form) => respond(req, res, route, path, query, raw.bytes, form))
          .catch((err: unknown) => answerUnexpected(res, err));
      } catch (err) {
        answerUnexpected(res, err);
      }
    });
  };
}
