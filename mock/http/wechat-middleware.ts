/**
 * The Express side of /cgi-bin: reads the raw request, calls the WeChat handler once, sends its
 * answer as WeChat does (HTTP 200, compact JSON, `application/json; encoding=utf-8`).
 */
import type { NextFunction, Request, Response } from 'express';
import { isWechatPath, type WechatAnswer, type WechatHandler } from '../wechat-handler.js';
import { WECHAT_CONTENT_TYPE } from '../wire.js';
import { readBody, MAX_BODY_BYTES } from './read-body.js';
import { sendError, sendJson } from './send-json.js';

export interface WechatMiddlewareOptions {
  handler: WechatHandler;
  /** Called with every answer before it is sent; may replace it (response self-validation). */
  inspect?: (answer: WechatAnswer, text: string) => { status: number; body: unknown } | undefined;
}

export function wechatMiddleware({ handler, inspect }: WechatMiddlewareOptions) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const url = req.url;
    if (!url.startsWith('/cgi-bin/') && url !== '/cgi-bin') return next();
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    if (!isWechatPath(path)) {
      sendError(res, 404, 'unknown_path', `wechat-mass-mock does not simulate ${req.method} ${path}; see GET /__mock/openapi.yaml for the operations it serves`);
      return;
    }
    const raw = req.method === 'GET' || req.method === 'HEAD' ? { ok: true as const, text: '' } : await readBody(req);
    if (!raw.ok) {
      res.setHeader('Connection', 'close');
      sendError(res, 413, 'payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      return;
    }
    const forced = req.headers['x-mock-errcode'];
    const answer = handler(path, {
      method: req.method,
      query: mark === -1 ? '' : url.slice(mark + 1),
      body: raw.text,
      forcedErrcode: Array.isArray(forced) ? forced[0] : forced,
    });
    const headers = answer.warning ? { 'X-Mock-Warning': answer.warning } : undefined;
    if (inspect) {
      const replaced = inspect(answer, JSON.stringify(answer.body));
      if (replaced) {
        sendJson(res, replaced.status, replaced.body);
        return;
      }
    }
    sendJson(res, 200, answer.body, WECHAT_CONTENT_TYPE, headers);
  };
}
