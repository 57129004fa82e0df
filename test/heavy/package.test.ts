/**
 * The package as a user installs it: `npm pack`, installed into an empty project, then the CLI, the
 * library (intercept mode too, whose certificate library must come along, and the Node preload its
 * env.sh names) and the kit used from there (dist/, openapi.yaml, control.yaml and the dashboard must ship).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, SCARF_ANALYTICS: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });

describe('the published package', () => {
  it('installs into an empty project and serves, checks and shows its dashboard from there', () => {
    const work = mkdtempSync(join(tmpdir(), 'wxmock-pack-'));
    npm(['pack', '--pack-destination', work], ROOT);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball!)], consumer);

    const version = execFileSync(join(consumer, 'node_modules/.bin/wechat-mass-mock'), ['--version'], { encoding: 'utf8' });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { startMockServer } from 'wechat-mass-mock';
import { validateExchange } from 'wechat-mass-mock/contracts';
const mock = await startMockServer({ clock: { mode: 'manual' } });
const res = await fetch(mock.url + '/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000001&secret=mocksecret');
const violations = validateExchange('getAccessToken', { status: res.status, headers: res.headers, body: await res.text() }, { expect: 'success' });
const dashboard = await fetch(mock.url + '/__mock/');
const contract = await fetch(mock.url + '/__mock/openapi.yaml');
await mock.close();
const intercepting = await startMockServer({ intercept: true, caDir: 'ca' });
const intercept = await (await fetch(intercepting.url + '/__mock/intercept')).json();
await intercepting.close();
console.log(JSON.stringify({ violations, dashboard: dashboard.status, contract: contract.status, intercept: intercept.enabled && intercept.hosts.includes('api.weixin.qq.com'), nodeOptions: intercept.env.NODE_OPTIONS }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: consumer, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ violations: [], dashboard: 200, contract: 200, intercept: true, nodeOptions: `--require "${join(consumer, 'node_modules/wechat-mass-mock/mock/intercept/node-preload.cjs')}"` });
    // The preload env.sh names loads from the installed package, its undici and global-agent with it.
    const preloaded = execFileSync(process.execPath, ['-e', 'console.log(typeof globalThis.GLOBAL_AGENT)'], { cwd: consumer, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: out.nodeOptions as string } });
    expect(preloaded.trim()).toBe('object');
  });
});
