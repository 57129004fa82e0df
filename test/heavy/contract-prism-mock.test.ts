/** The contract suite against `prism mock openapi.yaml`, started for real: stateless, schema-valid requests only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractCli } from '../../contracts/cli.js';
import { getOperation, operationIds } from '../../contracts/load-spec.js';
import { formatSummary } from '../../contracts/reports.js';
import { runContractSuite } from '../../contracts/run-contract-suite.js';
import { startPrism, type PrismProcess } from '../prism-process.js';

let prism: PrismProcess;

beforeAll(async () => {
  prism = await startPrism(['mock']);
});

afterAll(async () => {
  await prism.stop();
});

describe('the contract suite against prism mock', () => {
  it('detects Prism and passes every check it can run', async () => {
    const report = await runContractSuite({ url: prism.url });
    expect(report.target.kind).toBe('prism');
    expect(report.failed, `${formatSummary(report)}\n${prism.output()}`).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(15);
  });

  it('skips the requests outside the schema, which Prism answers with its own 422', async () => {
    const report = await runContractSuite({ url: prism.url, prism: true });
    const skipped = report.checks.filter((c) => c.outcome === 'skipped');
    expect(skipped.filter((c) => c.reason?.includes('own 422')).map((c) => c.name)).toEqual(['setSpeed with speed 9 answers 45083', 'setSpeed without speed answers 45084']);
    expect(skipped.filter((c) => c.reason?.includes('control API')).length).toBe(4);
  });

  it('gets error answers from Prism through its named examples', async () => {
    const report = await runContractSuite({ url: prism.url });
    expect(report.checks.find((c) => c.name === 'massmsgget of an unknown msg_id answers 40059')?.outcome).toBe('passed');
    const withToken = operationIds.filter((id) => getOperation(id)?.takesAccessToken);
    expect(report.checks.filter((c) => c.name.endsWith('with a made-up access_token answers 40001')).map((c) => c.outcome)).toEqual(withToken.map(() => 'passed'));
  });

  it('exits 0 from the CLI with --prism', async () => {
    let stdout = '';
    const code = await runContractCli(['--target', prism.url, '--prism'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stdout += t) });
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('(Prism), 7 skipped');
  });
});
