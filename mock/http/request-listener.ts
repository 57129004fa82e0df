/**
 * The one way in: every request, whether startMockServer's server or a test's supertest hands it
 * over, passes the admission step, then goes to /cgi-bin's request path or to the control API's
 * Express app (never for a request that came through intercept mode's proxy); anything either
 * throws meets the one error handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Admission } from './admit-request.js';
import { answerUnexpected } from './answer-unexpected.js';
import { sendError } from './send-json.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface RequestListenerParts {
  admit: Admission;
  wechat: RequestListener;
  control: RequestListener;
}

export function createRequestListener({ admit, wechat, control }: RequestListenerParts): RequestListener {
  return (req, res) => {
    try {
      const url = req.url ?? '/';
      const mark = url.indexOf('?');
      const path = mark === -1 ? url : url.slice(0, mark);
      const toWechat = path.startsWith('/cgi-bin/') || path === '/cgi-bin';
      const refusal = admit(req, path, toWechat);
      if (refusal) return sendError(res, refusal.status, refusal.error, refusal.message);
      if (toWechat) wechat(req, res);
      else control(req, res);
    } catch (err) {
      answerUnexpected(res, err);
    }
  };
}
