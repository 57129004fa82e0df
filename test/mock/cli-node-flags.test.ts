/**
 * The node flags the CLI runs with: its shebang gives them to `npx wechat-mass-mock` and an installed
 * bin, `npm start` must pass the same (no memory reducer to shrink the young generation away), and
 * the bench starts the CLI with them too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const shebang = readFileSync(new URL('mock/cli/bin.ts', ROOT), 'utf8').split('\n', 1)[0]!;
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

describe('the CLI\'s node flags', () => {
  it('are in its shebang, which env -S splits', () => {
    expect(shebang).toBe('#!/usr/bin/env -S node --no-memory-reducer');
  });

  it('are the ones npm start passes, to the file the package names as its bin', async () => {
    const flags = shebang.split(' ').filter((word) => word.startsWith('--'));
    expect(pkg.scripts.start).toBe(`node ${flags.join(' ')} ${pkg.bin['wechat-mass-mock']}`);
    const { cliNodeFlags } = (await import(new URL('scripts/bench/targets.mjs', ROOT).href)) as { cliNodeFlags: () => string[] };
    expect(cliNodeFlags()).toEqual(flags);
  });
});
