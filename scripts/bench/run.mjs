#!/usr/bin/env node
/**
 * npm run bench: the mock against the peers a user would pick instead (prism mock, WireMock
 * standalone with static stubs) and against the ceilings (a minimal Express 5 app, bare node:http),
 * in one run on one machine, on loopback, with autocannon. Absolute figures drift by ±30 % between
 * runs, so every figure is a median over alternating runs (ABAB…) and compared as a ratio to the
 * minimal Express app, or to bare node:http, measured in the same rounds.
 *
 * Measures: requests per second, p50/p99 latency and the server's CPU time per request on getSpeed,
 * setSpeed and massmsgget (known and unknown msg_ids) at each connection count; from them the mock's
 * ratio to bare node:http (its ceiling); operations added later (getTags, getUserTags, countDraft,
 * getMaterialCount, getDraft, sendAll to a tag) against getSpeed; cold start to first answer;
 * resident memory after 1,000,000 sendall through HTTP, and inside the domain with 10,000 and
 * 1,000,000 messages; the cost of one massmsgget among 1,000,000; that a send to 10,000,000 fans
 * costs what a send to 10 does; what intercept mode costs (getSpeed through its proxy, TLS kept
 * alive, against direct HTTP); and CPU profiles of the mock and of bare node:http under the same
 * load, by stage of the request path. Writes reports/bench.md and reports/bench.json.
 *
 * Environment (durations in seconds):
 *   BENCH_QUICK=1          a quick pass: 1 s runs, 3 rounds, 100,000 messages, 2 cold starts each
 *   BENCH_DURATION=4       seconds per measured run        BENCH_WARMUP=3   seconds of warm-up per target and operation
 *   BENCH_ROUNDS=5         alternating rounds (≥ 3)
 *   BENCH_CONNECTIONS=10,20  autocannon connections: every target and operation at each; the peers'
 *                          checks, the later operations, intercept mode and the profiles use the first
 *   BENCH_COLD_RUNS=5      cold starts per target
 *   BENCH_MESSAGES=1000000 sendall calls through HTTP (at 20 connections), and messages inside the domain
 *   BENCH_FAN_SENDS=20000  sends per process in the 10 vs 10,000,000 fans comparison
 *   BENCH_TARGETS=mock,mock-state,express,bare-http,bare-http-work,prism,wiremock,wiremock-default
 *                          (wiremock: journal and logging off; wiremock-default: as shipped; without
 *                          bare-http there is no ratio to the ceiling; bare-http-work is bare node:http
 *                          with 2 µs of work per request, the scale that ratio is read on)
 *   BENCH_OPS=getSpeed,setSpeed,massmsgget
 *   BENCH_LATER_OPS=0      skip the later operations against getSpeed
 *   BENCH_PROFILE=0        skip the CPU profiles           BENCH_PROFILE_DURATION=8  seconds per operation and server
 *   BENCH_INTERCEPT=0      skip intercept mode's cost
 *   BENCH_CACHE=~/.cache/wechat-mass-mock-bench            where WireMock is installed on demand (npm's `wiremock`)
 *
 * The measurements that need a fresh process run in a child node (child.mjs).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ceilingRatios } from './ceiling.mjs';
import { checkTargets } from './checks.mjs';
import { measureColdStart } from './cold-start.mjs';
import { measureHttpMemory } from './http-memory.mjs';
import { measureIntercept } from './intercept.mjs';
import { measureLaterOps } from './later-ops.mjs';
import { measureThroughput } from './load.mjs';
import { describeMachine } from './machine.mjs';
import { measureMemory } from './memory.mjs';
import { measureCompaction } from './state-file.mjs';
import { MOCK_CLI, ROOT, distStamp } from './paths.mjs';
import { stopAll } from './processes.mjs';
import { profileServers } from './profile.mjs';
import { writeReports } from './report.mjs';
import { operations } from './requests.mjs';
import { startTargets, stopTargets } from './targets.mjs';
import { wiremockJar } from './wiremock.mjs';

const envNumber = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]));
const envList = (name, fallback) => (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);

function readConfig() {
  const quick = process.env.BENCH_QUICK === '1';
  return {
    quick,
    duration: envNumber('BENCH_DURATION', quick ? 1 : 4),
    warmup: envNumber('BENCH_WARMUP', quick ? 1 : 3),
    rounds: Math.max(3, envNumber('BENCH_ROUNDS', quick ? 3 : 5)),
    connections: envList('BENCH_CONNECTIONS', '10,20').map(Number),
    coldRuns: envNumber('BENCH_COLD_RUNS', quick ? 2 : 5),
    messages: envNumber('BENCH_MESSAGES', quick ? 100_000 : 1_000_000),
    fanSends: envNumber('BENCH_FAN_SENDS', 20_000),
    laterOps: process.env.BENCH_LATER_OPS !== '0',
    profile: process.env.BENCH_PROFILE !== '0',
    intercept: process.env.BENCH_INTERCEPT !== '0',
    profileDuration: envNumber('BENCH_PROFILE_DURATION', quick ? 2 : 8),
    targets: envList('BENCH_TARGETS', 'mock,mock-state,express,bare-http,bare-http-work,prism,wiremock,wiremock-default'),
    ops: envList('BENCH_OPS', 'getSpeed,setSpeed,massmsgget'),
    cache: process.env.BENCH_CACHE ?? join(homedir(), '.cache/wechat-mass-mock-bench'),
  };
}

/** How this run was started, as a shell line: the BENCH_ variables set, then the command. */
function commandLine() {
  const quote = (value) => (/^[\w,.:/~-]*$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);
  const vars = Object.keys(process.env)
    .filter((name) => name.startsWith('BENCH_'))
    .sort()
    .map((name) => `${name}=${quote(process.env[name])}`);
  return [...vars, process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node scripts/bench/run.mjs'].join(' ');
}

/** A scratch folder for logs and WireMock's stubs, and reports/. */
function makeDirs() {
  const work = mkdtempSync(join(tmpdir(), 'wechat-mass-mock-bench-'));
  const logDir = join(work, 'logs');
  mkdirSync(logDir);
  const reportsDir = join(ROOT, 'reports');
  mkdirSync(reportsDir, { recursive: true });
  return { work, logDir, reportsDir };
}

async function main() {
  const config = readConfig();
  if (!existsSync(MOCK_CLI)) throw new Error('dist/mock/cli/bin.js is missing: run "npm run build" first (npm run bench does)');
  if (!config.targets.includes('express')) throw new Error('BENCH_TARGETS must include express: every ratio is relative to it');
  if (config.connections.length === 0 || !config.connections.every((n) => Number.isInteger(n) && n > 0)) throw new Error('BENCH_CONNECTIONS must be a list of positive integers, e.g. 10,20');
  const { default: autocannon } = await import('autocannon');
  const builtAt = distStamp();
  const started = new Date();
  const { work, logDir, reportsDir } = makeDirs();
  const machine = describeMachine();
  console.log(`bench: ${machine.cpus}, node ${machine.node}, ${machine.java}`);
  console.log(`bench: ${config.rounds} alternating rounds of ${config.duration} s (+${config.warmup} s warm-up), ${config.connections.join(' and ')} connections; logs in ${logDir}`);
  const report = { started: started.toISOString(), command: commandLine(), machine, config, throughput: {}, ceiling: undefined, laterOps: undefined, intercept: undefined, cold: {}, memory: {}, profile: undefined, checks: [] };
  const jar = config.targets.some((t) => t.startsWith('wiremock')) ? wiremockJar(config.cache) : undefined;

  const { running, defs, token, knownIds } = await startTargets({ config, jar, work, logDir });
  report.throughput = await measureThroughput(autocannon, running, operations(token, knownIds), config);
  report.ceiling = ceilingRatios(report.throughput, config);
  await stopTargets(running);
  if (config.laterOps) report.laterOps = await measureLaterOps(autocannon, config, logDir);
  if (config.intercept) report.intercept = await measureIntercept(config, work, logDir);
  report.cold = await measureColdStart(defs, config, running.mock.port);
  report.memory = { http: await measureHttpMemory(autocannon, config, logDir), ...measureMemory(config) };
  report.stateFile = measureCompaction(config);
  if (config.profile && config.targets.includes('mock')) report.profile = await profileServers({ autocannon, config, reportsDir, logDir }).catch((err) => ({ error: err.message }));
  report.checks = checkTargets(report);
  report.finished = new Date().toISOString();
  if (distStamp() !== builtAt) {
    report.warning = 'dist/ was rebuilt during this run: the figures mix two builds; run it again';
    console.warn(`bench: ${report.warning}`);
  }
  writeReports(report, reportsDir);
  rmSync(work, { recursive: true, force: true });
  return 0;
}

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    stopAll();
    process.exit(1);
  },
);
