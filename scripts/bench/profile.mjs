/**
 * CPU profiles (`node --cpu-prof`) of the CLI and of bare node:http under the same load, and where
 * their time goes: by place, by function, and by stage of the request path side by side.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchToken, freePort, sendToTag, waitForAnswer } from './http.mjs';
import { measuredRun } from './load.mjs';
import { ROOT } from './paths.mjs';
import { stopProcess } from './processes.mjs';
import { operations } from './requests.mjs';
import { compareStages, stageTimes } from './stages.mjs';
import { startBareHttp, startMockCli } from './targets.mjs';

/** bare-http.mjs has no SIGINT handler, and node writes a --cpu-prof profile only on a normal exit. */
const EXIT_ON_SIGINT = ['--import', 'data:text/javascript,process.on("SIGINT",()=>process.exit())'];

/** Now on the clock of a profile's timestamps (both are CLOCK_MONOTONIC on Linux), in µs. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Microseconds of self time per node id, and in all, of the samples taken within `window`
 * (`{ fromUs, toUs }`): the load only, not the start-up before it.
 */
function selfTimes(profile, window) {
  const self = new Map();
  let total = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < window.fromUs || at > window.toUs) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  return { self, total };
}

/** A frame's package, node core, a pseudo-frame such as (idle), or its file under dist/. */
function placeOf(frame) {
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
}

const frameKey = (frame) => `${frame.functionName || '(anonymous)'} ${placeOf(frame)}:${frame.lineNumber + 1}`;

function selfByFunctionAndPlace(self, byId) {
  const byFunction = new Map();
  const byPlace = new Map();
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    byFunction.set(frameKey(frame), (byFunction.get(frameKey(frame)) ?? 0) + us);
    const place = placeOf(frame);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  return { byFunction, byPlace };
}

/** The report's name of a place: our own files marked as such. */
const placeLabel = (place) => (place.startsWith('mock/') || place.startsWith('contracts/') ? `ours: ${place}` : place);

/** Inclusive time per function, counted once per stack (a recursive function is not counted twice). */
function inclusiveTimes(profile, byId, self) {
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
    const k = frameKey(node.callFrame);
    const fresh = !onStack.has(k);
    if (fresh) {
      inclusive.set(k, (inclusive.get(k) ?? 0) + subtree.get(id));
      onStack.add(k);
    }
    for (const child of node.children ?? []) walk(child, onStack);
    if (fresh) onStack.delete(k);
  };
  walk(root, new Set());
  return inclusive;
}

export function analyseProfile(file, window) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const { self, total } = selfTimes(profile, window);
  if (total === 0) throw new Error(`${file} has no sample within the load`);
  const { byFunction, byPlace } = selfByFunctionAndPlace(self, byId);
  const inclusive = inclusiveTimes(profile, byId, self);
  const busy = total - (byPlace.get('(idle)') ?? 0);
  // Shares of busy time: idle is most of a profile whose server waits while the other one is loaded.
  const top = (map, n, filter = () => true) =>
    [...map.entries()]
      .filter(([k]) => !k.startsWith('(idle)') && filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    selfByPlace: top(byPlace, 25).map((row) => ({ ...row, name: placeLabel(row.name) })),
    selfByFunction: top(byFunction, 30),
    inclusiveOurs: top(inclusive, 25, (k) => / (mock|contracts)\//.test(k)),
    inclusiveExpress: top(inclusive, 12, (k) => / (express|router|body-parser|finalhandler|path-to-regexp) ?:/.test(k) || / (express|router):/.test(k)),
    stagesUs: stageTimes(byPlace),
  };
}

/** The profile `server` (`{ child, dir }`) wrote once stopped with SIGINT, analysed over `window`, with the requests it answered and its CPU time per request. */
async function collect(server, underProfiler, window) {
  await stopProcess(server.child, 'SIGINT');
  const file = readdirSync(server.dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${server.dir}`);
  const runs = Object.values(underProfiler);
  const requests = runs.reduce((sum, r) => sum + r.total, 0);
  const cpuUsPerRequest = (runs.reduce((sum, r) => sum + r.cpuMs, 0) * 1000) / requests;
  return { file: relative(ROOT, join(server.dir, file)), underProfiler, requests, cpuUsPerRequest, ...analyseProfile(join(server.dir, file), window) };
}

/**
 * The CLI and bare node:http, both under --cpu-prof, loaded in turn (mock then bare, operation after
 * operation of `config.ops`, `config.profileDuration` s each), so that both meet the same load on the
 * machine; each is idle while the other runs, and idle time is left out. The report's `profile`,
 * `{ mock, bare, stages }`.
 */
export async function profileServers({ autocannon, config, reportsDir, logDir }) {
  const profDir = join(reportsDir, 'profile');
  rmSync(profDir, { recursive: true, force: true });
  const mock = { dir: join(profDir, 'mock'), port: await freePort() };
  const bare = { dir: join(profDir, 'bare-http'), port: await freePort() };
  for (const { dir } of [mock, bare]) mkdirSync(dir, { recursive: true });
  mock.child = startMockCli(mock.port, join(logDir, 'profile.log'), { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', mock.dir] });
  await waitForAnswer(mock.port, mock.child);
  const token = await fetchToken(mock.port);
  const ids = [];
  for (let i = 0; i < 4; i++) ids.push((await sendToTag(mock.port, token, i)).body.msg_id);
  bare.child = startBareHttp(bare.port, join(logDir, 'profile-bare-http.log'), { knownIds: ids, nodeFlags: ['--cpu-prof', '--cpu-prof-dir', bare.dir, ...EXIT_ON_SIGINT] });
  await waitForAnswer(bare.port, bare.child);
  const ops = operations(token, ids);
  const [connections] = config.connections;
  const under = { mock: {}, bare: {} };
  const window = { fromUs: nowUs() };
  for (const opName of config.ops) {
    for (const [name, server] of Object.entries({ mock, bare })) under[name][opName] = await measuredRun(autocannon, server, ops[opName], config.profileDuration, connections);
  }
  window.toUs = nowUs();
  const profiles = { mock: await collect(mock, under.mock, window), bare: await collect(bare, under.bare, window) };
  return { ...profiles, stages: compareStages(profiles.mock, profiles.bare) };
}
