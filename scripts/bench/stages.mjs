/**
 * A CPU profile's busy time by stage of the request path: self time grouped by where its code lives
 * (profile.mjs's place: a dist/ file such as mock/http/read-body.js, node core, a pseudo-frame), so
 * the mock and bare node:http can be set side by side, per request, and the mock's extra read off.
 */

const inFiles = (...names) => {
  const files = new Set(names.map((name) => `mock/${name}.js`));
  return (place) => files.has(place);
};

/** First match wins: routes.js is routing, the other files of mock/wechat/ the handler. */
const STAGES = [
  { name: 'node:http and the socket (what bare node:http pays too)', has: (place) => place === 'node core' || place === '(native)' || place === '(program)' },
  { name: 'GC', has: (place) => place === '(garbage collector)' },
  { name: 'admission', has: inFiles('http/request-listener', 'http/admit-request', 'http/host-allow-list', 'http/origin-allow-list', 'http/tunnel', 'http/is-loopback-address', 'http/bearer-token-check') },
  { name: 'routing and body', has: inFiles('http/serve-wechat', 'http/read-body', 'http/json-depth', 'wechat/routes', 'wechat/wechat-request', 'wechat/query-param', 'wechat/read-multipart') },
  { name: 'the WeChat handler and rules', has: (place) => place.startsWith('mock/wechat/') || place.startsWith('mock/domain/') || place === 'mock/harness/faults.js' },
  { name: 'the journal', has: inFiles('harness/journal') },
  { name: 'answer', has: inFiles('http/send-json') },
  { name: 'other', has: () => true },
];

/** Busy self time per stage, in µs, from self time per place (the idle pseudo-frame left out). */
export function stageTimes(byPlace) {
  const times = Object.fromEntries(STAGES.map((stage) => [stage.name, 0]));
  for (const [place, us] of byPlace) if (place !== '(idle)') times[STAGES.find((stage) => stage.has(place)).name] += us;
  return times;
}

/**
 * Per stage, µs per request of the mock and of bare node:http, the mock's extra and its share of the
 * mock's busy time; then busy time in all, and the CPU time /proc counted meanwhile: sampled time
 * also holds the waits for a core on a shared machine, which /proc leaves out.
 */
export function compareStages(mock, bare) {
  const busyUs = (profile) => (profile.busyMs * 1000) / profile.requests;
  const perRequest = (profile, name) => profile.stagesUs[name] / profile.requests;
  const rows = STAGES.map(({ name }) => ({ name, mockUs: perRequest(mock, name), bareUs: perRequest(bare, name) }));
  rows.push({ name: 'busy in all', mockUs: busyUs(mock), bareUs: busyUs(bare) });
  const shares = rows.map((row) => ({ ...row, share: row.mockUs / busyUs(mock) }));
  shares.push({ name: 'CPU time from /proc (all threads, the profiler\'s included)', mockUs: mock.cpuUsPerRequest, bareUs: bare.cpuUsPerRequest });
  return shares.map((row) => ({ ...row, extraUs: row.mockUs - row.bareUs }));
}
