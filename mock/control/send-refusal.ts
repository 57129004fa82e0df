/** A control operation's answer: its view, or its refusal as HTTP 4xx {"error","message"}. */
import type { ServerResponse } from 'node:http';
import { CONTROL_ERROR_STATUS, type ControlRefusal, type ControlResult } from '../domain/control-result.js';
import { sendError, sendJson } from '../http/send-json.js';

export function sendRefusal(res: ServerResponse, refusal: ControlRefusal): void {
  sendError(res, CONTROL_ERROR_STATUS[refusal.error], refusal.error, refusal.message);
}

export function reply<T>(res: ServerResponse, result: ControlResult<T>, view: (value: T) => unknown, status = 200): void {
  if (result.ok) sendJson(res, status, view(result.value));
  else sendRefusal(res, result);
}
