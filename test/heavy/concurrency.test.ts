/**
 * 200 concurrent clients over real HTTP, mixing every WeChat operation across 20 apps created
 * through the control API. Nothing may fail, and nothing may be lost: each app's final speed is one
 * a setSpeed could have left last, each getSpeed read a value some setSpeed could have left, and
 * each app holds exactly the messages its clients were told were created.
 */
import { Agent } from 'node:http';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NEWS_MEDIA_ID } from '../../mock/domain/media-library.js';
import { startMockServer, type MockServer } from '../../mock/start-mock-server.js';
import { REALSPEED } from '../../mock/domain/store.js';
import { PATHS, T0, followersAt } from '../helpers.js';

const APPS = 20;
const CLIENTS = 200;
const STEPS = 15;
const TAG = { id: 100, name: 'concurrency', count: 10 };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

let server: MockServer;
let base: URL;
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 20 });

function call(method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = text === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
    const req = request({ host: base.hostname, port: base.port, method, path, agent, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw) as Record<string, unknown> });
        } catch {
          reject(new Error(`${method} ${path} answered ${res.statusCode} with non-JSON ${raw.slice(0, 200)}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(text);
  });
}

/** A small seeded generator, so every run plays the same operations. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface App {
  appid: string;
  secret: string;
  token: string;
  /** Two of its followers, read from getFollowers: mass/send takes only followers. */
  openids: string[];
}

/** One setSpeed or getSpeed, with when it left and when its answer came back. */
interface SpeedOp {
  speed: number;
  start: number;
  ack: number;
}

interface Ledger {
  writes: SpeedOp[];
  reads: SpeedOp[];
  /** msg_ids acknowledged as created (sendAll, massSend). */
  created: number[];
  /** msg_ids acknowledged as deleted. */
  deleted: number[];
  stableTokens: Set<string>;
}

/**
 * The values a read may see under linearizability: those of writes that began before the read
 * ended and were not certainly overwritten (by a write that began after them and ended before
 * the read began). The initial speed 0 is a write at -∞.
 */
function allowedValues(writes: SpeedOp[], read: { start: number; ack: number }): Set<number> {
  const all = [{ speed: 0, start: -Infinity, ack: -Infinity }, ...writes];
  const allowed = new Set<number>();
  for (const w of all) {
    if (w.start >= read.ack) continue;
    const overwritten = all.some((v) => v !== w && v.start > w.ack && v.ack < read.start);
    if (!overwritten) allowed.add(w.speed);
  }
  return allowed;
}

async function runClient(client: number, app: App, ledger: Ledger, random: () => number): Promise<void> {
  const q = () => `?access_token=${encodeURIComponent(app.token)}`;
  const mine: number[] = [];
  const expectOk = (what: string, answer: Answer) => {
    expect(answer.status, `client ${client} ${what}: ${JSON.stringify(answer.body)}`).toBe(200);
    expect(answer.body.errcode ?? 0, `client ${client} ${what}: ${JSON.stringify(answer.body)}`).toBe(0);
  };
  for (let step = 0; step < STEPS; step++) {
    const pick = Math.floor(random() * 10);
    switch (pick) {
      case 0: {
        const answer = await call('GET', `${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`);
        expectOk('getAccessToken', answer);
        expect(answer.body.expires_in).toBe(7200);
        break;
      }
      case 1: {
        const answer = await call('POST', PATHS.getStableAccessToken, { grant_type: 'client_credential', appid: app.appid, secret: app.secret });
        expectOk('getStableAccessToken', answer);
        ledger.stableTokens.add(String(answer.body.access_token));
        break;
      }
      case 2: {
        const speed = Math.floor(random() * 5);
        const start = performance.now();
        const answer = await call('POST', PATHS.setSpeed + q(), { speed });
        const ack = performance.now();
        expectOk(`setSpeed ${speed}`, answer);
        ledger.writes.push({ speed, start, ack });
        break;
      }
      case 3: {
        const start = performance.now();
        const answer = await call('POST', PATHS.getSpeed + q());
        const ack = performance.now();
        expectOk('getSpeed', answer);
        const speed = answer.body.speed as number;
        expect(answer.body.realspeed).toBe(REALSPEED[speed as 0]);
        ledger.reads.push({ speed, start, ack });
        break;
      }
      case 4:
      case 5: {
        const answer =
          pick === 4
            ? await call('POST', PATHS.sendAll + q(), { filter: { is_to_all: false, tag_id: TAG.id }, msgtype: 'text', text: { content: `client ${client} step ${step}` } })
            : await call('POST', PATHS.massSend + q(), { touser: app.openids, msgtype: 'text', text: { content: `client ${client} step ${step}` } });
        expectOk(pick === 4 ? 'sendAll' : 'massSend', answer);
        expect(answer.body.msg_id).toBeTypeOf('number');
        ledger.created.push(answer.body.msg_id as number);
        mine.push(answer.body.msg_id as number);
        break;
      }
      case 6: {
        const msgId = mine.at(-1);
        const answer = await call('POST', PATHS.massmsgget + q(), { msg_id: msgId ?? 3147494522 });
        expect(answer.status).toBe(200);
        if (msgId === undefined) {
          expect(answer.body.errcode).toBe(40059);
        } else {
          expect(answer.body.msg_id).toBe(msgId);
          expect(['SENDING', 'SEND_SUCCESS']).toContain(answer.body.msg_status);
        }
        break;
      }
      case 7: {
        const answer = await call('POST', PATHS.previewMassMsg + q(), { touser: app.openids[0], msgtype: 'text', text: { content: 'preview' } });
        expectOk('previewMassMsg', answer);
        expect(answer.body.msg_id).toBeTypeOf('number');
        break;
      }
      default: {
        // Send an mpnews, let this app's clock run until it has reached its 10 fans, delete it.
        const sent = await call('POST', PATHS.sendAll + q(), { filter: { is_to_all: false, tag_id: TAG.id }, msgtype: 'mpnews', mpnews: { media_id: DEFAULT_NEWS_MEDIA_ID } });
        expectOk('sendAll mpnews', sent);
        const msgId = sent.body.msg_id as number;
        ledger.created.push(msgId);
        const moved = await call('POST', '/__mock/clock', { advance_ms: 1000, appid: app.appid });
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
        const done = await call('POST', PATHS.massmsgget + q(), { msg_id: msgId });
        expect(done.body, `client ${client}: the send should have ended after 1 s of app time`).toEqual({ msg_id: msgId, msg_status: 'SEND_SUCCESS' });
        const deleted = await call('POST', PATHS.deleteMassMsg + q(), { msg_id: msgId });
        expectOk('deleteMassMsg', deleted);
        ledger.deleted.push(msgId);
        const after = await call('POST', PATHS.massmsgget + q(), { msg_id: msgId });
        expect(after.body).toEqual({ msg_id: msgId, msg_status: 'DELETE' });
      }
    }
  }
}

describe('200 concurrent clients across 20 apps', () => {
  const apps: App[] = [];
  const ledgers = new Map<string, Ledger>();

  beforeAll(async () => {
    server = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 11 });
    base = new URL(server.url);
    for (let i = 0; i < APPS; i++) {
      // Clients send the same news again and again: no quota, and no repeat check without a clientmsgid.
      const created = await call('POST', '/__mock/apps', { fans: 1000, tags: [TAG], limits: { daily_mass_quota: null }, dedupe_without_clientmsgid: false });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const appid = created.body.appid as string;
      const secret = created.body.secret as string;
      const stable = await call('POST', PATHS.getStableAccessToken, { grant_type: 'client_credential', appid, secret });
      const token = stable.body.access_token as string;
      apps.push({ appid, secret, token, openids: await followersAt(server.url, token) });
      ledgers.set(appid, { writes: [], reads: [], created: [], deleted: [], stableTokens: new Set([stable.body.access_token as string]) });
    }
  });

  afterAll(async () => {
    agent.destroy();
    await server?.close();
  });

  it('answers every request without an error and loses no update', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: CLIENTS }, (_, client) => {
        const app = apps[client % APPS]!;
        return runClient(client, app, ledgers.get(app.appid)!, mulberry32(1000 + client));
      }),
    );
    const failures = results.flatMap((r, client) => (r.status === 'rejected' ? [`client ${client}: ${(r.reason as Error).message}`] : []));
    expect(failures, failures.slice(0, 5).join('\n')).toEqual([]);

    const allIds: number[] = [];
    let writes = 0;
    let sends = 0;
    for (const app of apps) {
      const ledger = ledgers.get(app.appid)!;
      writes += ledger.writes.length;
      sends += ledger.created.length;
      const res = await call('GET', `/__mock/state?appid=${app.appid}`);
      expect(res.status).toBe(200);
      const view = (res.body.apps as { appid: string; speed: number; message_count: number; messages: { msg_id: number; status: string }[] }[])[0]!;
      expect(view.appid).toBe(app.appid);

      // Speed: the last write wins, and every read saw a value a write could have left.
      const end = performance.now();
      const final = allowedValues(ledger.writes, { start: end, ack: end });
      expect([...final], `${app.appid}: final speed ${view.speed}, writes ${JSON.stringify(ledger.writes)}`).toContain(view.speed);
      for (const read of ledger.reads) expect([...allowedValues(ledger.writes, read)], `${app.appid}: getSpeed read ${read.speed}`).toContain(read.speed);
      const speedNow = await call('POST', `${PATHS.getSpeed}?access_token=${encodeURIComponent(app.token)}`);
      expect(speedNow.body.speed).toBe(view.speed);

      // Messages: exactly the acknowledged ones, deleted ones deleted.
      expect(view.message_count).toBe(ledger.created.length);
      expect(view.messages.map((m) => m.msg_id).sort()).toEqual([...ledger.created].sort());
      const deleted = new Set(ledger.deleted);
      for (const message of view.messages) {
        if (deleted.has(message.msg_id)) expect(message.status).toBe('DELETE');
        else expect(['SENDING', 'SEND_SUCCESS']).toContain(message.status);
      }
      // stable_token in normal mode hands every client of an app the same token.
      expect([...ledger.stableTokens]).toEqual([app.token]);
      allIds.push(...ledger.created);
    }
    expect(new Set(allIds).size, 'msg_ids are unique across apps').toBe(allIds.length);
    // The mix really happened.
    expect(writes).toBeGreaterThan(100);
    expect(sends).toBeGreaterThan(200);
  });
});
