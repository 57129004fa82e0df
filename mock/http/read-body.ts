import type { IncomingMessage } from 'node:http';

/** Bodies over this many bytes are refused without being read further. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type RawBody = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'aborted' };

/** Reads the whole body as UTF-8, whatever the Content-Type (some SDKs send none). */
export function readBody(req: IncomingMessage): Promise<RawBody> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) return Promise.resolve({ ok: false, reason: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
  });
}
