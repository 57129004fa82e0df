/**
 * Operations added after the first ones stay within 10 % of getSpeed (uploads and list pages
 * excepted). A CLI of their own, since sendAll stores a message per call: SENDING_APP with a fan's
 * openids and a draft, every request checked a success first. Then getSpeed and the later operations
 * take turns round after round at the first connection count; each is compared with getSpeed of the
 * same rounds. After each run the journal's newest entries of that operation (up to its ring of
 * 10,000) must be successes too. Bare node:http answering each operation's very answer takes its
 * turn as well: a bigger answer costs node:http and the client more whoever sends it, and its
 * ratio to getSpeed there is the floor the mock's is compared with.
 */
import { join } from 'node:path';
import { freePort, waitForAnswer } from './http.mjs';
import { cannon, describeRun, measuredRun } from './load.mjs';
import { createSendingApp, expectSuccesses, journalFailures, laterInputs } from './mock-app.mjs';
import { stopProcess } from './processes.mjs';
import { laterOperations } from './requests.mjs';
import { median, ratio } from './stats.mjs';
import { startBareHttp, startMockCli } from './targets.mjs';

/** A warm-up per operation, then `config.rounds` rounds in which each runs once, getSpeed first. */
async function alternateOps(autocannon, server, bare, ops, config, connections) {
  const runs = Object.fromEntries(Object.keys(ops).map((name) => [name, []]));
  const bareRuns = Object.fromEntries(Object.keys(ops).map((name) => [name, []]));
  if (config.warmup > 0) {
    for (const [name, op] of Object.entries(ops)) {
      process.stdout.write(`  warm-up ${name}…\r`);
      await cannon(autocannon, server.port, op, config.warmup, connections);
    }
  }
  for (let round = 0; round < config.rounds; round++) {
    for (const [name, op] of Object.entries(ops)) {
      const r = { ...(await measuredRun(autocannon, server, op, config.duration, connections)), journal: await journalFailures(server.port, name) };
      runs[name].push(r);
      console.log(`  ${name.padEnd(16)} round ${round + 1} ${describeRun(r)}${r.journal.failed ? `  journal: ${r.journal.failed} of ${r.journal.checked} failed` : ''}`);
      const b = await measuredRun(autocannon, bare, op, config.duration, connections);
      bareRuns[name].push(b);
      console.log(`  ${name.padEnd(16)} round ${round + 1} bare node:http ${describeRun(b)}`);
    }
  }
  return { runs, bareRuns };
}

function summarise(runs, bareRuns) {
  const speed = median(runs.getSpeed.map((r) => r.rps));
  const bareSpeed = median(bareRuns.getSpeed.map((r) => r.rps));
  const speedCpu = median(runs.getSpeed.map((r) => r.cpuUsPerRequest));
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => {
      const pairedRatios = list.map((r, i) => ratio(r.rps, runs.getSpeed[i].rps));
      const rps = median(list.map((r) => r.rps));
      const bareVsGetSpeed = ratio(median(bareRuns[name].map((r) => r.rps)), bareSpeed);
      const cpuUsPerRequest = median(list.map((r) => r.cpuUsPerRequest));
      return [
        name,
        {
          rps,
          vsGetSpeed: ratio(rps, speed),
          bareVsGetSpeed,
          vsBareShare: ratio(ratio(rps, speed), bareVsGetSpeed),
          pairedRatios,
          pairedMedian: median(pairedRatios),
          p99: median(list.map((r) => r.p99)),
          cpuUsPerRequest,
          cpuVsGetSpeed: ratio(speedCpu, cpuUsPerRequest),
          non2xx: list.reduce((s, r) => s + r.non2xx, 0),
          errors: list.reduce((s, r) => s + r.errors, 0),
          journalChecked: list.reduce((s, r) => s + r.journal.checked, 0),
          journalFailed: list.reduce((s, r) => s + r.journal.failed, 0),
        },
      ];
    }),
  );
}

/** The report's `laterOps`: `{ connections, paths, runs, summary }`, getSpeed among them. */
export async function measureLaterOps(autocannon, config, logDir) {
  const [connections] = config.connections;
  const port = await freePort();
  const child = startMockCli(port, join(logDir, 'later-ops.log'));
  let bare;
  try {
    await waitForAnswer(port, child);
    const token = await createSendingApp(port);
    const ops = laterOperations(token, await laterInputs(port, token));
    const answers = await expectSuccesses(port, ops);
    const barePort = await freePort();
    bare = startBareHttp(barePort, join(logDir, 'later-ops-bare.log'), { knownIds: [], answers });
    await waitForAnswer(barePort, bare);
    const { runs, bareRuns } = await alternateOps(autocannon, { port, child }, { port: barePort, child: bare }, ops, config, connections);
    const paths = Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, `${op.requests[0].method} ${op.path.split('?')[0]}`]));
    return { connections, paths, runs, bareRuns, summary: summarise(runs, bareRuns) };
  } finally {
    await stopProcess(child);
    if (bare) await stopProcess(bare);
  }
}
