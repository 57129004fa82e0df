/**
 * Cold start to first answer: each target as a fresh process, taking turns (ABAB…), and
 * startMockServer imported and started in a fresh node (child.mjs `inproc-start`).
 */
import { performance } from 'node:perf_hooks';
import { fmt } from './format.mjs';
import { freePort, httpCall, waitForAnswer } from './http.mjs';
import { importMockEntry } from './paths.mjs';
import { runChild, stopProcess } from './processes.mjs';
import { TOKEN_QUERY } from './requests.mjs';
import { median } from './stats.mjs';

/** Child: startMockServer in a fresh process: import, start, first answer. */
export async function childInprocStart() {
  const atScript = performance.now();
  const index = await importMockEntry();
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

/** From spawning the target's process to its first answer, in ms. */
async function timeToFirstAnswer(def) {
  const port = await freePort();
  const t = performance.now();
  const child = def.start(port);
  const { at } = await waitForAnswer(port, child, { intervalMs: def.pollMs ?? 2 });
  await stopProcess(child);
  return at - t;
}

function inprocSummary(runs) {
  return {
    runs,
    median: median(runs.map((r) => r.totalMs)),
    importMs: median(runs.map((r) => r.importMs)),
    startMs: median(runs.map((r) => r.startMs)),
    firstAnswerMs: median(runs.map((r) => r.firstAnswerMs)),
    processSpawnToAnswerMs: median(runs.map((r) => r.spawnToAnswerMs)),
  };
}

/**
 * `config.coldRuns` rounds over every target but the two bare node:http ones and wiremock-default, each round ending
 * with startMockServer in-process: the report's `cold`. `warmPort`: any port, for the warm-up call.
 */
export async function measureColdStart(defs, config, warmPort) {
  const coldTargets = config.targets.filter((t) => t !== 'bare-http' && t !== 'bare-http-work' && t !== 'wiremock-default');
  const cold = Object.fromEntries([...coldTargets, 'mock-inprocess'].map((t) => [t, []]));
  await httpCall(warmPort, 'GET', '/').catch(() => undefined); // warm this process's HTTP client
  for (let run = 0; run < config.coldRuns; run++) {
    for (const name of coldTargets) cold[name].push(await timeToFirstAnswer(defs[name]));
    const t = performance.now();
    const inproc = runChild('inproc-start', []);
    cold['mock-inprocess'].push({ ...inproc, spawnToAnswerMs: performance.now() - t });
    console.log(`  cold start round ${run + 1}: ${coldTargets.map((n) => `${n} ${fmt(cold[n].at(-1))} ms`).join(', ')}, startMockServer in-process ${fmt(inproc.totalMs)} ms (import ${fmt(inproc.importMs)} + start ${fmt(inproc.startMs)} + first answer ${fmt(inproc.firstAnswerMs)})`);
  }
  const report = {};
  for (const name of coldTargets) report[name] = { runs: cold[name], median: median(cold[name]) };
  report['mock-inprocess'] = inprocSummary(cold['mock-inprocess']);
  return report;
}
