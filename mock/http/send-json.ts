import type { ServerResponse } from 'node:http';

/** The text of each frozen answer, built on its first send. */
const frozenTexts = new WeakMap<object, string>();

/**
 * `body` as compact JSON. An answer its keeper hands out again unchanged (a draft version's
 * getDraft) is frozen, and its text is built once.
 */
export function jsonText(body: unknown): string {
  if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) return JSON.stringify(body);
  let text = frozenTexts.get(body);
  if (text === undefined) frozenTexts.set(body, (text = JSON.stringify(body)));
  return text;
}

/** Sends compact JSON with an exact Content-Length in one writeHead: no Express machinery on the hot path. */
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8', headers?: Record<string, string>): void {
  const text = jsonText(body);
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A control API or routing error: HTTP 4xx with {"error","message"}. */
export function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

/** Sends text (the YAML documents) with its type. */
export function sendText(res: ServerResponse, contentType: string, text: string): void {
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
