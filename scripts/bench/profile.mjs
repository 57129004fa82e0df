/** A CPU profile of the CLI under load (`node --cpu-prof`), and where its time goes. */
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchToken, freePort, sendToTag, waitForAnswer } from './http.mjs';
import { cannon } from './load.mjs';
import { ROOT } from './paths.mjs';
import { stopProcess } from './processes.mjs';
import { operations } from './requests.mjs';
import { startMockCli } from './targets.mjs';

/** Microseconds of self time per node id, and in all. */
function selfTimes(profile) {
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
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
    const bucket = place.startsWith('mock/') ? `ours: ${place}` : place.startsWith('contracts/') ? `ours: ${place}` : place;
    byPlace.set(bucket, (byPlace.get(bucket) ?? 0) + us);
  }
  return { byFunction, byPlace };
}

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

export function analyseProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const { self, total } = selfTimes(profile);
  const { byFunction, byPlace } = selfByFunctionAndPlace(self, byId);
  const inclusive = inclusiveTimes(profile, byId, self);
  const top = (map, n, filter = () => true) =>
    [...map.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  const busy = total - (byPlace.get('(idle)') ?? 0);
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    selfByPlace: top(byPlace, 25),
    selfByFunction: top(byFunction, 30),
    inclusiveOurs: top(inclusive, 25, (k) => / (mock|contracts)\//.test(k)),
    inclusiveExpress: top(inclusive, 12, (k) => / (express|router|body-parser|finalhandler|path-to-regexp) ?:/.test(k) || / (express|router):/.test(k)),
  };
}

/** The CLI under --cpu-prof, each operation of `config.ops` for `config.profileDuration` s: the report's `profile`. */
export async function profileCli({ autocannon, config, reportsDir, logDir }) {
  const profDir = join(reportsDir, 'profile');
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const port = await freePort();
  const child = startMockCli(port, join(logDir, 'profile.log'), { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profDir] });
  await waitForAnswer(port, child);
  const token = await fetchToken(port);
  const ids = [];
  for (let i = 0; i < 4; i++) ids.push((await sendToTag(port, token, i)).body.msg_id);
  const profOps = operations(token, ids);
  const underProfiler = {};
  for (const opName of config.ops) underProfiler[opName] = await cannon(autocannon, port, profOps[opName], config.profileDuration, config.connections[0]);
  await stopProcess(child, 'SIGINT');
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { error: 'no .cpuprofile written' };
  return { file: relative(ROOT, join(profDir, file)), underProfiler, ...analyseProfile(join(profDir, file)) };
}
