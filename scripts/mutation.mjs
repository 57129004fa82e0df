#!/usr/bin/env node
// `npm run test:mutation`: Stryker on mock/domain with the domain unit tests (stryker.config.json).
// Its console output, the clear-text report included, is also kept in reports/mutation/clear-text.txt
// beside the html and json reports. Extra arguments go to `stryker run`.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const stryker = join(dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
mkdirSync('reports/mutation', { recursive: true });
const file = createWriteStream('reports/mutation/clear-text.txt');
const started = Date.now();
const child = spawn(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  file.write(chunk);
});
child.on('close', (code, signal) => {
  const line = `test:mutation: stryker ${signal ? `stopped by ${signal}` : `exited with ${code}`} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`;
  process.stdout.write(line);
  file.end(line, () => process.exit(code ?? 1));
});
