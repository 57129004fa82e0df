/**
 * What an uploaded file is, as WeChat judges it: by the extension of its filename and by its first
 * bytes, never by the part's Content-Type (wechatpy sends none). A file named without an extension
 * answers 40005 in real traffic (w7corp/easywechat#1931), so the name counts as much as the bytes.
 */

export type FileFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'amr' | 'mp3' | 'wma' | 'wav' | 'mp4';

/** How many leading bytes `sniffFormat` needs. */
export const SNIFF_BYTES = 12;

/** A file part of a multipart body as the request path hands it to the rules: never its bytes. */
export interface UploadedFile {
  readonly filename: string;
  readonly size: number;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  /** What its first bytes say it is. */
  readonly format: FileFormat | undefined;
}

const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  bmp: 'bmp',
  amr: 'amr',
  mp3: 'mp3',
  wma: 'wma',
  wav: 'wav',
  mp4: 'mp4',
};

/** The format a filename's extension names, case aside. */
export function formatOfName(filename: string): FileFormat | undefined {
  const dot = filename.lastIndexOf('.');
  if (dot === -1) return undefined;
  const extension = filename.slice(dot + 1).toLowerCase();
  return Object.prototype.hasOwnProperty.call(EXTENSIONS, extension) ? EXTENSIONS[extension] : undefined;
}

function startsWith(head: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => head[at + i] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The format the file's first bytes (at least SNIFF_BYTES of them, when it has that many) show. */
export function sniffFormat(head: Uint8Array): FileFormat | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('BM'))) return 'bmp';
  if (startsWith(head, ascii('#!AMR'))) return 'amr';
  // An ID3 tag, or an MPEG audio frame's sync bits.
  // A missing second byte reads as 0 (undefined & n is 0): no sync bits.
  if (startsWith(head, ascii('ID3')) || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)) return 'mp3';
  // The ASF header GUID that WMA files open with.
  if (startsWith(head, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return 'wma';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WAVE'), 8)) return 'wav';
  if (startsWith(head, ascii('ftyp'), 4)) return 'mp4';
  return undefined;
}

/**
 * The first bytes of a file of `format`, which sniffFormat recognises: the start of a stand-in for a
 * file whose bytes the mock did not keep.
 */
export function signatureOf(format: FileFormat): Uint8Array {
  const signatures: Record<FileFormat, readonly number[]> = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    gif: ascii('GIF89a'),
    bmp: ascii('BM'),
    amr: ascii('#!AMR\n'),
    mp3: ascii('ID3'),
    wma: [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11],
    wav: [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVE')],
    mp4: [0, 0, 0, 0x18, ...ascii('ftyp')],
  };
  return Uint8Array.from(signatures[format]);
}

/** A value from a multipart body's parameters that is a file part (form fields and the query are strings). */
export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && typeof (value as UploadedFile).sha256 === 'string';
}
