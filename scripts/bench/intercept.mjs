/**
 * What intercept mode costs: getSpeed through the proxy (CONNECT to the mock, then TLS with the leaf it
 * serves for api.weixin.qq.com, the connection kept alive) against getSpeed over direct HTTP, and, as
 * the Node preload's global-agent does it (it never keeps a proxied connection alive), through the
 * proxy with a new CONNECT and handshake per call. autocannon speaks neither CONNECT nor TLS through a
 * proxy, so every path is driven by one lean client here, raw sockets writing the request bytes and
 * reading the answer by its Content-Length, with the same number of connections; the paths take turns
 * round after round, and each figure is a median over the rounds.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { fmt, x } from './format.mjs';
import { fetchToken, freePort, waitForAnswer } from './http.mjs';
import { stopProcess } from './processes.mjs';
import { startMockCli } from './targets.mjs';
import { median, percentile, ratio } from './stats.mjs';

const WECHAT_HOST = 'api.weixin.qq.com';

/** Writes one request and resolves with the answer's status and body once Content-Length bytes of it came. */
function exchange(socket, requestBytes) {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = received.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
      if (received.length < headEnd + 4 + length) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve({ status: Number(head.slice(9, 12)), body: received.subarray(headEnd + 4, headEnd + 4 + length).toString() });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(requestBytes);
  });
}

/** A socket to the mock on `port`, or a TLS socket to api.weixin.qq.com through its proxy, ready for requests. */
async function openConnection(port, caPem, proxied) {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  if (!proxied) return socket;
  const { status } = await new Promise((resolve, reject) => {
    socket.once('data', (chunk) => resolve({ status: Number(chunk.toString('latin1').slice(9, 12)) }));
    socket.once('error', reject);
    socket.write(`CONNECT ${WECHAT_HOST}:443 HTTP/1.1\r\nHost: ${WECHAT_HOST}:443\r\n\r\n`);
  });
  if (status !== 200) throw new Error(`CONNECT answered ${status}`);
  const secured = tls.connect({ socket, servername: WECHAT_HOST, ca: caPem });
  await once(secured, 'secureConnect');
  return secured;
}

/** `connections` callers, each sending its next call when the last was answered, for `seconds`. */
async function drive(path, seconds, connections) {
  const latencies = [];
  let answered = 0;
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const caller = async () => {
    let socket;
    while (performance.now() < end) {
      const start = performance.now();
      try {
        socket ??= await path.open();
        const { status, body } = await exchange(socket, path.request);
        if (status === 200 && body.includes('"realspeed"')) answered++;
        else failed++;
      } catch {
        failed++;
        socket?.destroy();
        socket = undefined;
      }
      if (!path.keepAlive) {
        socket?.end();
        socket = undefined;
      }
      latencies.push(performance.now() - start);
    }
    socket?.end();
  };
  await Promise.all(Array.from({ length: connections }, caller));
  latencies.sort((a, b) => a - b);
  return { rps: answered / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
}

/** The three paths to the mock on `port`, whose CA is `caPem`. */
function paths(port, token, caPem) {
  const request = (host) => `POST /cgi-bin/message/mass/speed/get?access_token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
  const direct = () => openConnection(port, caPem, false);
  const proxied = () => openConnection(port, caPem, true);
  return {
    direct: { label: 'direct HTTP, kept alive', open: direct, request: request(`127.0.0.1:${port}`), keepAlive: true },
    proxied: { label: 'through the proxy: CONNECT + TLS, kept alive', open: proxied, request: request(WECHAT_HOST), keepAlive: true },
    proxiedPerCall: { label: 'through the proxy: CONNECT + TLS handshake per call, as global-agent does', open: proxied, request: request(WECHAT_HOST), keepAlive: false },
  };
}

/** The report's `intercept`: per path its runs and medians, and each median's ratio to direct HTTP. */
export async function measureIntercept(config, work, logDir) {
  const port = await freePort();
  const caDir = join(work, 'intercept-ca');
  const child = startMockCli(port, join(logDir, 'intercept.log'), { flags: ['--intercept', '--ca-dir', caDir] });
  try {
    await waitForAnswer(port, child);
    const all = paths(port, await fetchToken(port), readFileSync(join(caDir, 'ca.pem'), 'utf8'));
    const runs = Object.fromEntries(Object.keys(all).map((name) => [name, []]));
    const [connections] = config.connections;
    for (const path of Object.values(all)) if (config.warmup > 0) await drive(path, config.warmup, connections);
    for (let round = 0; round < config.rounds; round++) {
      for (const [name, path] of Object.entries(all)) {
        const r = await drive(path, config.duration, connections);
        runs[name].push(r);
        console.log(`  intercept round ${round + 1} ${name.padEnd(14)} ${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms${r.failed ? `  failed ${r.failed}` : ''}`);
      }
    }
    const summary = {};
    for (const [name, list] of Object.entries(runs)) {
      summary[name] = { label: all[name].label, rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)), failed: list.reduce((s, r) => s + r.failed, 0) };
    }
    for (const s of Object.values(summary)) s.vsDirect = ratio(s.rps, summary.direct.rps);
    console.log(`bench: getSpeed through the intercept proxy (TLS, kept alive) runs at ${x(summary.proxied.vsDirect)} direct HTTP (${fmt(summary.proxied.rps)} vs ${fmt(summary.direct.rps)} req/s); with a handshake per call at ${x(summary.proxiedPerCall.vsDirect)}`);
    return { runs, summary };
  } finally {
    await stopProcess(child);
  }
}
