/** reports/bench.md and reports/bench.json. */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fmt, label, mb, x } from './format.mjs';
import { ROOT } from './paths.mjs';
import { ceilingSection, laterOpsSection, throughputSection } from './report-load.mjs';
import { ratio } from './stats.mjs';

function header({ config, machine, started, command, warning }) {
  const lines = ['# wechat-mass-mock benchmark', ''];
  lines.push(`${started} · ${machine.cpus} · ${machine.memory} · node ${machine.node} · ${machine.java} · ${machine.platform}`, '');
  lines.push(`Command: \`${command}\``, '');
  lines.push(`autocannon on loopback, ${config.connections.join(' and ')} connections, ${config.rounds} alternating rounds (ABAB…) of ${config.duration} s per target and operation after ${config.warmup} s of warm-up; every figure is the median over the rounds, every ratio a ratio of medians against the minimal Express 5 app (or bare node:http, or getSpeed) measured in the same rounds.${config.quick ? ' **Quick mode: indicative only.**' : ''}`, '');
  if (warning) lines.push(`**Warning: ${warning}.**`, '');
  return lines;
}

function interceptSection({ summary }) {
  const lines = ['## Intercept mode: getSpeed through the proxy', ''];
  lines.push('| path | req/s | vs direct HTTP | p50 ms | p99 ms | failed |', '|---|---:|---:|---:|---:|---:|');
  for (const s of Object.values(summary)) lines.push(`| ${s.label} | ${fmt(s.rps)} | ${x(s.vsDirect)} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${s.failed} |`);
  lines.push('', 'One lean raw-socket client drives every path with the same connections, since autocannon speaks neither CONNECT nor TLS through a proxy; the mock runs with `--intercept`.', '');
  return lines;
}

function coldSection(cold) {
  const lines = ['## Cold start to first answer', ''];
  lines.push('| target | median ms | vs Express | runs (ms) |', '|---|---:|---:|---|');
  for (const [name, c] of Object.entries(cold)) {
    const runs = name === 'mock-inprocess' ? c.runs.map((r) => r.totalMs) : c.runs;
    lines.push(`| ${label(name)} | ${fmt(c.median)} | ${name === 'mock-inprocess' ? '' : x(ratio(c.median, cold.express?.median))} | ${runs.map((r) => fmt(r)).join(', ')} |`);
  }
  const ip = cold['mock-inprocess'];
  if (ip) lines.push('', `Process spawn to first answer through the CLI binary is the CLI row. In-process (a fresh node importing dist/mock/index.js): import ${fmt(ip.importMs)} ms + startMockServer ${fmt(ip.startMs)} ms + first answer ${fmt(ip.firstAnswerMs)} ms; the same child from spawn to its answer took ${fmt(ip.processSpawnToAnswerMs)} ms including node's own start.`);
  return lines;
}

function httpMemorySection(h) {
  const lines = ['', '## Memory', '', `### Through HTTP, as a user meets it: ${fmt(h.count)} sendall to a tag`, ''];
  lines.push('| sendall calls | connections | took | req/s | rss at start | rss after the sends (all SENDING) | rss after a day ended them | not a success |', '|---:|---:|---:|---:|---:|---:|---:|---:|');
  lines.push(`| ${fmt(h.sent)} | ${h.connections} | ${fmt(h.seconds, 1)} s | ${fmt(h.rps)} | ${mb(h.rssAtStart)} | ${mb(h.rssAfterSends)} | ${mb(h.rssAfterEnded)} | ${fmt(h.non2xx + h.errors + h.journal.failed)} |`);
  lines.push('', `The CLI on a manual clock with its journal on (10,000 entries, the default), an app created through POST /__mock/apps without sendall quota or deduplication, autocannon posting the same text to tag 100. VmRSS from /proc/<pid>/status 2 s after the last answer, then 2 s after POST /__mock/clock {"advance_ms": 86400000}. Not a success: non-2xx, errors, and failures among the journal's last ${fmt(h.journal.checked)} sendAll entries.`);
  return lines;
}

function memorySection(m) {
  const lines = [...httpMemorySection(m.http), '', '### Inside the domain: memory and per-call cost with many messages (no HTTP, no journal)', ''];
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
  if (m.audience) lines.push(...audienceSection(m.audience));
  return lines;
}

function audienceSection({ small, big }) {
  const lines = ['', '### Followers and tags: 10,000,000 fans against 10', ''];
  lines.push('| fans | heap after the app, its tag and its pages | a page of followers | a page of the tag | mass/send to 10,000 followers |', '|---:|---:|---:|---:|---:|');
  for (const r of [small, big]) {
    lines.push(`| ${fmt(r.fans)} | ${fmt(r.heapDelta / 1024, 1)} KB | ${fmt(r.followerPageMs, 2)} ms | ${fmt(r.tagPageMs, 2)} ms | ${r.massSendMs === undefined ? '' : `${fmt(r.massSendMs, 2)} ms`} |`);
  }
  lines.push('', 'Each in a fresh process, 3 processes each, median. The app holds no fan: openids are derived from the index, a tag\'s members from its seeded order and count, and tagging keeps only the fans it touched (ten untagged here). A page is the first, a middle or the last, in turn; 10 fans make pages of 10 openids.');
  return lines;
}

function stateFileSection(state) {
  if (!state) return [];
  return [
    '',
    '## The state file',
    '',
    `${fmt(state.count)} sends appended one unit at a time grew the file to ${mb(state.grownBytes)}; the background compaction that followed, with writes between its slices, took ${fmt(state.compactionMs)} ms and left ${mb(state.compactedBytes)}. Its longest slice held the event loop ${fmt(state.longestSliceMs, 1)} ms (the event loop's longest delay meanwhile: ${fmt(state.longestLoopDelayMs, 1)} ms).`,
  ];
}

const timeTable = (rows, quote = '') => rows.map((r) => `| ${quote}${r.name}${quote} | ${fmt(r.ms)} | ${fmt(r.share * 100, 1)} % |`);

const underLoad = (p) => `${Object.entries(p.underProfiler).map(([k, v]) => `${k} ${fmt(v.rps)} req/s`).join(', ')}; ${fmt(p.requests)} requests, ${fmt(p.busyMs)} ms busy of ${fmt(p.totalMs)} ms sampled; \`${p.file}\``;

function stagesSection({ mock, bare, stages }) {
  const lines = ['By stage of the request path, per request (busy self time during the load divided by the requests answered):', ''];
  lines.push('| stage | mock µs/req | bare node:http µs/req | the mock\'s extra µs/req | share of the mock\'s busy time |', '|---|---:|---:|---:|---:|');
  for (const s of stages) lines.push(`| ${s.name} | ${fmt(s.mockUs, 1)} | ${fmt(s.bareUs, 1)} | ${fmt(s.extraUs, 1)} | ${s.share === undefined ? '' : `${fmt(s.share * 100, 1)} %`} |`);
  lines.push(
    '',
    `Self time by the file its code lives in: node core, (native) and (program) are node:http, the socket and V8's own work, though a call from the mock's code into them counts there too; for bare node:http, "other" is its one file. Sampled time also holds the waits for a core on a shared machine, which the /proc row leaves out: when the two disagree, trust the shares more than the µs. Mock: ${underLoad(mock)}. Bare node:http: ${underLoad(bare)}.`,
    '',
  );
  return lines;
}

function profileSection(profile, config) {
  const p = profile.mock;
  const lines = ['', '## Where the time goes (CPU profiles under load)', ''];
  lines.push(`\`node --cpu-prof\` on the CLI and on bare node:http, loaded in turn with ${config.ops.join(', ')} for ${config.profileDuration} s each at ${config.connections[0]} connections; only the samples taken during the load count, not the start-up, and idle time (while the other one runs) is left out.`, '');
  lines.push(...stagesSection(profile));
  lines.push('The mock, self time by place:', '', '| place | ms | share of busy |', '|---|---:|---:|', ...timeTable(p.selfByPlace));
  lines.push('', 'Self time by function (top 30):', '', '| function | ms | share of busy |', '|---|---:|---:|', ...timeTable(p.selfByFunction, '`'));
  lines.push('', 'Inclusive time of our own functions (mock/, contracts/):', '', '| function | ms | share of busy |', '|---|---:|---:|', ...timeTable(p.inclusiveOurs, '`'));
  return lines;
}

function checksSection(checks) {
  const lines = ['', '## Against the targets', '', '| check | target | measured | |', '|---|---|---|---|'];
  for (const c of checks) lines.push(`| ${c.what} | ${c.target} | ${c.actual} | ${c.pass ? 'pass' : '**FAIL**'} |`);
  lines.push('');
  return lines;
}

export function renderMarkdown(report) {
  const profiled = report.profile && !report.profile.error;
  return [
    ...header(report),
    ...throughputSection(report.throughput, report.config),
    ...(report.ceiling ? ceilingSection(report.ceiling) : []),
    ...(report.laterOps ? laterOpsSection(report.laterOps) : []),
    ...(report.intercept ? interceptSection(report.intercept) : []),
    ...coldSection(report.cold),
    ...memorySection(report.memory),
    ...stateFileSection(report.stateFile),
    ...(profiled ? profileSection(report.profile, report.config) : []),
    ...checksSection(report.checks),
  ].join('\n');
}

/** Writes reports/bench.md and reports/bench.json, and prints the markdown. */
export function writeReports(report, reportsDir) {
  const md = renderMarkdown(report);
  writeFileSync(join(reportsDir, 'bench.md'), md);
  writeFileSync(join(reportsDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${md}`);
  console.log(`wrote ${relative(ROOT, join(reportsDir, 'bench.md'))} and ${relative(ROOT, join(reportsDir, 'bench.json'))}`);
}
