/** Verdicts against the targets of DESIGN.md and the lead's brief. */
import { fmt, mb, x } from './format.mjs';
import { ratio } from './stats.mjs';

function checkOperation(check, opName, s) {
  check(`${opName}: throughput vs minimal Express`, '≥ 1.0×', x(s.mock.rpsVsExpress), s.mock.rpsVsExpress >= 1.0);
  if (s.wiremock) check(`${opName}: throughput vs WireMock (journal and logging off)`, '≥ 1.2×', x(ratio(s.mock.rps, s.wiremock.rps)), ratio(s.mock.rps, s.wiremock.rps) >= 1.2);
  if (s['wiremock-default']) check(`${opName}: throughput vs WireMock (defaults)`, '≥ 1.2×', x(ratio(s.mock.rps, s['wiremock-default'].rps)), ratio(s.mock.rps, s['wiremock-default'].rps) >= 1.2);
  if (s.prism) check(`${opName}: throughput vs Prism`, '≥ 4×', x(ratio(s.mock.rps, s.prism.rps)), ratio(s.mock.rps, s.prism.rps) >= 4);
  check(`${opName}: p99 vs minimal Express`, '≤ 1.0×', `${fmt(s.mock.p99, 2)} ms vs ${fmt(s.express.p99, 2)} ms = ${x(s.mock.p99VsExpress)}`, s.mock.p99 <= s.express.p99);
  check(`${opName}: no errors or non-2xx on the mock`, '0', `${s.mock.non2xx + s.mock.errors}`, s.mock.non2xx + s.mock.errors === 0);
}

/** The report's `checks`: `{ what, target, actual, pass }` each. */
export function checkTargets(report) {
  const checks = [];
  const check = (what, target, actual, pass) => checks.push({ what, target, actual, pass });
  for (const opName of report.config.ops) checkOperation(check, opName, report.throughput[opName].summary);
  const coldRatio = ratio(report.cold.mock?.median, report.cold.express?.median);
  check('CLI cold start vs minimal Express', '≤ 1.5×', `${fmt(report.cold.mock?.median)} ms vs ${fmt(report.cold.express?.median)} ms = ${x(coldRatio)}`, coldRatio <= 1.5);
  const big = report.memory.big;
  check(`rss with ${fmt(big.count)} messages`, '< 400 MB', mb(big.afterSending.rss), big.afterSending.rss < 400 * 2 ** 20);
  const withFile = report.throughput.setSpeed?.summary['mock-state'];
  if (withFile) {
    const fileRatio = ratio(withFile.rps, report.throughput.setSpeed.summary.mock.rps);
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
