/** reports/bench.md's sections on load: throughput and latency, the ceiling, the later operations. */
import { fmt, label, x } from './format.mjs';
import { REFERENCE_OPS } from './requests.mjs';
import { BARE_WORK_US } from './targets.mjs';

const ratios = (list) => list.map((r) => fmt(r, 2)).join(', ');

function throughputTable(connections, throughput) {
  const lines = [`### ${connections} connections`, ''];
  lines.push('| operation | target | req/s | vs Express | p50 ms | p99 ms | p99 vs Express | per-round ratio range | CPU µs/req | non-2xx / errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const [opName, { summary }] of Object.entries(throughput)) {
    for (const [name, s] of Object.entries(summary)) {
      const range = s.pairedRatios.filter(Number.isFinite);
      lines.push(`| ${opName} | ${label(name)} | ${fmt(s.rps)} | ${x(s.rpsVsExpress)} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${x(s.p99VsExpress)} | ${range.length ? `${fmt(Math.min(...range), 2)}–${fmt(Math.max(...range), 2)}` : ''} | ${fmt(s.cpuUsPerRequest, 1)} | ${s.non2xx} / ${s.errors} |`);
    }
  }
  lines.push('');
  return lines;
}

export function throughputSection(byConnections, config) {
  const lines = ['## Throughput and latency', ''];
  for (const [connections, throughput] of Object.entries(byConnections)) lines.push(...throughputTable(connections, throughput));
  lines.push(
    `The checks against Express, WireMock and Prism use the first connection count (${config.connections[0]}). CPU µs/req: the server process's user + system time over the run (/proc/<pid>/stat, ticks of 10 ms), divided by the requests it answered. massmsgget mixes known and unknown msg_ids (known ones also as numeric strings); setSpeed alternates speeds 1, 0, 2, 0; getSpeed sends \`{}\`. Every target gets the same URLs (with the mock's access_token) and bodies. Prism answers its first named example; WireMock matches massmsgget bodies with \`equalToJson\` stubs, once with \`--no-request-journal --disable-request-logging\` and once with its defaults.`,
    '',
  );
  return lines;
}

export function ceilingSection(ceiling) {
  const lines = ['## The ceiling: the mock against bare node:http', ''];
  lines.push(`| operation | connections | mock req/s | bare req/s | mock / bare | per-round mock / bare | median of those | mock CPU µs/req | bare CPU µs/req | CPU bare / mock | bare + ${BARE_WORK_US} µs of work / bare | its CPU µs/req |`);
  lines.push('|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const [connections, ops] of Object.entries(ceiling)) {
    for (const [opName, c] of Object.entries(ops)) {
      lines.push(`| ${opName} | ${connections} | ${fmt(c.mockRps)} | ${fmt(c.bareRps)} | ${x(c.rpsRatio)} | ${ratios(c.pairedRatios)} | ${x(c.pairedMedian)} | ${fmt(c.mockCpuUs, 1)} | ${fmt(c.bareCpuUs, 1)} | ${x(c.cpuRatio)} | ${x(c.workRatio)} | ${fmt(c.workCpuUs, 1)} |`);
    }
  }
  lines.push(
    '',
    'From the throughput rounds above: mock / bare is the ratio of the medians; a per-round ratio pairs the two runs of the same round. CPU bare / mock is the share of the mock\'s CPU time per request that bare node:http needs too; on a shared machine it drifts less than req/s.',
    '',
    `The last two columns are the scale: bare node:http spinning ${BARE_WORK_US} µs per request before it answers (target bare-http-work). Server and load generator share the machine's cores, so a server's own work also costs it the wake-ups and socket work of a slower exchange: its CPU time per request grows by more than the work, and its throughput falls by more than the work's share. The mock's own work (routing, the token, the body, the rules, the journal, the answer) is the "mock's extra" of the profile below.`,
    '',
  );
  return lines;
}

export function laterOpsSection({ connections, paths, summary }) {
  const lines = [`## Operations added later against getSpeed (the mock, ${connections} connections)`, ''];
  lines.push('| operation | request | req/s | vs getSpeed | bare node:http, same answers: vs its getSpeed | the mock\'s own share | per-round vs getSpeed | median of those | p99 ms | CPU µs/req | CPU getSpeed / this | answers checked in the journal / not a success |');
  lines.push('|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const [opName, s] of Object.entries(summary)) {
    lines.push(`| ${opName}${REFERENCE_OPS.has(opName) ? ' (reference)' : ''} | \`${paths[opName]}\` | ${fmt(s.rps)} | ${x(s.vsGetSpeed)} | ${x(s.bareVsGetSpeed)} | ${x(s.vsBareShare)} | ${ratios(s.pairedRatios)} | ${x(s.pairedMedian)} | ${fmt(s.p99, 2)} | ${fmt(s.cpuUsPerRequest, 1)} | ${x(s.cpuVsGetSpeed)} | ${fmt(s.journalChecked)} / ${fmt(s.journalFailed + s.non2xx + s.errors)} |`);
  }
  lines.push(
    '',
    'A CLI of their own with an app created through POST /__mock/apps (no sendall quota, no deduplication, tag 100 of 1,000 fans); getUserTags reads the tags of its first 16 fans in turn (an openid asked for again is found without the cipher: the codec remembers the last 1,024 single lookups), getDraft a draft added with a thumb from material/add_material; sendAll sends text to tag 100: round one\'s operation, stored per call, shown for reference and not held to the 10 %. Every request answered a success before the rounds; after each run, the journal\'s newest entries of that operation (up to its 10,000) are checked too. Each round runs getSpeed first, then each operation in turn, each followed by bare node:http answering that operation\'s very answer (the mock\'s, taken before the rounds): a bigger answer costs node:http and autocannon more whoever sends it, so "the mock\'s own share" divides the mock\'s ratio to getSpeed by bare node:http\'s. The mock has no user/info (getUserInfo): getUserTags is the per-fan read it has.',
    '',
  );
  return lines;
}
