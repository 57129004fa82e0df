/**
 * A multipart/form-data body as the upload rules take it: busboy streams through the bytes once,
 * keeping each field's text and, of each file, its name, size, SHA-256 and the format its first
 * bytes show, never the bytes themselves. A body that is not a well-formed form (another
 * Content-Type, a boundary that never closes) reads as not ok; the rules answer 41005.
 */
import { createHash } from 'node:crypto';
import busboy from 'busboy';
import { SNIFF_BYTES, sniffFormat, type UploadedFile } from '../domain/file-formats.js';

export interface MultipartForm {
  /** Each text field's first value, by name. */
  readonly fields: ReadonlyMap<string, string>;
  /** Each file part's first file, by name; a part without a filename is a field, as busboy reads it. */
  readonly files: ReadonlyMap<string, UploadedFile>;
}

export type ReadForm = { ok: true; form: MultipartForm } | { ok: false };

/** Bounds for what a form may hold beyond its byte limit: WeChat's forms have one file and a field or two. */
const LIMITS = { fields: 20, files: 5, parts: 25, headerPairs: 20, fieldSize: 1024 * 1024 };

/** One file part, read as it streams: its size, its digest and its first bytes. */
function readFile(stream: NodeJS.ReadableStream, filename: string, done: (file: UploadedFile) => void): void {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
    if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
  });
  stream.on('end', () => done({ filename, size, sha256: hash.digest('hex'), format: sniffFormat(head) }));
}

export function readMultipart(body: Buffer, contentType: string | undefined): Promise<ReadForm> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      // UTF-8 filenames (filename="封面.jpg"), as browsers and SDKs send them.
      parser = busboy({ headers: { 'content-type': contentType ?? '' }, limits: LIMITS, defParamCharset: 'utf8' });
    } catch {
      // Not multipart, or no boundary.
      resolve({ ok: false });
      return;
    }
    const fields = new Map<string, string>();
    const files = new Map<string, UploadedFile>();
    /** Names whose first file is being read. */
    const claimed = new Set<string>();
    let reading = 0;
    let parsed = false;
    let settled = false;
    const settle = (result: ReadForm) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const finishIfDone = () => {
      if (parsed && reading === 0) settle({ ok: true, form: { fields, files } });
    };
    parser.on('field', (name, value) => {
      if (!fields.has(name)) fields.set(name, value);
    });
    parser.on('file', (name, stream, { filename }) => {
      // A form that ends inside a file fails the file's stream too, not only the parser.
      stream.on('error', () => settle({ ok: false }));
      if (claimed.has(name) || !filename) {
        stream.resume();
        return;
      }
      claimed.add(name);
      reading += 1;
      readFile(stream, filename, (file) => {
        files.set(name, file);
        reading -= 1;
        finishIfDone();
      });
    });
    parser.on('error', () => settle({ ok: false }));
    parser.on('close', () => {
      parsed = true;
      finishIfDone();
    });
    parser.end(body);
  });
}

/** What the journal keeps of a form: its fields, and name, size and digest of each file. */
export function formSummary(read: ReadForm): Record<string, unknown> {
  if (!read.ok) return { multipart: 'does not parse' };
  const summary: [string, unknown][] = [...read.form.fields];
  for (const [name, { filename, size, sha256 }] of read.form.files) summary.push([name, { filename, size, sha256 }]);
  return Object.fromEntries(summary);
}
