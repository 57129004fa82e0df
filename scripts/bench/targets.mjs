/**
 * The servers measured: the mock's CLI, the minimal Express and bare node:http baselines, Prism and
 * WireMock (twice), each started as a process on a port of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, fetchToken, sendToTag, waitForAnswer } from './http.mjs';
import { MOCK_CLI, ROOT } from './paths.mjs';
import { startProcess, stopProcess } from './processes.mjs';
import { writeWiremockStubs } from './wiremock.mjs';

const BASELINES = join(ROOT, 'scripts/bench/baselines');

/** The CLI as the bench runs it everywhere: manual clock, seed 1; `nodeFlags` go to node, `flags` to the CLI. */
/**
 * The node flags the CLI's shebang gives it, as `npx wechat-mass-mock` and `npm start` run it; read
 * when a CLI starts, so that a missing build meets run.mjs's message instead of failing the import.
 */
export const cliNodeFlags = () => readFileSync(MOCK_CLI, 'utf8').split('\n', 1)[0].split(' ').filter((word) => word.startsWith('--'));

export const startMockCli = (port, log, { nodeFlags = [], flags = [] } = {}) => startProcess(process.execPath, [...cliNodeFlags(), ...nodeFlags, MOCK_CLI, '--port', port, '--clock', 'manual', '--seed', '1', ...flags], { log });

/** Bare node:http, answering `knownIds` as the mock's known msg_ids and `answers` (path → text) as given; `nodeFlags` go to node. */
export const startBareHttp = (port, log, { knownIds, answers = {}, nodeFlags = [], workUs = 0 }) =>
  startProcess(process.execPath, [...nodeFlags, join(BASELINES, 'bare-http.mjs'), '--port', port], { env: { BENCH_KNOWN_MSG_IDS: knownIds.join(','), BENCH_ANSWERS: JSON.stringify(answers), BENCH_WORK_US: String(workUs) }, log });

/** The work bare-http-work adds per request, µs: about half the mock's own (its profile's stages). */
export const BARE_WORK_US = 2;

/** How to start each target on a port; `pollMs` is how often to poll a slow starter for its first answer. */
export function targetDefinitions({ jar, wiremockDir, knownIds, logDir }) {
  const env = { BENCH_KNOWN_MSG_IDS: knownIds.join(',') };
  return {
    mock: { label: 'mock (CLI)', start: (port) => startMockCli(port, join(logDir, 'mock.log')) },
    // The same seed and the same first requests as the mock, so its token and msg_ids are the mock's.
    'mock-state': {
      label: 'mock (CLI, --state-file)',
      start: (port) => startMockCli(port, join(logDir, 'mock-state.log'), { flags: ['--state-file', join(logDir, `state-${port}.jsonl`)] }),
      primed: true,
    },
    express: { label: 'minimal Express 5', start: (port) => startProcess(process.execPath, [join(BASELINES, 'minimal-express.mjs'), '--port', port], { env, log: join(logDir, 'express.log') }) },
    'bare-http': { label: 'bare node:http', start: (port) => startBareHttp(port, join(logDir, 'bare-http.log'), { knownIds }) },
    'bare-http-work': { label: `bare node:http + ${BARE_WORK_US} µs of work`, start: (port) => startBareHttp(port, join(logDir, 'bare-http-work.log'), { knownIds, workUs: BARE_WORK_US }) },
    prism: {
      label: 'prism mock',
      start: (port) => startProcess(process.execPath, [join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', join(ROOT, 'openapi.yaml'), '--port', port, '--host', '127.0.0.1'], { log: join(logDir, 'prism.log') }),
      pollMs: 20,
    },
    wiremock: {
      label: 'WireMock',
      start: (port) =>
        startProcess('java', ['-jar', jar, '--port', port, '--bind-address', '127.0.0.1', '--root-dir', wiremockDir, '--disable-banner', '--no-request-journal', '--disable-request-logging'], { log: join(logDir, 'wiremock.log') }),
      pollMs: 20,
    },
    // The same stubs with WireMock's defaults (request journal and logging on), as most people run it.
    'wiremock-default': {
      label: 'WireMock, defaults',
      start: (port) => startProcess('java', ['-jar', jar, '--port', port, '--bind-address', '127.0.0.1', '--root-dir', wiremockDir, '--disable-banner'], { log: join(logDir, 'wiremock-default.log') }),
      pollMs: 20,
    },
  };
}

/** A token and four sends: the msg_ids every other target answers as known. */
async function prime(port) {
  const token = await fetchToken(port);
  const knownIds = [];
  for (let i = 0; i < 4; i++) {
    const { text, body } = await sendToTag(port, token, i);
    if (body.errcode !== 0) throw new Error(`sendall answered ${text}`);
    knownIds.push(body.msg_id);
  }
  return { token, knownIds };
}

/** The mock, started first. */
async function startMock(defs) {
  const port = await freePort();
  const child = defs.mock.start(port);
  await waitForAnswer(port, child);
  return { port, child, ...(await prime(port)) };
}

/**
 * Starts every target of `config.targets` (and the mock in any case), each answering by the time
 * this returns. `running` maps a target to its port and process; `defs` start more of them.
 */
export async function startTargets({ config, jar, work, logDir }) {
  const wiremockDir = join(work, 'wiremock');
  const mock = await startMock(targetDefinitions({ jar, wiremockDir, knownIds: [], logDir }));
  writeWiremockStubs(wiremockDir, mock.knownIds);
  const defs = targetDefinitions({ jar, wiremockDir, knownIds: mock.knownIds, logDir });
  const running = { mock: { port: mock.port, child: mock.child } };
  for (const name of config.targets.filter((t) => t !== 'mock')) {
    if (!defs[name]) throw new Error(`unknown target ${name}`);
    const port = await freePort();
    const child = defs[name].start(port);
    await waitForAnswer(port, child, { intervalMs: defs[name].pollMs ?? 5 });
    if (defs[name].primed) {
      const primed = await prime(port);
      if (primed.token !== mock.token) throw new Error(`${name} did not issue the mock's token: the same seed should`);
    }
    running[name] = { port, child };
  }
  return { running, defs, token: mock.token, knownIds: mock.knownIds };
}

export async function stopTargets(running) {
  for (const name of Object.keys(running)) await stopProcess(running[name].child);
}
