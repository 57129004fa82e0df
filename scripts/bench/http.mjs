/** Plain HTTP on loopback: one request, a free port, waiting for a server's first answer. */
import { request } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TEXT_TO_TAG, TOKEN_QUERY } from './requests.mjs';

/** One request; `body` is sent as it is when a string or a Buffer, else as JSON. */
export function httpCall(port, method, path, body, { timeout = 5000, contentType = 'application/json' } = {}) {
  return new Promise((resolvePromise, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, method, path, agent: false, timeout, headers: payload === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls the first request every client makes (GET /cgi-bin/token) until anything answers. */
export async function waitForAnswer(port, child, { timeoutMs = 60_000, intervalMs = 5 } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before answering`);
    try {
      const res = await httpCall(port, 'GET', `/cgi-bin/token?${TOKEN_QUERY}`, undefined, { timeout: 2000 });
      return { at: performance.now(), res };
    } catch {
      if (performance.now() > deadline) throw new Error(`nothing answered on port ${port} within ${timeoutMs} ms`);
      await sleep(intervalMs);
    }
  }
}

/** The access_token of the mock's default app. */
export async function fetchToken(port) {
  return JSON.parse((await httpCall(port, 'GET', `/cgi-bin/token?${TOKEN_QUERY}`)).body).access_token;
}

/** The `n`-th mass send to tag 100 through the mock at `port`: the answer's text and its parsed body. */
export async function sendToTag(port, token, n) {
  // Each its own text: WeChat refuses a repeat of a send's scope and content without clientmsgid (45066).
  const res = await httpCall(port, 'POST', `/cgi-bin/message/mass/sendall?access_token=${token}`, { ...TEXT_TO_TAG, text: { content: `bench ${n}` } });
  return { text: res.body, body: JSON.parse(res.body) };
}
