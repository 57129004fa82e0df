import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../contracts/reports.js';
import { runContractSuite } from '../../contracts/run-contract-suite.js';
import { scenarios } from '../../contracts/scenarios.js';
import type { Fetch } from '../../contracts/targets.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { PATHS } from '../helpers.js';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ clock: { mode: 'manual' }, seed: 7 });
});

afterAll(async () => {
  await mock.close();
});

describe('runContractSuite against the in-process mock', () => {
  it('passes every check, lifecycle included, and skips none', async () => {
    const report = await runContractSuite({ url: mock.url });
    expect(formatSummary(report)).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(report.failed, formatSummary(report)).toBe(0);
    expect(report.skipped).toBe(0);
    expect(report.target.kind).toBe('mock');
    expect(report.checks.map((c) => c.scenario)).toContain('a clientmsgid makes sendAll idempotent');
  });

  it('leaves the default app as it was, running each scenario in an app of its own', async () => {
    const before = await mock.control.state();
    const defaultBefore = before.apps.find((a) => a.appid === 'wx0000000000000001');
    await runContractSuite({ url: mock.url });
    const after = await mock.control.state();
    const defaultAfter = after.apps.find((a) => a.appid === 'wx0000000000000001');
    expect(defaultAfter?.speed).toBe(defaultBefore?.speed);
    expect(defaultAfter?.message_count).toBe(defaultBefore?.message_count);
  });

  it('never puts an app secret or an access_token in the report', async () => {
    const report = await runContractSuite({ url: mock.url });
    const secrets = (await mock.control.state()).apps.map((a) => a.secret);
    const text = JSON.stringify(report);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/access_token=(?!<redacted>)/);
  });
});

/** The mock's answers, with massmsgget stuck at SENDING: valid by the schema, wrong in behaviour. */
const stuckAtSending: Fetch = async (request) => {
  const res = await fetch(request);
  if (!request.url.includes(PATHS.massmsgget)) return res;
  return new Response((await res.text()).replace('SEND_SUCCESS', 'SENDING'), { status: res.status, headers: res.headers });
};

describe('runContractSuite, judging behaviour', () => {
  it('fails a lifecycle that does not advance, naming the field', async () => {
    const report = await runContractSuite({ url: mock.url, fetch: stuckAtSending });
    const failed = report.checks.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => c.name)).toEqual(['massmsgget after two mock minutes answers SEND_SUCCESS']);
    expect(failed[0]?.violations).toEqual([
      { check: 'expected-value', where: 'body.msg_status', message: 'expected msg_status "SEND_SUCCESS", got "SENDING"', expected: 'SEND_SUCCESS', actual: 'SENDING' },
    ]);
  });

  it('runs only the scenarios it is given', async () => {
    const only = scenarios.filter((s) => s.name === 'getSpeed answers the speed');
    const report = await runContractSuite({ url: mock.url, scenarios: only });
    expect(report.checks.map((c) => [c.name, c.outcome, c.request])).toEqual([['getSpeed answers speed and realspeed', 'passed', 'POST /cgi-bin/message/mass/speed/get']]);
  });

  it('reports a control API that refuses as a failed setup, with a hint', async () => {
    const guarded = await startMockServer({ clock: { mode: 'manual' }, controlToken: 'control-secret-123' });
    const only = scenarios.filter((s) => s.name === 'getSpeed answers the speed');
    const report = await runContractSuite({ url: guarded.url, scenarios: only });
    await guarded.close();
    expect(report.checks).toMatchObject([{ name: 'getSpeed answers the speed (aborted)', outcome: 'failed', violations: [{ check: 'request-failed' }] }]);
    expect(report.checks[0]?.violations[0]?.message).toMatch(/^POST \/__mock\/apps answered HTTP 401: .*pass --control-token/);
  });

  it('drives a mock that demands its control token when given it', async () => {
    const guarded = await startMockServer({ clock: { mode: 'manual' }, controlToken: 'control-secret-123' });
    const report = await runContractSuite({ url: guarded.url, controlToken: 'control-secret-123' });
    await guarded.close();
    expect(report.failed, formatSummary(report)).toBe(0);
    expect(JSON.stringify(report)).not.toContain('control-secret-123');
  });
});

