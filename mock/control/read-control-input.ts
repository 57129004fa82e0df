/** Reading a control request: its JSON body and its query parameters, with the API's 4xx answers. */
import type { Request, Response } from 'express';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../http/json-depth.js';
import { readBody } from '../http/read-body.js';
import { sendError } from '../http/send-json.js';

export const CONTROL_MAX_BODY_BYTES = 1024 * 1024;

/** The JSON body, {} when empty; undefined (and a 4xx sent) when it is not a JSON object. */
export async function jsonBody(req: Request, res: Response): Promise<Record<string, unknown> | undefined> {
  const raw = await readBody(req, CONTROL_MAX_BODY_BYTES);
  if (!raw.ok) {
    sendError(res, 413, 'payload_too_large', 'control request bodies are limited to 1 MB');
    return undefined;
  }
  const text = raw.bytes.toString('utf8');
  if (text.trim() === '') return {};
  if (exceedsJsonDepth(text)) {
    sendError(res, 400, 'invalid_request', `the body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return undefined;
  }
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // falls through to the same answer as a non-object
  }
  sendError(res, 400, 'invalid_request', 'the body must be a JSON object');
  return undefined;
}

/** The query's parameters (the last value of a repeated one), empty ones left out. */
export function queryParams(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of new URL(req.originalUrl, 'http://mock').searchParams) if (value !== '') out[name] = value;
  return out;
}
