import type { IncomingMessage } from 'node:http';

export type RawBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

const EMPTY = Buffer.alloc(0);

/**
 * Reads the whole body as bytes, whatever the Content-Type (some SDKs send none), and hands it to
 * `then` once; over `limit` bytes it stops reading. A callback, not a promise: /cgi-bin reads every
 * body this way, and a promise per request is measurable there.
 */
export function readBodyThen(req: IncomingMessage, limit: number, then: (raw: RawBody) => void): void {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return then({ ok: false, reason: 'too_large' });
  let answered = false;
  // 'error' may follow 'end' or a refusal: the body is answered once.
  const done = (raw: RawBody) => {
    if (answered) return;
    answered = true;
    then(raw);
  };
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.resume();
      done({ ok: false, reason: 'too_large' });
      return;
    }
    if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  };
  const onEnd = () => done({ ok: true, bytes: more ? Buffer.concat(more) : first ?? EMPTY });
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', () => done({ ok: false, reason: 'aborted' }));
}

export function readBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve) => readBodyThen(req, limit, resolve));
}
