/**
 * Prism as a second opinion: the suite runs through `prism proxy openapi.yaml <mock>` (no --errors),
 * and Prism must locate no violation in any response; the same proxy in front of a broken server
 * must flag it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../contracts/reports.js';
import { runContractSuite } from '../../contracts/run-contract-suite.js';
import type { Scenario } from '../../contracts/scenarios.js';
import type { Fetch } from '../../contracts/targets.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { startPrism, type PrismProcess } from '../prism-process.js';
import { PATHS } from '../helpers.js';

interface SlViolation {
  location: string[];
  message: string;
}

/** Fetch that keeps every sl-violations entry Prism attached. */
function recordingFetch(entries: SlViolation[]): Fetch {
  return async (request) => {
    const res = await fetch(request);
    const header = res.headers.get('sl-violations');
    if (header) entries.push(...(JSON.parse(header) as SlViolation[]));
    return res;
  };
}

/** A server that answers massmsgget with msg_id as a string, and everything else as WeChat would refuse a token. */
function brokenServer(): Server {
  return createServer((req, res) => {
    const type = { 'content-type': 'application/json; encoding=utf-8' };
    if (req.url?.startsWith(PATHS.massmsgget)) return void res.writeHead(200, type).end('{"msg_id":"3147494522","msg_status":"SENDING"}');
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
}

const massmsggetOnly: Scenario = {
  name: 'massmsgget of a send',
  kind: 'conformance',
  requires: [],
  async run(ctx) {
    await ctx.call('massmsgget answers the status', { operationId: 'massmsgget', body: { msg_id: 3147494522 } }, { branch: 'success' });
  },
};

let mock: MockServer;
let broken: Server;
let proxyToMock: PrismProcess;
let proxyToBroken: PrismProcess;

beforeAll(async () => {
  mock = await startMockServer({ clock: { mode: 'manual' } });
  broken = brokenServer();
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  proxyToMock = await startPrism(['proxy', mock.url]);
  proxyToBroken = await startPrism(['proxy', `http://127.0.0.1:${(broken.address() as AddressInfo).port}`]);
});

afterAll(async () => {
  await proxyToMock?.stop();
  await proxyToBroken?.stop();
  await mock?.close();
  await new Promise((resolve) => broken.close(resolve));
});

describe('the contract suite through prism proxy', () => {
  it('passes, and Prism locates no violation in any response of the mock', async () => {
    const entries: SlViolation[] = [];
    const report = await runContractSuite({ url: proxyToMock.url, fetch: recordingFetch(entries) });
    expect(report.target.kind).toBe('mock');
    expect(report.failed, `${formatSummary(report)}\n${proxyToMock.output()}`).toBe(0);
    expect(report.skipped).toBe(0);
    expect(entries.filter((e) => e.location[0] === 'response')).toEqual([]);
    // The header was read: the deliberately invalid requests (speed 9, no speed) drew request-side findings.
    expect(entries.some((e) => e.location.join('.') === 'request.body.speed')).toBe(true);
  });

  it('flags a broken server through the same kind of proxy, as the kit does', async () => {
    const entries: SlViolation[] = [];
    const report = await runContractSuite({ url: proxyToBroken.url, token: 'any-token', scenarios: [massmsggetOnly], fetch: recordingFetch(entries) });
    expect(entries.filter((e) => e.location[0] === 'response').map((e) => e.location.join('.'))).toContain('response.body.msg_id');
    const [check] = report.checks;
    expect(check?.outcome).toBe('failed');
    expect(check?.violations.map((v) => `${v.check} ${v.where}`)).toEqual(expect.arrayContaining(['schema body.msg_id', 'prism-response body.msg_id']));
  });
});
