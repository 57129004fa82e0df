/**
 * Every acknowledged mutation survives kill -9: the built CLI with --state-file takes N mutations,
 * is killed with SIGKILL, restarts on the same file, and holds all N.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../helpers.js';

const BIN = fileURLToPath(new URL('../../dist/mock/cli/bin.js', import.meta.url));

function start(file: string) {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--clock', 'manual', '--seed', '9', '--state-file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match && out.includes('curl')) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return { child, ready, exited, output: () => out };
}

const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('the state file under kill -9', () => {
  it('keeps all N acknowledged mutations: apps, tokens, speeds, sends', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wxmock-kill-')), 'state.jsonl');
    const first = start(file);
    const url = await first.ready;
    const apps: { appid: string; token: string; speed: number; msg_id: number }[] = [];
    for (let i = 0; i < 8; i++) {
      const app = await json(await fetch(`${url}/__mock/apps`, { method: 'POST', body: JSON.stringify({ fans: 100 + i }) }));
      const token = (await json(await fetch(`${url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`))).access_token;
      const speed = i % 5;
      expect((await json(await fetch(`${url}${PATHS.setSpeed}?access_token=${token}`, { method: 'POST', body: JSON.stringify({ speed }) }))).errcode).toBe(0);
      const sent = await json(await fetch(`${url}${PATHS.sendAll}?access_token=${token}`, { method: 'POST', body: JSON.stringify({ filter: { is_to_all: true }, msgtype: 'text', text: { content: `n${i}` } }) }));
      expect(sent.errcode).toBe(0);
      apps.push({ appid: app.appid, token, speed, msg_id: sent.msg_id });
    }
    const moved = await json(await fetch(`${url}/__mock/clock`, { method: 'POST', body: JSON.stringify({ advance_ms: 3_600_000 }) }));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = start(file);
    const again = await second.ready;
    expect(second.output()).toContain('restored 9 apps and 8 messages');
    const clock = await json(await fetch(`${again}/__mock/clock`));
    for (const app of apps) {
      expect((await json(await fetch(`${again}${PATHS.getSpeed}?access_token=${app.token}`, { method: 'POST' }))).speed).toBe(app.speed);
      const status = await json(await fetch(`${again}${PATHS.massmsgget}?access_token=${app.token}`, { method: 'POST', body: JSON.stringify({ msg_id: app.msg_id }) }));
      expect(status.msg_id).toBe(app.msg_id);
    }
    expect(clock.now).toBe(moved.now);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(null);
  });
});
