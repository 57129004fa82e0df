/**
 * A crash loop: the built CLI with --state-file is killed with SIGKILL 30 times while several clients
 * write at once, and restarted on the same file each time. Every restart accepts the file, and every
 * write that was acknowledged before a kill is there after it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../cli-process.js';
import { PATHS } from '../helpers.js';

const KILLS = 30;
const CLIENTS = 4;

function start(file: string) {
  return startCli(['--port', '0', '--clock', 'manual', '--seed', '3', '--state-file', file]);
}

interface Client {
  appid: string;
  token: string;
  /** msg_ids whose sendall was answered with success. */
  acked: number[];
}

const post = async (url: string, body: unknown) => (await (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, any>;

/** Sends until the server goes away; a send counts once its success answer arrived. */
async function write(url: string, client: Client, round: number): Promise<void> {
  for (let i = 0; ; i++) {
    let answer: Record<string, any>;
    try {
      answer = await post(`${url}${PATHS.sendAll}?access_token=${client.token}`, { filter: { is_to_all: true }, msgtype: 'text', text: { content: `r${round} n${i}` } });
    } catch {
      return;
    }
    expect(answer.errcode, JSON.stringify(answer)).toBe(0);
    client.acked.push(answer.msg_id as number);
  }
}

describe('the state file in a crash loop', () => {
  it(`keeps every acknowledged write through ${KILLS} SIGKILLs during concurrent writes`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wxmock-crash-')), 'state.jsonl');
    let server = start(file);
    let url = await server.ready;
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      // A quota off and content that varies, so every send is accepted.
      const app = await post(`${url}/__mock/apps`, { fans: 10, limits: { daily_mass_quota: null } });
      const token = (await (await fetch(`${url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`)).json()).access_token as string;
      clients.push({ appid: app.appid as string, token, acked: [] });
    }
    for (let round = 0; round < KILLS; round++) {
      const writing = clients.map((client) => write(url, client, round));
      await new Promise((resolve) => setTimeout(resolve, 80 + ((round * 37) % 120)));
      server.child.kill('SIGKILL');
      await Promise.all([server.exited, ...writing]);

      server = start(file);
      url = await server.ready;
      for (const client of clients) {
        const state = (await (await fetch(`${url}/__mock/state?appid=${client.appid}&messages=1000000`)).json()) as { apps: { messages: { msg_id: number }[] }[] };
        const held = new Set(state.apps[0]!.messages.map((message) => message.msg_id));
        const lost = client.acked.filter((id) => !held.has(id));
        expect(lost, `round ${round}, app ${client.appid}`).toEqual([]);
      }
    }
    expect(clients.every((client) => client.acked.length > KILLS)).toBe(true);
    server.child.kill('SIGTERM');
    await server.exited;
  });
});
