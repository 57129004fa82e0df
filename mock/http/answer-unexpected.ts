import type { ServerResponse } from 'node:http';
import { StateWriteError } from '../domain/changes.js';
import { sendError } from './send-json.js';

/**
 * The one error handler: whatever threw, or Express refused (a malformed URL, say), is answered as
 * JSON, never as an HTML page or a stack trace; a response already under way is cut off. A change
 * the state file could not take is 500 state_write_failed: it was not applied.
 */
export function answerUnexpected(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof StateWriteError) {
    sendError(res, 500, 'state_write_failed', err.message);
    return;
  }
  const declared = typeof (err as { status?: unknown } | null)?.status === 'number' ? (err as { status: number }).status : 500;
  const status = declared >= 400 && declared < 600 ? declared : 500;
  sendError(res, status, status < 500 ? 'invalid_request' : 'internal_error', err instanceof Error ? err.message : 'unexpected error');
}
