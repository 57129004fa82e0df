/**
 * Throughput and latency under autocannon, at each connection count. Absolute figures drift by ±30 %
 * between runs, so the targets take turns (ABAB…) round after round, and each figure is a median over
 * the rounds. Each run also counts the server's CPU time per request, steadier than req/s on a
 * shared machine.
 */
import { fmt } from './format.mjs';
import { httpCall } from './http.mjs';
import { withCpuTime } from './proc.mjs';
import { median, percentile, ratio } from './stats.mjs';

/** One autocannon run of `op` against the server on `port`. */
export async function cannon(autocannon, port, op, seconds, connections) {
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${op.path}`,
    connections,
    duration: seconds,
    requests: op.requests.map((r) => ({ ...r, path: op.path })),
  });
  // autocannon's own histogram keeps whole milliseconds; the response event carries the exact duration.
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

/** One answer per request shape from every target, so a misconfigured peer shows up in the report. */
async function sampleAnswers(running, ops, config) {
  const samples = {};
  for (const opName of config.ops) {
    const op = ops[opName];
    if (!op) throw new Error(`unknown operation ${opName}`);
    samples[opName] = {};
    for (const name of config.targets) {
      samples[opName][name] = [];
      for (const r of op.requests.slice(0, 2)) {
        const res = await httpCall(running[name].port, r.method, op.path, r.body);
        samples[opName][name].push({ request: r.body, status: res.status, body: res.body.slice(0, 200) });
      }
    }
  }
  return samples;
}

/** One measured run of `op` against the server `{ port, child }`, with its CPU time. */
export const measuredRun = (autocannon, server, op, seconds, connections) => withCpuTime(server.child.pid, () => cannon(autocannon, server.port, op, seconds, connections));

export const describeRun = (r) =>
  `${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms  cpu ${fmt(r.cpuUsPerRequest, 1)} µs/req${r.non2xx || r.errors ? `  non2xx ${r.non2xx} errors ${r.errors}` : ''}`;

/** A warm-up per target, then `config.rounds` rounds in which every target runs once, in turn. */
async function alternate(autocannon, running, opName, op, config, connections) {
  const runs = Object.fromEntries(config.targets.map((t) => [t, []]));
  if (config.warmup > 0) {
    for (const name of config.targets) {
      process.stdout.write(`  warm-up ${opName} ${name}…\r`);
      await cannon(autocannon, running[name].port, op, config.warmup, connections);
    }
  }
  for (let round = 0; round < config.rounds; round++) {
    for (const name of config.targets) {
      const r = await measuredRun(autocannon, running[name], op, config.duration, connections);
      runs[name].push(r);
      console.log(`  ${opName.padEnd(10)} ${connections} conn round ${round + 1} ${name.padEnd(9)} ${describeRun(r)}`);
    }
  }
  return runs;
}

/** Medians per target, and ratios against the minimal Express app of the same rounds. */
function summarise(runs, targets) {
  const summary = {};
  for (const name of targets) {
    const list = runs[name];
    summary[name] = {
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      cpuUsPerRequest: median(list.map((r) => r.cpuUsPerRequest)),
      non2xx: list.reduce((s, r) => s + r.non2xx, 0),
      errors: list.reduce((s, r) => s + r.errors, 0),
      pairedRatios: list.map((r, i) => ratio(r.rps, runs.express[i].rps)),
    };
  }
  for (const name of targets) {
    summary[name].rpsVsExpress = ratio(summary[name].rps, summary.express.rps);
    summary[name].p99VsExpress = ratio(summary[name].p99, summary.express.p99);
  }
  return summary;
}

/**
 * Every operation of `config.ops` against every running target, at each of `config.connections`:
 * the report's `throughput`, `{ [connections]: { [operation]: … } }`.
 */
export async function measureThroughput(autocannon, running, ops, config) {
  const samples = await sampleAnswers(running, ops, config);
  const throughput = {};
  for (const connections of config.connections) {
    throughput[connections] = {};
    for (const opName of config.ops) {
      const op = ops[opName];
      const runs = await alternate(autocannon, running, opName, op, config, connections);
      throughput[connections][opName] = { note: op.note, runs, summary: summarise(runs, config.targets), samples: samples[opName] };
    }
  }
  return throughput;
}
