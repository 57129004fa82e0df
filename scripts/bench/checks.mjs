/** Verdicts against the targets of DESIGN.md and the lead's brief. */
import { fmt, mb, x } from './format.mjs';
import { ratio } from './stats.mjs';
import { REFERENCE_OPS } from './requests.mjs';

function checkOperation(check, opName, s, connections) {
  const at = `${opName}, ${connections} connections`;
  check(`${at}: throughput vs minimal Express`, '≥ 1.0×', x(s.mock.rpsVsExpress), s.mock.rpsVsExpress >= 1.0);
  if (s.wiremock) check(`${at}: throughput vs WireMock (journal and logging off)`, '≥ 1.2×', x(ratio(s.mock.rps, s.wiremock.rps)), ratio(s.mock.rps, s.wiremock.rps) >= 1.2);
  if (s['wiremock-default']) check(`${at}: throughput vs WireMock (defaults)`, '≥ 1.2×', x(ratio(s.mock.rps, s['wiremock-default'].rps)), ratio(s.mock.rps, s['wiremock-default'].rps) >= 1.2);
  if (s.prism) check(`${at}: throughput vs Prism`, '≥ 4×', x(ratio(s.mock.rps, s.prism.rps)), ratio(s.mock.rps, s.prism.rps) >= 4);
  check(`${at}: p99 vs minimal Express`, '≤ 1.0×', `${fmt(s.mock.p99, 2)} ms vs ${fmt(s.express.p99, 2)} ms = ${x(s.mock.p99VsExpress)}`, s.mock.p99 <= s.express.p99);
  check(`${at}: no errors or non-2xx on the mock`, '0', `${s.mock.non2xx + s.mock.errors}`, s.mock.non2xx + s.mock.errors === 0);
}

function checkCeiling(check, ceiling) {
  for (const [connections, ops] of Object.entries(ceiling)) {
    for (const [opName, c] of Object.entries(ops)) {
      check(`${opName}, ${connections} connections: throughput vs bare node:http`, '≥ 0.9×', `${x(c.rpsRatio)} (paired median ${x(c.pairedMedian)}; CPU per request bare/mock ${x(c.cpuRatio)})`, c.rpsRatio >= 0.9);
    }
  }
}

function checkLaterOps(check, { connections, summary }) {
  for (const [opName, s] of Object.entries(summary)) {
    if (opName === 'getSpeed' || REFERENCE_OPS.has(opName)) continue;
    const failed = s.non2xx + s.errors + s.journalFailed;
    const within = s.vsGetSpeed >= 0.9 || s.vsBareShare >= 0.9;
    check(
      `${opName} vs getSpeed (the mock, ${connections} connections)`,
      '≥ 0.9×, or ≥ 0.9× of what bare node:http keeps answering the same bytes',
      `${x(s.vsGetSpeed)} (bare node:http with the same answers ${x(s.bareVsGetSpeed)}, so the mock's own share ${x(s.vsBareShare)}; paired median ${x(s.pairedMedian)}; CPU per request getSpeed/this ${x(s.cpuVsGetSpeed)})${failed ? `; ${failed} answers not a success` : ''}`,
      within && failed === 0,
    );
  }
}

function checkHttpMemory(check, m) {
  const limit = 300 * 2 ** 20;
  const failed = m.non2xx + m.errors + m.journal.failed;
  check(`rss through HTTP after ${fmt(m.count)} sendall, all SENDING`, '< 300 MB', `${mb(m.rssAfterSends)}${failed ? `; ${failed} answers not a success` : ''}`, m.rssAfterSends < limit && failed === 0);
  check(`rss through HTTP after ${fmt(m.count)} sendall, all ended`, '< 300 MB', mb(m.rssAfterEnded), m.rssAfterEnded < limit);
}

/** The report's `checks`: `{ what, target, actual, pass }` each. The peers are compared at the first connection count. */
export function checkTargets(report) {
  const checks = [];
  const check = (what, target, actual, pass) => checks.push({ what, target, actual, pass });
  const [connections] = report.config.connections;
  const throughput = report.throughput[connections];
  for (const opName of report.config.ops) checkOperation(check, opName, throughput[opName].summary, connections);
  if (report.ceiling) checkCeiling(check, report.ceiling);
  if (report.laterOps) checkLaterOps(check, report.laterOps);
  const coldRatio = ratio(report.cold.mock?.median, report.cold.express?.median);
  check('CLI cold start vs minimal Express', '≤ 1.5×', `${fmt(report.cold.mock?.median)} ms vs ${fmt(report.cold.express?.median)} ms = ${x(coldRatio)}`, coldRatio <= 1.5);
  checkHttpMemory(check, report.memory.http);
  const big = report.memory.big;
  check(`rss with ${fmt(big.count)} messages, inside the domain (no HTTP)`, '< 400 MB', mb(big.afterSending.rss), big.afterSending.rss < 400 * 2 ** 20);
  const withFile = throughput.setSpeed?.summary['mock-state'];
  if (withFile) {
    const fileRatio = ratio(withFile.rps, throughput.setSpeed.summary.mock.rps);
    check('setSpeed with --state-file vs in memory', '≥ 0.75×', x(fileRatio), fileRatio >= 0.75);
  }
  const state = report.stateFile;
  if (state) check(`longest compaction pause, ${fmt(state.count)} messages`, '< 50 ms', `${fmt(state.longestSliceMs, 1)} ms (event loop delay max ${fmt(state.longestLoopDelayMs, 1)} ms)`, state.longestSliceMs < 50);
  const fans = report.memory.fans;
  const fanRatio = ratio(fans.big.heapPerSend, fans.small.heapPerSend);
  check('heap per send, 10,000,000 fans vs 10', '≈ 1× (within 0.9–1.1)', `${fmt(fans.big.heapPerSend)} B vs ${fmt(fans.small.heapPerSend)} B = ${x(fanRatio)}`, fanRatio >= 0.9 && fanRatio <= 1.1);
  const { small, big: large } = report.memory.audience;
  const extra = large.heapDelta - small.heapDelta;
  check('heap of an app with its followers, a tag and their pages, 10,000,000 fans vs 10', '< 256 KB more', `${fmt(large.heapDelta / 1024, 1)} KB vs ${fmt(small.heapDelta / 1024, 1)} KB`, extra < 256 * 1024);
  return checks;
}
