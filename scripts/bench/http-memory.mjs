/**
 * Memory as a user meets it: `config.messages` sendall calls to a tag through HTTP, autocannon at 20
 * connections against the CLI on a manual clock with its journal on (10,000 entries, the default);
 * the process's resident memory (VmRSS) once the sends are in, then once a day of mock time has
 * ended them all. Each reading waits a moment, so what the last requests left can be collected.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fmt } from './format.mjs';
import { freePort, httpCall, waitForAnswer } from './http.mjs';
import { createSendingApp, expectSuccesses, journalFailures } from './mock-app.mjs';
import { rssBytes } from './proc.mjs';
import { stopProcess } from './processes.mjs';
import { TEXT_TO_TAG } from './requests.mjs';
import { startMockCli } from './targets.mjs';

const CONNECTIONS = 20;
const SETTLE_MS = 2000;
const DAY_MS = 86_400_000;

/** The report's `memory.http`. */
export async function measureHttpMemory(autocannon, config, logDir) {
  const port = await freePort();
  const child = startMockCli(port, join(logDir, 'http-memory.log'));
  try {
    await waitForAnswer(port, child);
    const token = await createSendingApp(port);
    const path = `/cgi-bin/message/mass/sendall?access_token=${token}`;
    await expectSuccesses(port, { sendAll: { path, requests: [{ method: 'POST', body: TEXT_TO_TAG }] } });
    const rssAtStart = rssBytes(child.pid);
    console.log(`  memory through HTTP: ${fmt(config.messages)} sendall at ${CONNECTIONS} connections…`);
    const started = performance.now();
    const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, amount: config.messages, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEXT_TO_TAG) });
    const seconds = (performance.now() - started) / 1000;
    await sleep(SETTLE_MS);
    const rssAfterSends = rssBytes(child.pid);
    const journal = await journalFailures(port, 'sendAll');
    const moved = await httpCall(port, 'POST', '/__mock/clock', { advance_ms: DAY_MS }, { timeout: 120_000 });
    if (moved.status !== 200) throw new Error(`POST /__mock/clock answered ${moved.status} ${moved.body.slice(0, 200)}`);
    await sleep(SETTLE_MS);
    const rssAfterEnded = rssBytes(child.pid);
    return { count: config.messages, connections: CONNECTIONS, sent: result.requests.total, seconds, rps: result.requests.total / seconds, non2xx: result.non2xx, errors: result.errors + result.timeouts, journal, rssAtStart, rssAfterSends, rssAfterEnded };
  } finally {
    await stopProcess(child);
  }
}
