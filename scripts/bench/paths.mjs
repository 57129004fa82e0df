/** Where the bench finds the project and its build, and how it notices a rebuild. */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');
/** The CLI, as a user starts it. */
export const MOCK_CLI = join(DIST, 'mock/cli/bin.js');
/** The package's public entry. */
export const MOCK_ENTRY = join(DIST, 'mock/index.js');

export const importMockEntry = () => import(pathToFileURL(MOCK_ENTRY).href);

/** The newest modification time under dist/, to notice a rebuild in the middle of a run. */
export function distStamp(dir = DIST) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? distStamp(path) : statSync(path).mtimeMs);
  }
  return newest;
}
