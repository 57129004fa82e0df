/** `npm run contract` as a user runs it, from the built package in dist/ (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/contract.mjs', import.meta.url));

function run(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('scripts/contract.mjs', () => {
  it('checks a mock it starts itself when given no --target, and exits 0', () => {
    const res = run([]);
    expect(res.status, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Contract suite against http:\/\/127\.0\.0\.1:\d+ \(wechat-mass-mock\)\n/);
    expect(res.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
  });

  it('passes its arguments on, and exits 2 when the target does not answer', () => {
    const res = run(['--target', 'http://127.0.0.1:9']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('cannot reach http://127.0.0.1:9');
  });
});
