/**
 * Limits a shared mock needs so one bad client cannot hurt the others: bodies over 1 MB are refused
 * at once with a JSON 413, and clients that stall while sending headers or a body cannot hold the
 * server. Raw sockets, since a well-behaved HTTP client cannot misbehave on purpose.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_MAX_BODY_BYTES } from '../../mock/control/read-control-input.js';
import { ROUTES } from '../../mock/wechat/routes.js';
import { startMockServer, type MockServer } from '../../mock/start-mock-server.js';
import { PATHS, T0 } from '../helpers.js';

/** setSpeed's body limit: 1 MB, as every JSON operation's. */
const MAX_BODY_BYTES = ROUTES['/cgi-bin/message/mass/speed/set'].maxBodyBytes;

let server: MockServer;
let host: string;
let port: number;
let token: string;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** ms from the first byte written to the whole answer read. */
  elapsed: number;
}

/** Parses one HTTP/1.1 answer with a Content-Length out of raw bytes; undefined until it is whole. */
function parseAnswer(raw: Buffer): Omit<RawAnswer, 'elapsed'> | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (raw.length < end + 4 + length) return undefined;
  return { status: Number(statusLine!.split(' ')[1]), headers, body: raw.subarray(end + 4, end + 4 + length).toString('utf8') };
}

/**
 * Writes `head`, then `body` in chunks (as fast as the socket takes them), and resolves with the
 * first whole answer, even if the server answers and closes before the body is all written.
 */
function rawRequest(head: string, body: Buffer | undefined, { chunk = 64 * 1024 } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: RawAnswer | Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      const answer = parseAnswer(received);
      if (answer) finish({ ...answer, elapsed: performance.now() - started });
    });
    // Writing into a socket the server closed after answering is expected: only a missing answer is an error.
    socket.on('error', (err) => setTimeout(() => finish(err), 50));
    socket.on('close', () => setTimeout(() => finish(new Error(`connection closed without an answer (${received.length} bytes read)`)), 50));
    socket.on('connect', async () => {
      socket.write(head);
      if (!body) return;
      for (let at = 0; at < body.length && !settled && !socket.destroyed; at += chunk) {
        if (!socket.write(body.subarray(at, at + chunk))) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
    });
  });
}

function jsonHead(path: string, length: number | 'chunked'): string {
  const framing = length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`;
  return `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`;
}

/** A JSON body of exactly `size` bytes. */
function speedBody(size: number): Buffer {
  const shell = '{"speed":1,"pad":""}';
  return Buffer.from(`{"speed":1,"pad":"${'x'.repeat(size - shell.length)}"}`);
}

function chunked(body: Buffer, size = 16 * 1024): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

async function healthy(): Promise<void> {
  const health = await fetch(`${server.url}/__mock/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  const speed = await fetch(`${server.url}${PATHS.getSpeed}?access_token=${token}`, { method: 'POST' });
  expect(await speed.json()).toEqual({ speed: 1, realspeed: 60 });
}

beforeAll(async () => {
  server = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 3 });
  const url = new URL(server.url);
  host = url.hostname;
  port = Number(url.port);
  const res = await fetch(`${server.url}${PATHS.getAccessToken}?grant_type=client_credential&appid=wx0000000000000001&secret=mocksecret`);
  token = ((await res.json()) as { access_token: string }).access_token;
  const set = await fetch(`${server.url}${PATHS.setSpeed}?access_token=${token}`, { method: 'POST', body: '{"speed":1}' });
  expect(await set.json()).toEqual({ errcode: 0, errmsg: 'ok' });
});

afterAll(async () => {
  await server?.close();
});

describe('request bodies over 1 MB', () => {
  it('accepts a body of exactly 1 MB', async () => {
    const body = speedBody(MAX_BODY_BYTES);
    const answer = await rawRequest(jsonHead(`${PATHS.setSpeed}?access_token=${token}`, body.length), body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it.each([
    ['a declared Content-Length', 'length'],
    ['a chunked body with no declared length', 'chunked'],
  ] as const)('refuses a body one byte over 1 MB with %s at once, as JSON 413, and keeps answering', async (_label, framing) => {
    const body = speedBody(MAX_BODY_BYTES + 1);
    const answer = await rawRequest(jsonHead(`${PATHS.setSpeed}?access_token=${token}`, framing === 'chunked' ? 'chunked' : body.length), framing === 'chunked' ? chunked(body) : body);
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large', message: expect.stringMatching(/1048576|1 MB/) });
    expect(answer.elapsed).toBeLessThan(2000);
    await healthy();
  });

  it('refuses a declared 50 MB body before reading it', async () => {
    const answer = await rawRequest(jsonHead(`${PATHS.sendAll}?access_token=${token}`, 50 * 1024 * 1024), Buffer.alloc(256 * 1024, 0x20));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large' });
    expect(answer.elapsed).toBeLessThan(2000);
    await healthy();
  });

  it('refuses an oversized body on the control API too', async () => {
    const body = Buffer.from(JSON.stringify({ secret: 'x'.repeat(CONTROL_MAX_BODY_BYTES + 10) }));
    const answer = await rawRequest(jsonHead('/__mock/apps', body.length), body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large' });
    await healthy();
  });
});

describe('stalled clients', () => {
  it('keeps answering others while 50 clients trickle their headers and 50 never finish their bodies, and drops a header staller', async () => {
    // Node enforces headersTimeout from a periodic check (the mock runs it every second), so a
    // staller goes between headersTimeout and headersTimeout + 1 s after it started.
    expect(server.server.headersTimeout).toBeGreaterThan(0);
    expect(server.server.headersTimeout).toBeLessThanOrEqual(60_000);
    expect(server.server.requestTimeout).toBeGreaterThan(0);
    const dropBy = server.server.headersTimeout + 5_000;

    const sockets: Socket[] = [];
    const closedAt: number[] = [];
    const started = performance.now();
    const open = (first: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host, port }, () => {
          socket.write(first);
          resolve(socket);
        });
        socket.on('error', () => undefined);
        socket.on('close', () => closedAt.push(performance.now() - started));
        socket.once('error', reject);
        sockets.push(socket);
      });
    const headerStallers = await Promise.all(Array.from({ length: 50 }, () => open(`POST ${PATHS.getSpeed}?access_token=${token} HTTP/1.1\r\nHost: x\r\n`)));
    await Promise.all(Array.from({ length: 50 }, () => open(`${jsonHead(`${PATHS.setSpeed}?access_token=${token}`, 100)}{"speed":`)));
    // One header byte a second: each staller looks alive to a per-socket idle timeout.
    const trickle = setInterval(() => {
      for (const socket of headerStallers) if (!socket.destroyed) socket.write('X');
    }, 1000);
    try {
      // Others are still answered, each within a bound far above any normal answer.
      for (let round = 0; round < 10; round++) {
        await withTimeout(healthy(), 10_000, `round ${round}: no answer while 100 clients stall`);
        await new Promise((r) => setTimeout(r, 200));
      }

      // The header stallers must be dropped; nothing here ever completes their headers.
      const first = headerStallers[0]!;
      await new Promise<void>((resolve, reject) => {
        if (first.destroyed) return resolve();
        const timer = setTimeout(() => reject(new Error(`a client trickling its headers was still connected after ${dropBy} ms`)), dropBy);
        first.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(headerStallers.filter((s) => !s.destroyed && s.readyState === 'open').length, 'header stallers still connected').toBe(0);
      await healthy();
    } finally {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    }
  });
});
