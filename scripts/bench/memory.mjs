/**
 * Resident memory and per-call costs with many messages stored, what a send to 10,000,000 fans
 * costs against one to 10, and what an app of 10,000,000 fans (its followers, a tag they all carry,
 * the pages a client reads) costs against one of 10. Each measurement runs in a fresh process
 * (child.mjs `memory`, `fans` and `audience`, with --expose-gc), so nothing the bench itself
 * allocated is counted.
 */
import { performance } from 'node:perf_hooks';
import { fmt } from './format.mjs';
import { loadInternals, loadStateView } from './internals.mjs';
import { importMockEntry } from './paths.mjs';
import { runChild } from './processes.mjs';
import { TEXT_TO_ALL, TEXT_TO_TAG, UNLIMITED_SENDS } from './requests.mjs';
import { median } from './stats.mjs';

const T0 = Date.UTC(2026, 10, 22);

function gcNow() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  globalThis.gc();
  globalThis.gc();
}

function memoryNow() {
  gcNow();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

/** Times `fn` over `n` calls; ns per call. */
function perCall(n, fn) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / n;
}

/** A fresh mock on a manual clock, with the internals to drive it. */
async function freshMock() {
  const index = await importMockEntry();
  const wx = await loadInternals();
  return { wx, mock: index.createApp({ clock: { mode: 'manual', start: T0 }, seed: 1 }) };
}

/** `count` sends to tag 100; ms taken. */
function sendMany(wx, mock, app, count) {
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const result = wx.sendAll(mock, app, TEXT_TO_TAG);
    if (!result.ok) throw new Error(`sendAll answered ${result.errcode} at message ${i}`);
  }
  return performance.now() - t;
}

/** Per-call costs while every message is still SENDING (the manual clock has not moved). */
function costsWhileSending(wx, mock, app, { calls, pick, count }) {
  const handle = wx.wechatHandler(mock);
  const token = handle('/cgi-bin/token', { method: 'GET', query: 'grant_type=client_credential&appid=wxbench0000000001&secret=benchsecret', body: Buffer.alloc(0) }).body.access_token;
  const getQuery = `access_token=${token}`;
  const bodies = Array.from({ length: 1024 }, (_, i) => Buffer.from(JSON.stringify({ msg_id: pick(i) })));
  const domainNs = perCall(calls, (i) => wx.massmsgget(mock, app, { msg_id: pick(i) }));
  const unknownNs = perCall(calls, (i) => wx.massmsgget(mock, app, { msg_id: 1000 + i }));
  const handlerNs = perCall(calls, (i) => handle('/cgi-bin/message/mass/get', { method: 'POST', query: getQuery, body: bodies[i & 1023] }));
  const setSpeedCalls = count >= 100_000 ? 20 : 2000;
  const setSpeedNs = perCall(setSpeedCalls, (i) => wx.setSpeed(mock, app, { speed: i & 1 }));
  wx.setSpeed(mock, app, { speed: 0 });
  return { domainNs, unknownNs, handlerNs, setSpeedNs };
}

/** Lets every send end (1,000 fans at 80万/min: 75 ms of mock time) in one tick; ms taken. */
function settleAll(wx, mock) {
  const tickStart = performance.now();
  wx.advance(mock, 60_000);
  return performance.now() - tickStart;
}

/** The size of GET /__mock/state's view of the app, and the time to build it. */
async function stateCost(mock, app) {
  const stateView = await loadStateView();
  const stateStart = performance.now();
  const bytes = JSON.stringify(stateView(mock, app)).length;
  return { bytes, ms: performance.now() - stateStart };
}

/** Child: N messages in one app of a fresh mock; rss and heap before and after, and per-call costs. */
export async function childMemory([countArg]) {
  const count = Number(countArg);
  const { wx, mock } = await freshMock();
  const app = wx.addApp(mock, { appid: 'wxbench0000000001', secret: 'benchsecret', fans: 1000, tags: [{ id: 100, name: 'bench', count: 1000 }], ...UNLIMITED_SENDS });
  const before = memoryNow();
  const createMs = sendMany(wx, mock, app, count);
  const afterSending = memoryNow();
  const ids = wx.messageIds(app);
  const pick = (i) => ids[(i * 7919) % ids.length];
  const calls = Math.min(200_000, Math.max(20_000, count));
  const sending = costsWhileSending(wx, mock, app, { calls, pick, count });
  const settleAllMs = settleAll(wx, mock);
  const afterSettled = memoryNow();
  const setSpeedSettledNs = perCall(2000, (i) => wx.setSpeed(mock, app, { speed: i & 1 }));
  const massmsggetSettledNs = perCall(calls, (i) => wx.massmsgget(mock, app, { msg_id: pick(i) }));
  const state = count <= 10_000 ? await stateCost(mock, app) : {};
  return {
    count,
    createMs,
    before,
    afterSending,
    afterSettled,
    settleAllMs,
    massmsggetDomainNs: sending.domainNs,
    massmsggetUnknownNs: sending.unknownNs,
    massmsggetHandlerNs: sending.handlerNs,
    massmsggetSettledNs,
    setSpeedWhileActiveNs: sending.setSpeedNs,
    setSpeedSettledNs,
    stateBytes: state.bytes,
    stateMs: state.ms,
  };
}

/** Child: heap per send to all of `fans` fans: the audience is a number, not a list. */
export async function childFans([fansArg, sendsArg]) {
  const fans = Number(fansArg);
  const n = Number(sendsArg);
  const { wx, mock } = await freshMock();
  const app = wx.addApp(mock, { appid: 'wxfans00000000001', fans, ...UNLIMITED_SENDS });
  wx.sendAll(mock, app, TEXT_TO_ALL); // first-send allocations out of the way
  const before = memoryNow();
  for (let i = 0; i < n; i++) {
    const result = wx.sendAll(mock, app, TEXT_TO_ALL);
    if (!result.ok) throw new Error(`sendAll answered ${result.errcode}`);
  }
  const after = memoryNow();
  const audience = wx.audienceOf(mock, wx.messageIds(app).at(-1));
  return { fans, sends: n, audience, heapPerSend: (after.heapUsed - before.heapUsed) / n, rssPerSend: (after.rss - before.rss) / n };
}

const fanSummary = (runs) => ({ runs, heapPerSend: median(runs.map((r) => r.heapPerSend)), audience: runs[0].audience });

/** Milliseconds per call of `fn`, over `n` calls. */
const msPerCall = (n, fn) => perCall(n, fn) / 1e6;

/**
 * Child: an app of `fans` followers and a tag all of them carry, then what a client does with it:
 * the first, a middle and the last page of followers and of the tag, ten fans untagged, and (with
 * 10,000 fans or more) a mass/send to 10,000 of them. Heap and rss before and after, and the time
 * each call takes: none of it may grow with the fans.
 */
export async function childAudience([fansArg]) {
  const fans = Number(fansArg);
  const { wx, mock } = await freshMock();
  const before = memoryNow();
  const app = wx.addApp(mock, { appid: 'wxaudience00000001', fans, tags: [{ id: 100, name: 'everyone', count: fans }] });
  const cursors = [undefined, wx.openidOf(app, Math.floor(fans / 2) - 1), wx.openidOf(app, Math.max(0, fans - 10_001))];
  const page = (i) => ({ next_openid: cursors[i % cursors.length] });
  const firstPage = () => wx.getFollowers(mock, app, page(0)).value.data.openid;
  if (!wx.batchUntagging(mock, app, { openid_list: firstPage().slice(0, 10), tagid: 100 }).ok) throw new Error('batchUntagging refused');
  for (let i = 0; i < cursors.length; i++) {
    if (!wx.getFollowers(mock, app, page(i)).ok || !wx.getTagFans(mock, app, { tagid: 100, ...page(i) }).ok) throw new Error(`page ${i} refused`);
  }
  // Measured with no page held, so only what the mock keeps counts.
  const after = memoryNow();
  const followerPageMs = msPerCall(30, (i) => wx.getFollowers(mock, app, page(i)));
  const tagPageMs = msPerCall(30, (i) => wx.getTagFans(mock, app, { tagid: 100, ...page(i) }));
  const touser = firstPage();
  const massSendMs = touser.length === 10_000 ? msPerCall(30, (i) => wx.massSend(mock, app, { touser, msgtype: 'text', text: { content: `bench ${i}` } })) : undefined;
  return { fans, before, after, heapDelta: after.heapUsed - before.heapUsed, followerPageMs, tagPageMs, massSendMs };
}

/** Medians over three processes of `childAudience`. */
function audienceSummary(runs) {
  const med = (key) => (runs[0][key] === undefined ? undefined : median(runs.map((r) => r[key])));
  return { runs, fans: runs[0].fans, heapDelta: med('heapDelta'), followerPageMs: med('followerPageMs'), tagPageMs: med('tagPageMs'), massSendMs: med('massSendMs') };
}

/** 10,000 and `config.messages` messages, then 10 against 10,000,000 fans, 3 processes each: the report's `memory`. */
export function measureMemory(config) {
  console.log('  memory: 10,000 messages…');
  const small = runChild('memory', [10_000], ['--expose-gc']);
  console.log(`  memory: ${fmt(config.messages)} messages…`);
  const big = runChild('memory', [config.messages], ['--expose-gc', '--max-old-space-size=4096']);
  console.log('  memory: a send to 10 fans against a send to 10,000,000…');
  const fanRuns = { 10: [], 10_000_000: [] };
  for (let i = 0; i < 3; i++) for (const fans of [10, 10_000_000]) fanRuns[fans].push(runChild('fans', [fans, config.fanSends], ['--expose-gc']));
  console.log('  memory: an app of 10 fans against one of 10,000,000, with their pages…');
  const audienceRuns = { 10: [], 10_000_000: [] };
  for (let i = 0; i < 3; i++) for (const fans of [10, 10_000_000]) audienceRuns[fans].push(runChild('audience', [fans], ['--expose-gc']));
  return {
    small,
    big,
    fans: { sends: config.fanSends, small: fanSummary(fanRuns[10]), big: fanSummary(fanRuns[10_000_000]) },
    audience: { small: audienceSummary(audienceRuns[10]), big: audienceSummary(audienceRuns[10_000_000]) },
  };
}
