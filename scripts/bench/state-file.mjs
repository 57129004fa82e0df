/**
 * The state file's cost: the longest pause a background compaction puts on the event loop, with
 * `count` messages stored, in a fresh process (child.mjs runs it).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadInternals } from './internals.mjs';
import { importMockEntry } from './paths.mjs';
import { runChild } from './processes.mjs';
import { TEXT_TO_TAG, UNLIMITED_SENDS } from './requests.mjs';

const T0 = Date.UTC(2026, 10, 22);
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** `count` sends written to a state file, then writes between event-loop turns until a background compaction has finished. */
export async function childCompaction([countArg]) {
  const count = Number(countArg);
  const dir = mkdtempSync(join(tmpdir(), 'wechat-mass-mock-bench-state-'));
  const file = join(dir, 'state.jsonl');
  const index = await importMockEntry();
  const wx = await loadInternals();
  const mock = index.createApp({ clock: { mode: 'manual', start: T0 }, seed: 1, stateFile: file, warn: () => undefined });
  const app = wx.addApp(mock, { appid: 'wxbench0000000001', secret: 'benchsecret', fans: 1000, tags: [{ id: 100, name: 'bench', count: 1000 }], ...UNLIMITED_SENDS });
  for (let i = 0; i < count; i++) {
    const body = { ...TEXT_TO_TAG, text: { content: `bench ${i}` } };
    const sent = wx.sendAll(mock, app, body);
    if (!sent.ok) throw new Error(`sendAll answered ${sent.errcode} at message ${i}`);
  }
  const grown = statSync(file).size;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const handle = mock.mock.stateFile;
  for (let i = 0; handle.stats().compactions === 0; i++) {
    wx.setSpeed(mock, app, { speed: i % 5 });
    await turn();
  }
  const compactionMs = performance.now() - started;
  delay.disable();
  const stats = handle.stats();
  handle.close();
  rmSync(dir, { recursive: true, force: true });
  return { count, grownBytes: grown, compactedBytes: stats.size, compactionMs, longestSliceMs: stats.longestPauseMs, longestLoopDelayMs: delay.max / 1e6 };
}

/** The report's `stateFile`: a compaction with 100,000 messages stored (DESIGN's figure for the pause). */
export function measureCompaction() {
  console.log('  state file: a background compaction with 100,000 messages…');
  return runChild('compaction', [100_000]);
}
