import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes `text` beside `path` and renames it over: a client reading the file (or a mock starting
 * meanwhile) sees the old whole file or the new one, never half of it. `mode` applies from the
 * first byte, so a key is never readable by others even for a moment.
 */
export function replaceFile(path: string, text: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}
