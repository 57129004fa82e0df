#!/usr/bin/env node
/**
 * npm run bench: the mock against the peers a user would pick instead (prism mock, WireMock
 * standalone with static stubs) and against the ceilings (a minimal Express 5 app, bare node:http),
 * in one run on one machine, on loopback, with autocannon. Absolute figures drift by ±30 % between
 * runs, so every figure is a median over alternating runs (ABAB…) and compared as a ratio to the
 * minimal Express app measured in the same rounds.
 *
 * Measures: requests per second and p50/p99 latency on getSpeed, setSpeed and massmsgget (known and
 * unknown msg_ids); cold start to first answer; resident memory with 10,000 and 1,000,000 messages;
 * the cost of one massmsgget among 1,000,000; that a send to 10,000,000 fans costs what a send to
 * 10 does; and a CPU profile of the mock under load. Writes reports/bench.md and reports/bench.json.
 *
 * Environment (durations in seconds):
 *   BENCH_QUICK=1          a quick pass: 1 s runs, 3 rounds, 100,000 messages, 2 cold starts each
 *   BENCH_DURATION=4       seconds per measured run        BENCH_WARMUP=3   seconds of warm-up per target and operation
 *   BENCH_ROUNDS=5         alternating rounds (≥ 3)        BENCH_CONNECTIONS=10
 *   BENCH_COLD_RUNS=5      cold starts per target          BENCH_MESSAGES=1000000  the big memory run
 *   BENCH_FAN_SENDS=20000  sends per process in the 10 vs 10,000,000 fans comparison
 *   BENCH_TARGETS=mock,express,bare-http,prism,wiremock,wiremock-default
 *                          (wiremock: journal and request logging off; wiremock-default: as shipped)
 *   BENCH_OPS=getSpeed,setSpeed,massmsgget
 *   BENCH_PROFILE=0        skip the CPU profile            BENCH_PROFILE_DURATION=8
 *   BENCH_CACHE=~/.cache/wechat-mass-mock-bench            where WireMock is installed on demand (npm's `wiremock`)
 *
 * The script also runs itself as a child (`--child memory|fans|inproc-start …`) for the measurements
 * that need a fresh process.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, homedir, tmpdir, totalmem, platform, release } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const APPID = 'wx0000000000000001';
const SECRET = 'mocksecret';
const TOKEN_QUERY = `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;
const T0 = Date.UTC(2026, 10, 22);

// ---------------------------------------------------------------- children (fresh processes)

// The entry point is at the end of the file, once every helper is initialised.

function gcNow() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  globalThis.gc();
  globalThis.gc();
}

function memory() {
  gcNow();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

const TEXT_TO_TAG = { filter: { is_to_all: false, tag_id: 100 }, msgtype: 'text', text: { content: 'bench' } };
const TEXT_TO_ALL = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'bench' } };

async function loadDist() {
  const index = await import(pathToFileURL(join(DIST, 'mock/index.js')).href);
  const sends = await import(pathToFileURL(join(DIST, 'mock/domain/sends.js')).href);
  const handlerModule = await import(pathToFileURL(join(DIST, 'mock/wechat/handle-wechat.js')).href);
  const spec = await import(pathToFileURL(join(DIST, 'contracts/load-spec.js')).href);
  return { index, sends, handlerModule, spec };
}

/** Times `fn` over `n` calls; ns per call. */
function perCall(n, fn) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / n;
}

/** N messages in one app of a fresh mock; rss and heap before and after, and per-call costs. */
async function childMemory([countArg]) {
  const count = Number(countArg);
  const { index, sends, handlerModule, spec } = await loadDist();
  const mock = index.createApp({ clock: { mode: 'manual', start: T0 }, seed: 1 });
  const sim = mock.mock.sim;
  const created = sim.createApp({ appid: 'wxbench0000000001', secret: 'benchsecret', fans: 1000, tags: [{ id: 100, name: 'bench', count: 1000 }] });
  if (!created.ok) throw new Error(created.message);
  const app = created.value;
  const before = memory();
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const result = sends.sendAll(sim.ctx, app, TEXT_TO_TAG);
    if (!result.ok) throw new Error(`sendAll answered ${result.errcode} at message ${i}`);
  }
  const createMs = performance.now() - t;
  const afterSending = memory();

  // Per-call costs while every message is still SENDING (the manual clock has not moved).
  const ids = app.message_ids;
  const pick = (i) => ids[(i * 7919) % ids.length];
  const handler = handlerModule.createWechatHandler(sim, spec.documentedErrcodes);
  const token = handler('/cgi-bin/token', { method: 'GET', query: 'grant_type=client_credential&appid=wxbench0000000001&secret=benchsecret', body: '' }).body.access_token;
  const getQuery = `access_token=${token}`;
  const bodies = Array.from({ length: 1024 }, (_, i) => JSON.stringify({ msg_id: pick(i) }));
  const calls = Math.min(200_000, Math.max(20_000, count));
  const massmsggetDomainNs = perCall(calls, (i) => sends.massmsgget(sim.ctx, app, { msg_id: pick(i) }));
  const massmsggetUnknownNs = perCall(calls, (i) => sends.massmsgget(sim.ctx, app, { msg_id: 1000 + i }));
  const massmsggetHandlerNs = perCall(calls, (i) => handler('/cgi-bin/message/mass/get', { method: 'POST', query: getQuery, body: bodies[i & 1023] }));
  const setSpeedCalls = count >= 100_000 ? 20 : 2000;
  const setSpeedWhileActiveNs = perCall(setSpeedCalls, (i) => sends.setSpeed(sim.ctx, app, { speed: i & 1 }));
  sends.setSpeed(sim.ctx, app, { speed: 0 });

  // Let every send end (1,000 fans at 80万/min: 75 ms of mock time), then measure again.
  const tickStart = performance.now();
  const advanced = sim.advance(60_000);
  if (!advanced.ok) throw new Error(advanced.message);
  const settleAllMs = performance.now() - tickStart;
  const afterSettled = memory();
  const setSpeedSettledNs = perCall(2000, (i) => sends.setSpeed(sim.ctx, app, { speed: i & 1 }));
  const massmsggetSettledNs = perCall(calls, (i) => sends.massmsgget(sim.ctx, app, { msg_id: pick(i) }));
  // What GET /__mock/state?appid= builds for this app (every message, no limit).
  let stateMessages;
  let stateMs;
  if (count <= 10_000) {
    const views = await import(pathToFileURL(join(DIST, 'mock/control/views.js')).href);
    const stateStart = performance.now();
    stateMessages = JSON.stringify(views.stateView(sim, { appid: app.appid })).length;
    stateMs = performance.now() - stateStart;
  }
  return {
    count,
    createMs,
    before,
    afterSending,
    afterSettled,
    settleAllMs,
    massmsggetDomainNs,
    massmsggetUnknownNs,
    massmsggetHandlerNs,
    massmsggetSettledNs,
    setSpeedWhileActiveNs,
    setSpeedSettledNs,
    stateBytes: stateMessages,
    stateMs,
  };
}

/** Heap per send to all of `fans` fans, in a fresh process: the audience is a number, not a list. */
async function childFans([fansArg, sendsArg]) {
  const fans = Number(fansArg);
  const n = Number(sendsArg);
  const { index, sends } = await loadDist();
  const mock = index.createApp({ clock: { mode: 'manual', start: T0 }, seed: 1 });
  const sim = mock.mock.sim;
  const created = sim.createApp({ appid: 'wxfans00000000001', fans });
  if (!created.ok) throw new Error(created.message);
  const app = created.value;
  sends.sendAll(sim.ctx, app, TEXT_TO_ALL); // first-send allocations out of the way
  const before = memory();
  for (let i = 0; i < n; i++) {
    const result = sends.sendAll(sim.ctx, app, TEXT_TO_ALL);
    if (!result.ok) throw new Error(`sendAll answered ${result.errcode}`);
  }
  const after = memory();
  const last = sim.store.messages.get(app.message_ids.at(-1));
  return { fans, sends: n, audience: last.audience, heapPerSend: (after.heapUsed - before.heapUsed) / n, rssPerSend: (after.rss - before.rss) / n };
}

/** startMockServer in a fresh process: import, start, first answer. */
async function childInprocStart() {
  const atScript = performance.now();
  const index = await import(pathToFileURL(join(DIST, 'mock/index.js')).href);
  const imported = performance.now();
  const server = await index.startMockServer({ clock: { mode: 'manual' }, seed: 1 });
  const started = performance.now();
  const { port } = new URL(server.url);
  const res = await httpCall(Number(port), 'GET', `/cgi-bin/token?${TOKEN_QUERY}`);
  const answered = performance.now();
  await server.close();
  if (res.status !== 200) throw new Error(`first answer ${res.status}`);
  return { atScript, importMs: imported - atScript, startMs: started - imported, firstAnswerMs: answered - started, totalMs: answered - atScript, sinceProcessStart: answered };
}

// ---------------------------------------------------------------- helpers

function httpCall(port, method, path, body, { timeout = 5000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, method, path, agent: false, timeout, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
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

function freePort() {
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
const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const envNumber = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]));
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const mb = (bytes) => `${fmt(bytes / 2 ** 20, 1)} MB`;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);
const x = (r) => (Number.isFinite(r) ? `${fmt(r, 2)}×` : 'n/a');

const children = new Set();

function stopAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

/** The newest modification time under dist/, to notice a rebuild in the middle of a run. */
function distStamp(dir = DIST) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? distStamp(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function startProcess(command, args, { env, log, cwd = ROOT } = {}) {
  const fd = log ? openSync(log, 'a') : 'ignore';
  const child = spawn(command, args, { cwd, env: { ...process.env, SCARF_ANALYTICS: 'false', ...env }, stdio: ['ignore', fd, fd] });
  if (typeof fd === 'number') closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stopProcess(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Polls the first request every client makes (GET /cgi-bin/token) until anything answers. */
async function waitForAnswer(port, child, { timeoutMs = 60_000, intervalMs = 5 } = {}) {
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

function runChild(kind, args, nodeFlags = []) {
  const out = execFileSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), '--child', kind, ...args.map(String)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

// ---------------------------------------------------------------- targets

function wiremockJar(cacheDir) {
  const find = () => {
    const dir = join(cacheDir, 'node_modules/wiremock/build');
    if (!existsSync(dir)) return undefined;
    const jar = readdirSync(dir).find((name) => /^wiremock-standalone-.*\.jar$/.test(name));
    return jar && join(dir, jar);
  };
  let jar = find();
  if (!jar) {
    console.log(`installing WireMock into ${cacheDir} (npm's wiremock package carries the jar)…`);
    mkdirSync(cacheDir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefix', cacheDir, 'wiremock'], { stdio: 'inherit', env: { ...process.env, SCARF_ANALYTICS: 'false' } });
    if (result.status !== 0) throw new Error('npm install wiremock failed');
    jar = find();
  }
  if (!jar) throw new Error(`no wiremock-standalone jar under ${cacheDir}`);
  return jar;
}

/** Static stubs answering the same JSON as the mock for the same routes. */
function writeWiremockStubs(dir, knownIds) {
  const mappings = join(dir, 'mappings');
  mkdirSync(mappings, { recursive: true });
  mkdirSync(join(dir, '__files'), { recursive: true });
  const headers = { 'Content-Type': 'application/json; encoding=utf-8' };
  const stub = (name, mapping) => writeFileSync(join(mappings, `${name}.json`), JSON.stringify(mapping, null, 2));
  const rid = 'rid: 00000000-00000000-00000000';
  stub('token', { request: { method: 'GET', urlPath: '/cgi-bin/token' }, response: { status: 200, headers, body: JSON.stringify({ access_token: 'bench-token', expires_in: 7200 }) } });
  stub('getSpeed', { request: { method: 'POST', urlPath: '/cgi-bin/message/mass/speed/get' }, response: { status: 200, headers, body: JSON.stringify({ speed: 0, realspeed: 80 }) } });
  stub('setSpeed', { request: { method: 'POST', urlPath: '/cgi-bin/message/mass/speed/set' }, response: { status: 200, headers, body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) } });
  for (const id of knownIds) {
    stub(`massmsgget-${id}`, {
      priority: 1,
      request: { method: 'POST', urlPath: '/cgi-bin/message/mass/get', bodyPatterns: [{ equalToJson: { msg_id: id } }] },
      response: { status: 200, headers, body: JSON.stringify({ msg_id: id, msg_status: 'SENDING' }) },
    });
  }
  stub('massmsgget-unknown', { priority: 5, request: { method: 'POST', urlPath: '/cgi-bin/message/mass/get' }, response: { status: 200, headers, body: JSON.stringify({ errcode: 40059, errmsg: `invalid msg id ${rid}` }) } });
}

function targetDefinitions({ jar, wiremockDir, knownIds, logDir }) {
  const env = { BENCH_KNOWN_MSG_IDS: knownIds.join(',') };
  return {
    mock: { label: 'mock (CLI)', start: (port) => startProcess(process.execPath, [join(DIST, 'mock/cli/bin.js'), '--port', port, '--clock', 'manual', '--seed', '1'], { log: join(logDir, 'mock.log') }) },
    express: { label: 'minimal Express 5', start: (port) => startProcess(process.execPath, [join(ROOT, 'scripts/bench-baselines/minimal-express.mjs'), '--port', port], { env, log: join(logDir, 'express.log') }) },
    'bare-http': { label: 'bare node:http', start: (port) => startProcess(process.execPath, [join(ROOT, 'scripts/bench-baselines/bare-http.mjs'), '--port', port], { env, log: join(logDir, 'bare-http.log') }) },
    prism: {
      label: 'prism mock',
      start: (port) => startProcess(process.execPath, [join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', join(ROOT, 'openapi.yaml'), '--port', port, '--host', '127.0.0.1'], { log: join(logDir, 'prism.log') }),
      pollMs: 20,
    },
    wiremock: {
      label: 'WireMock',
      start: (port) =>
        startProcess('java', ['-jar', jar, '--port', port, '--bind-address', '127.0.0.1', '--root-dir', wiremockDir, '--disable-banner', '--no-request-journal', '--disable-request-logging'], { log: join(logDir, 'wiremock.log') }),
      pollMs: 20,
    },
    // The same stubs with WireMock's defaults (request journal and logging on), as most people run it.
    'wiremock-default': {
      label: 'WireMock, defaults',
      start: (port) => startProcess('java', ['-jar', jar, '--port', port, '--bind-address', '127.0.0.1', '--root-dir', wiremockDir, '--disable-banner'], { log: join(logDir, 'wiremock-default.log') }),
      pollMs: 20,
    },
  };
}

// ---------------------------------------------------------------- workloads

function operations(token, knownIds) {
  const q = `?access_token=${encodeURIComponent(token)}`;
  const headers = { 'content-type': 'application/json' };
  const unknown = [3147494522, 4000000001, 5123456789, 9999999999].filter((id) => !knownIds.includes(id));
  const mixed = [];
  for (let i = 0; i < Math.max(knownIds.length, unknown.length); i++) {
    if (knownIds[i] !== undefined) mixed.push(i % 2 ? String(knownIds[i]) : knownIds[i]);
    if (unknown[i] !== undefined) mixed.push(unknown[i]);
  }
  return {
    getSpeed: { path: `/cgi-bin/message/mass/speed/get${q}`, requests: [{ method: 'POST', headers, body: '{}' }] },
    setSpeed: { path: `/cgi-bin/message/mass/speed/set${q}`, requests: [1, 0, 2, 0].map((speed) => ({ method: 'POST', headers, body: JSON.stringify({ speed }) })) },
    massmsgget: { path: `/cgi-bin/message/mass/get${q}`, requests: mixed.map((msg_id) => ({ method: 'POST', headers, body: JSON.stringify({ msg_id }) })), note: `${knownIds.length} known + ${unknown.length} unknown msg_ids, alternating` },
  };
}

/** autocannon's own histogram keeps whole milliseconds; the response event carries the exact duration. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function cannon(autocannon, port, op, seconds, connections) {
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${op.path}`,
    connections,
    duration: seconds,
    requests: op.requests.map((r) => ({ ...r, path: op.path })),
  });
  instance.on('response', (_client, _status, _bytes, ms) => {
    if (n === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[n++] = ms;
  });
  const result = await instance;
  const sorted = latencies.subarray(0, n).sort();
  return {
    rps: result.requests.average,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[n - 1],
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

// ---------------------------------------------------------------- CPU profile

function analyseProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const where = (frame) => {
    const url = frame.url ?? '';
    if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    if (url.startsWith('node:')) return 'node core';
    const nm = url.lastIndexOf('/node_modules/');
    if (nm !== -1) {
      const rest = url.slice(nm + 14).split('/');
      return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    }
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    return relative(ROOT, path).replace(/^dist\//, '');
  };
  const key = (frame) => `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`;
  const selfByFunction = new Map();
  const selfByPlace = new Map();
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    selfByFunction.set(key(frame), (selfByFunction.get(key(frame)) ?? 0) + us);
    const place = where(frame);
    const bucket = place.startsWith('mock/') ? `ours: ${place}` : place.startsWith('contracts/') ? `ours: ${place}` : place;
    selfByPlace.set(bucket, (selfByPlace.get(bucket) ?? 0) + us);
  }
  // Inclusive time of our own functions (mock/, contracts/), counted once per stack.
  const inclusive = new Map();
  const subtree = new Map();
  const sizeOf = (id) => {
    if (subtree.has(id)) return subtree.get(id);
    const node = byId.get(id);
    let sum = self.get(id) ?? 0;
    for (const child of node.children ?? []) sum += sizeOf(child);
    subtree.set(id, sum);
    return sum;
  };
  const root = profile.nodes[0].id;
  sizeOf(root);
  const walk = (id, onStack) => {
    const node = byId.get(id);
    const k = key(node.callFrame);
    const fresh = !onStack.has(k);
    if (fresh) {
      inclusive.set(k, (inclusive.get(k) ?? 0) + subtree.get(id));
      onStack.add(k);
    }
    for (const child of node.children ?? []) walk(child, onStack);
    if (fresh) onStack.delete(k);
  };
  walk(root, new Set());
  const top = (map, n, filter = () => true) =>
    [...map.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  const busy = total - (selfByPlace.get('(idle)') ?? 0);
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    selfByPlace: top(selfByPlace, 25),
    selfByFunction: top(selfByFunction, 30),
    inclusiveOurs: top(inclusive, 25, (k) => / (mock|contracts)\//.test(k)),
    inclusiveExpress: top(inclusive, 12, (k) => / (express|router|body-parser|finalhandler|path-to-regexp) ?:/.test(k) || / (express|router):/.test(k)),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const quick = process.env.BENCH_QUICK === '1';
  const config = {
    quick,
    duration: envNumber('BENCH_DURATION', quick ? 1 : 4),
    warmup: envNumber('BENCH_WARMUP', quick ? 1 : 3),
    rounds: Math.max(3, envNumber('BENCH_ROUNDS', quick ? 3 : 5)),
    connections: envNumber('BENCH_CONNECTIONS', 10),
    coldRuns: envNumber('BENCH_COLD_RUNS', quick ? 2 : 5),
    messages: envNumber('BENCH_MESSAGES', quick ? 100_000 : 1_000_000),
    fanSends: envNumber('BENCH_FAN_SENDS', 20_000),
    profile: process.env.BENCH_PROFILE !== '0',
    profileDuration: envNumber('BENCH_PROFILE_DURATION', quick ? 2 : 8),
    targets: (process.env.BENCH_TARGETS ?? 'mock,express,bare-http,prism,wiremock,wiremock-default').split(',').map((s) => s.trim()).filter(Boolean),
    ops: (process.env.BENCH_OPS ?? 'getSpeed,setSpeed,massmsgget').split(',').map((s) => s.trim()).filter(Boolean),
    cache: process.env.BENCH_CACHE ?? join(homedir(), '.cache/wechat-mass-mock-bench'),
  };
  if (!existsSync(join(DIST, 'mock/cli/bin.js'))) throw new Error('dist/mock/cli/bin.js is missing: run "npm run build" first (npm run bench does)');
  if (!config.targets.includes('express')) throw new Error('BENCH_TARGETS must include express: every ratio is relative to it');
  const { default: autocannon } = await import('autocannon');
  const builtAt = distStamp();
  const started = new Date();
  const work = mkdtempSync(join(tmpdir(), 'wechat-mass-mock-bench-'));
  const logDir = join(work, 'logs');
  mkdirSync(logDir);
  const reportsDir = join(ROOT, 'reports');
  mkdirSync(reportsDir, { recursive: true });
  const javaVersion = (() => {
    const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
    return (r.stderr || r.stdout || '').split('\n')[0].trim() || 'not found';
  })();
  const machine = { node: process.version, platform: `${platform()} ${release()}`, cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, memory: mb(totalmem()), java: javaVersion };
  console.log(`bench: ${machine.cpus}, node ${machine.node}, ${machine.java}`);
  console.log(`bench: ${config.rounds} alternating rounds of ${config.duration} s (+${config.warmup} s warm-up), ${config.connections} connections; logs in ${logDir}`);
  const report = { started: started.toISOString(), machine, config, throughput: {}, cold: {}, memory: {}, profile: undefined, checks: [] };
  const jar = config.targets.some((t) => t.startsWith('wiremock')) ? wiremockJar(config.cache) : undefined;

  // 1. Throughput and latency. The mock starts first: its sends give the msg_ids everyone answers.
  const running = {};
  const mockPort = await freePort();
  let defs = targetDefinitions({ jar, wiremockDir: join(work, 'wiremock'), knownIds: [], logDir });
  const mockChild = defs.mock.start(mockPort);
  await waitForAnswer(mockPort, mockChild);
  const tokenRes = await httpCall(mockPort, 'GET', `/cgi-bin/token?${TOKEN_QUERY}`);
  const token = JSON.parse(tokenRes.body).access_token;
  const knownIds = [];
  for (let i = 0; i < 4; i++) {
    const res = await httpCall(mockPort, 'POST', `/cgi-bin/message/mass/sendall?access_token=${token}`, TEXT_TO_TAG);
    const body = JSON.parse(res.body);
    if (body.errcode !== 0) throw new Error(`sendall answered ${res.body}`);
    knownIds.push(body.msg_id);
  }
  writeWiremockStubs(join(work, 'wiremock'), knownIds);
  defs = targetDefinitions({ jar, wiremockDir: join(work, 'wiremock'), knownIds, logDir });
  running.mock = { port: mockPort, child: mockChild };
  for (const name of config.targets.filter((t) => t !== 'mock')) {
    if (!defs[name]) throw new Error(`unknown target ${name}`);
    const port = await freePort();
    const child = defs[name].start(port);
    await waitForAnswer(port, child, { intervalMs: defs[name].pollMs ?? 5 });
    running[name] = { port, child };
  }
  const ops = operations(token, knownIds);
  const samples = {};
  for (const opName of config.ops) {
    const op = ops[opName];
    if (!op) throw new Error(`unknown operation ${opName}`);
    // One answer per request shape from every target, so a misconfigured peer shows up here.
    samples[opName] = {};
    for (const name of config.targets) {
      samples[opName][name] = [];
      for (const r of op.requests.slice(0, 2)) {
        const res = await httpCall(running[name].port, r.method, op.path, r.body);
        samples[opName][name].push({ request: r.body, status: res.status, body: res.body.slice(0, 200) });
      }
    }
  }
  for (const opName of config.ops) {
    const op = ops[opName];
    const runs = Object.fromEntries(config.targets.map((t) => [t, []]));
    if (config.warmup > 0) {
      for (const name of config.targets) {
        process.stdout.write(`  warm-up ${opName} ${name}…\r`);
        await cannon(autocannon, running[name].port, op, config.warmup, config.connections);
      }
    }
    for (let round = 0; round < config.rounds; round++) {
      for (const name of config.targets) {
        const r = await cannon(autocannon, running[name].port, op, config.duration, config.connections);
        runs[name].push(r);
        console.log(`  ${opName.padEnd(10)} round ${round + 1} ${name.padEnd(9)} ${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms${r.non2xx || r.errors ? `  non2xx ${r.non2xx} errors ${r.errors}` : ''}`);
      }
    }
    const summary = {};
    for (const name of config.targets) {
      const list = runs[name];
      summary[name] = {
        rps: median(list.map((r) => r.rps)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        non2xx: list.reduce((s, r) => s + r.non2xx, 0),
        errors: list.reduce((s, r) => s + r.errors, 0),
        pairedRatios: list.map((r, i) => ratio(r.rps, runs.express[i].rps)),
      };
    }
    for (const name of config.targets) {
      summary[name].rpsVsExpress = ratio(summary[name].rps, summary.express.rps);
      summary[name].p99VsExpress = ratio(summary[name].p99, summary.express.p99);
    }
    report.throughput[opName] = { note: op.note, runs, summary, samples: samples[opName] };
  }
  for (const name of Object.keys(running)) await stopProcess(running[name].child);

  // 2. Cold start to first answer, alternating targets (ABAB…), each a fresh process.
  const coldTargets = config.targets.filter((t) => t !== 'bare-http' && t !== 'wiremock-default');
  const cold = Object.fromEntries([...coldTargets, 'mock-inprocess'].map((t) => [t, []]));
  await httpCall(mockPort, 'GET', '/').catch(() => undefined); // warm this process's HTTP client
  for (let run = 0; run < config.coldRuns; run++) {
    for (const name of coldTargets) {
      const port = await freePort();
      const t = performance.now();
      const child = defs[name].start(port);
      const { at } = await waitForAnswer(port, child, { intervalMs: defs[name].pollMs ?? 2 });
      cold[name].push(at - t);
      await stopProcess(child);
    }
    const t = performance.now();
    const inproc = runChild('inproc-start', []);
    cold['mock-inprocess'].push({ ...inproc, spawnToAnswerMs: performance.now() - t });
    console.log(`  cold start round ${run + 1}: ${coldTargets.map((n) => `${n} ${fmt(cold[n].at(-1))} ms`).join(', ')}, startMockServer in-process ${fmt(inproc.totalMs)} ms (import ${fmt(inproc.importMs)} + start ${fmt(inproc.startMs)} + first answer ${fmt(inproc.firstAnswerMs)})`);
  }
  for (const name of coldTargets) report.cold[name] = { runs: cold[name], median: median(cold[name]) };
  const inprocRuns = cold['mock-inprocess'];
  report.cold['mock-inprocess'] = {
    runs: inprocRuns,
    median: median(inprocRuns.map((r) => r.totalMs)),
    importMs: median(inprocRuns.map((r) => r.importMs)),
    startMs: median(inprocRuns.map((r) => r.startMs)),
    firstAnswerMs: median(inprocRuns.map((r) => r.firstAnswerMs)),
    processSpawnToAnswerMs: median(inprocRuns.map((r) => r.spawnToAnswerMs)),
  };

  // 3. Memory and per-call costs with many messages, each in a fresh process.
  console.log('  memory: 10,000 messages…');
  report.memory.small = runChild('memory', [10_000], ['--expose-gc']);
  console.log(`  memory: ${fmt(config.messages)} messages…`);
  report.memory.big = runChild('memory', [config.messages], ['--expose-gc', '--max-old-space-size=4096']);
  console.log('  memory: a send to 10 fans against a send to 10,000,000…');
  const fanRuns = { 10: [], 10_000_000: [] };
  for (let i = 0; i < 3; i++) for (const fans of [10, 10_000_000]) fanRuns[fans].push(runChild('fans', [fans, config.fanSends], ['--expose-gc']));
  report.memory.fans = {
    sends: config.fanSends,
    small: { runs: fanRuns[10], heapPerSend: median(fanRuns[10].map((r) => r.heapPerSend)), audience: fanRuns[10][0].audience },
    big: { runs: fanRuns[10_000_000], heapPerSend: median(fanRuns[10_000_000].map((r) => r.heapPerSend)), audience: fanRuns[10_000_000][0].audience },
  };

  // 4. A CPU profile of the CLI under load (getSpeed, then massmsgget, then setSpeed).
  if (config.profile && config.targets.includes('mock')) {
    const profDir = join(reportsDir, 'profile');
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
    const port = await freePort();
    const child = startProcess(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, join(DIST, 'mock/cli/bin.js'), '--port', port, '--clock', 'manual', '--seed', '1'], { log: join(logDir, 'profile.log') });
    await waitForAnswer(port, child);
    const t = JSON.parse((await httpCall(port, 'GET', `/cgi-bin/token?${TOKEN_QUERY}`)).body).access_token;
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(JSON.parse((await httpCall(port, 'POST', `/cgi-bin/message/mass/sendall?access_token=${t}`, TEXT_TO_TAG)).body).msg_id);
    const profOps = operations(t, ids);
    const profRuns = {};
    for (const opName of config.ops) profRuns[opName] = await cannon(autocannon, port, profOps[opName], config.profileDuration, config.connections);
    await stopProcess(child, 'SIGINT');
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      report.profile = { file: relative(ROOT, join(profDir, file)), underProfiler: profRuns, ...analyseProfile(join(profDir, file)) };
    } else {
      report.profile = { error: 'no .cpuprofile written' };
    }
  }

  // 5. Verdicts against the targets of DESIGN.md and the lead's brief.
  const checks = report.checks;
  const check = (what, target, actual, pass) => checks.push({ what, target, actual, pass });
  for (const opName of config.ops) {
    const s = report.throughput[opName].summary;
    check(`${opName}: throughput vs minimal Express`, '≥ 1.0×', x(s.mock.rpsVsExpress), s.mock.rpsVsExpress >= 1.0);
    if (s.wiremock) check(`${opName}: throughput vs WireMock (journal and logging off)`, '≥ 1.2×', x(ratio(s.mock.rps, s.wiremock.rps)), ratio(s.mock.rps, s.wiremock.rps) >= 1.2);
    if (s['wiremock-default']) check(`${opName}: throughput vs WireMock (defaults)`, '≥ 1.2×', x(ratio(s.mock.rps, s['wiremock-default'].rps)), ratio(s.mock.rps, s['wiremock-default'].rps) >= 1.2);
    if (s.prism) check(`${opName}: throughput vs Prism`, '≥ 4×', x(ratio(s.mock.rps, s.prism.rps)), ratio(s.mock.rps, s.prism.rps) >= 4);
    check(`${opName}: p99 vs minimal Express`, '≤ 1.0×', `${fmt(s.mock.p99, 2)} ms vs ${fmt(s.express.p99, 2)} ms = ${x(s.mock.p99VsExpress)}`, s.mock.p99 <= s.express.p99);
    check(`${opName}: no errors or non-2xx on the mock`, '0', `${s.mock.non2xx + s.mock.errors}`, s.mock.non2xx + s.mock.errors === 0);
  }
  const coldRatio = ratio(report.cold.mock?.median, report.cold.express?.median);
  check('CLI cold start vs minimal Express', '≤ 1.5×', `${fmt(report.cold.mock?.median)} ms vs ${fmt(report.cold.express?.median)} ms = ${x(coldRatio)}`, coldRatio <= 1.5);
  const big = report.memory.big;
  check(`rss with ${fmt(big.count)} messages`, '< 400 MB', mb(big.afterSending.rss), big.afterSending.rss < 400 * 2 ** 20);
  const fans = report.memory.fans;
  const fanRatio = ratio(fans.big.heapPerSend, fans.small.heapPerSend);
  check('heap per send, 10,000,000 fans vs 10', '≈ 1× (within 0.9–1.1)', `${fmt(fans.big.heapPerSend)} B vs ${fmt(fans.small.heapPerSend)} B = ${x(fanRatio)}`, fanRatio >= 0.9 && fanRatio <= 1.1);
  report.finished = new Date().toISOString();
  if (distStamp() !== builtAt) {
    report.warning = 'dist/ was rebuilt during this run: the figures mix two builds; run it again';
    console.warn(`bench: ${report.warning}`);
  }

  const md = renderMarkdown(report);
  writeFileSync(join(reportsDir, 'bench.md'), md);
  writeFileSync(join(reportsDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${md}`);
  console.log(`wrote ${relative(ROOT, join(reportsDir, 'bench.md'))} and ${relative(ROOT, join(reportsDir, 'bench.json'))}`);
  rmSync(work, { recursive: true, force: true });
  return 0;
}

function renderMarkdown(report) {
  const { config, machine } = report;
  const lines = [];
  const labels = { mock: 'mock (CLI)', express: 'minimal Express 5', 'bare-http': 'bare node:http', prism: 'prism mock', wiremock: 'WireMock, journal and logging off', 'wiremock-default': 'WireMock, defaults', 'mock-inprocess': 'startMockServer in-process' };
  lines.push('# wechat-mass-mock benchmark', '');
  lines.push(`${report.started} · ${machine.cpus} · ${machine.memory} · node ${machine.node} · ${machine.java} · ${machine.platform}`, '');
  lines.push(`autocannon on loopback, ${config.connections} connections, ${config.rounds} alternating rounds (ABAB…) of ${config.duration} s per target and operation after ${config.warmup} s of warm-up; every figure is the median over the rounds, every ratio a ratio of medians against the minimal Express 5 app measured in the same rounds.${config.quick ? ' **Quick mode: indicative only.**' : ''}`, '');
  if (report.warning) lines.push(`**Warning: ${report.warning}.**`, '');
  lines.push('## Throughput and latency', '');
  lines.push('| operation | target | req/s | vs Express | p50 ms | p99 ms | p99 vs Express | per-round ratio range | non-2xx / errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---|---:|');
  for (const [opName, { summary }] of Object.entries(report.throughput)) {
    for (const [name, s] of Object.entries(summary)) {
      const range = s.pairedRatios.filter(Number.isFinite);
      lines.push(`| ${opName} | ${labels[name] ?? name} | ${fmt(s.rps)} | ${x(s.rpsVsExpress)} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${x(s.p99VsExpress)} | ${range.length ? `${fmt(Math.min(...range), 2)}–${fmt(Math.max(...range), 2)}` : ''} | ${s.non2xx} / ${s.errors} |`);
    }
  }
  lines.push('', 'massmsgget mixes known and unknown msg_ids (known ones also as numeric strings); setSpeed alternates speeds 1, 0, 2, 0; getSpeed sends `{}`. Every target gets the same URLs (with the mock\'s access_token) and bodies. Prism answers its first named example; WireMock matches massmsgget bodies with `equalToJson` stubs, once with `--no-request-journal --disable-request-logging` and once with its defaults.', '');
  lines.push('## Cold start to first answer', '');
  lines.push('| target | median ms | vs Express | runs (ms) |', '|---|---:|---:|---|');
  for (const [name, c] of Object.entries(report.cold)) {
    const runs = name === 'mock-inprocess' ? c.runs.map((r) => r.totalMs) : c.runs;
    lines.push(`| ${labels[name] ?? name} | ${fmt(c.median)} | ${name === 'mock-inprocess' ? '' : x(ratio(c.median, report.cold.express?.median))} | ${runs.map((r) => fmt(r)).join(', ')} |`);
  }
  const ip = report.cold['mock-inprocess'];
  if (ip) lines.push('', `Process spawn to first answer through the CLI binary is the CLI row. In-process (a fresh node importing dist/mock/index.js): import ${fmt(ip.importMs)} ms + startMockServer ${fmt(ip.startMs)} ms + first answer ${fmt(ip.firstAnswerMs)} ms; the same child from spawn to its answer took ${fmt(ip.processSpawnToAnswerMs)} ms including node's own start.`);
  lines.push('', '## Memory and per-call cost with many messages', '');
  const m = report.memory;
  lines.push('| messages stored | rss (all SENDING) | heapUsed | rss after all ended | heap per message | create time | massmsgget (domain) | massmsgget (handler, JSON + token) | unknown msg_id | setSpeed while all SENDING | setSpeed after all ended | ending them all (one tick) |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of [m.small, m.big]) {
    lines.push(
      `| ${fmt(r.count)} | ${mb(r.afterSending.rss)} | ${mb(r.afterSending.heapUsed)} | ${mb(r.afterSettled.rss)} | ${fmt((r.afterSending.heapUsed - r.before.heapUsed) / r.count)} B | ${fmt(r.createMs)} ms | ${fmt(r.massmsggetDomainNs / 1000, 2)} µs | ${fmt(r.massmsggetHandlerNs / 1000, 2)} µs | ${fmt(r.massmsggetUnknownNs / 1000, 2)} µs | ${fmt(r.setSpeedWhileActiveNs / 1000, 1)} µs | ${fmt(r.setSpeedSettledNs / 1000, 2)} µs | ${fmt(r.settleAllMs)} ms |`,
    );
  }
  lines.push('', `Baseline before any message: rss ${mb(m.small.before.rss)}, heapUsed ${mb(m.small.before.heapUsed)}. rss after \`gc()\` (--expose-gc).${m.small.stateBytes ? ` GET /__mock/state's view of the 10,000-message app: ${fmt(m.small.stateBytes / 2 ** 20, 1)} MB of JSON built in ${fmt(m.small.stateMs)} ms.` : ''}`);
  const f = m.fans;
  lines.push('', `A send to all of 10,000,000 fans vs to all of 10 (${fmt(f.sends)} sends in a fresh process, 3 processes each, median): heap per send ${fmt(f.big.heapPerSend)} B vs ${fmt(f.small.heapPerSend)} B (runs: ${f.big.runs.map((r) => fmt(r.heapPerSend)).join(', ')} vs ${f.small.runs.map((r) => fmt(r.heapPerSend)).join(', ')}; audience recorded ${fmt(f.big.audience)} and ${fmt(f.small.audience)}).`);
  if (report.profile && !report.profile.error) {
    const p = report.profile;
    lines.push('', '## Where the time goes (CPU profile of the CLI under load)', '');
    lines.push(`\`node --cpu-prof\`, ${config.ops.join(', ')} for ${config.profileDuration} s each (${Object.entries(p.underProfiler).map(([k, v]) => `${k} ${fmt(v.rps)} req/s`).join(', ')} under the profiler); ${fmt(p.busyMs)} ms busy of ${fmt(p.totalMs)} ms sampled. Profile: \`${p.file}\`.`, '');
    lines.push('Self time by place:', '', '| place | ms | share |', '|---|---:|---:|');
    for (const r of p.selfByPlace) lines.push(`| ${r.name} | ${fmt(r.ms)} | ${fmt(r.share * 100, 1)} % |`);
    lines.push('', 'Self time by function (top 30):', '', '| function | ms | share |', '|---|---:|---:|');
    for (const r of p.selfByFunction) lines.push(`| \`${r.name}\` | ${fmt(r.ms)} | ${fmt(r.share * 100, 1)} % |`);
    lines.push('', 'Inclusive time of our own functions (mock/, contracts/):', '', '| function | ms | share |', '|---|---:|---:|');
    for (const r of p.inclusiveOurs) lines.push(`| \`${r.name}\` | ${fmt(r.ms)} | ${fmt(r.share * 100, 1)} % |`);
  }
  lines.push('', '## Against the targets', '', '| check | target | measured | |', '|---|---|---|---|');
  for (const c of report.checks) lines.push(`| ${c.what} | ${c.target} | ${c.actual} | ${c.pass ? 'pass' : '**FAIL**'} |`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------- entry point

if (process.argv[2] === '--child') {
  const kind = process.argv[3];
  const run = kind === 'memory' ? childMemory : kind === 'inproc-start' ? childInprocStart : kind === 'fans' ? childFans : undefined;
  if (!run) {
    console.error(`unknown child ${kind}`);
    process.exit(2);
  }
  run(process.argv.slice(4)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      stopAll();
      process.exit(1);
    },
  );
}
