/**
 * get_material's answer for an image, voice or thumb is the file itself. The mock never kept the
 * bytes, so it answers a stand-in: the uploaded size, opening with the format's signature (so the
 * format sniffs as uploaded), zeros after it.
 */
import { signatureOf } from '../domain/file-formats.js';
import type { StoredFile } from '../domain/material.js';
import { WxFile } from './wire.js';

export function materialFile({ file, format }: StoredFile): WxFile {
  const bytes = Buffer.alloc(file.size);
  if (format) bytes.set(signatureOf(format).subarray(0, file.size));
  return new WxFile(file.filename, bytes);
}
