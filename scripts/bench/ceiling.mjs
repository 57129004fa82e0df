/**
 * The mock against its ceiling, bare node:http, from the throughput rounds: per connection count and
 * operation, the ratio of the median req/s, each round's paired ratio (mock and bare in the same
 * round) and their median, and the CPU time each server spent per request, whose ratio bare/mock
 * drifts less than req/s when other work shares the machine; and, with bare-http-work among the
 * targets, the ratio bare node:http keeps when it does a little work of its own per request.
 */
import { median, ratio } from './stats.mjs';

function ceilingOf({ runs, summary }) {
  const mock = summary.mock;
  const bare = summary['bare-http'];
  const worked = summary['bare-http-work'];
  const pairedRatios = runs.mock.map((r, i) => ratio(r.rps, runs['bare-http'][i].rps));
  return {
    // What a couple of µs of work cost bare node:http itself: the scale the mock's ratio is read on.
    workRatio: worked ? ratio(worked.rps, bare.rps) : undefined,
    workCpuUs: worked?.cpuUsPerRequest,
    mockRps: mock.rps,
    bareRps: bare.rps,
    rpsRatio: ratio(mock.rps, bare.rps),
    pairedRatios,
    pairedMedian: median(pairedRatios),
    mockCpuUs: mock.cpuUsPerRequest,
    bareCpuUs: bare.cpuUsPerRequest,
    cpuRatio: ratio(bare.cpuUsPerRequest, mock.cpuUsPerRequest),
  };
}

/** `{ [connections]: { [operation]: … } }`, or undefined when bare node:http was not among the targets. */
export function ceilingRatios(throughput, config) {
  if (!config.targets.includes('bare-http')) return undefined;
  return Object.fromEntries(Object.entries(throughput).map(([connections, ops]) => [connections, Object.fromEntries(Object.entries(ops).map(([opName, t]) => [opName, ceilingOf(t)]))]));
}
