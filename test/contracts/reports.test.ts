import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../contracts/redact.js';
import { formatJson, formatJunit, formatSummary } from '../../contracts/reports.js';
import type { ContractReport } from '../../contracts/run-contract-suite.js';

const report: ContractReport = {
  target: { url: 'https://api.weixin.qq.com', kind: 'real', allowWrites: false },
  checks: [
    { scenario: 'getSpeed answers the speed', name: 'getSpeed answers speed and realspeed', outcome: 'passed', request: 'POST /cgi-bin/message/mass/speed/get', violations: [], durationMs: 12 },
    {
      scenario: 'massmsgget refuses an unknown msg_id',
      name: 'massmsgget of an unknown msg_id answers 40059',
      outcome: 'failed',
      request: 'POST /cgi-bin/message/mass/get',
      violations: [
        { check: 'schema', where: 'body.errcode', message: 'must be integer, got string "40059" & <more>' },
        { check: 'expected-errcode', where: 'body.errcode', message: 'expected errcode 40059, got 40001 "invalid credential"' },
      ],
      durationMs: 30,
    },
    { scenario: 'sendAll submits a send', name: 'sendAll submits a send', outcome: 'skipped', reason: 'needs simulated data; never run against the real API', violations: [], durationMs: 0 },
  ],
  passed: 1,
  failed: 1,
  skipped: 1,
  durationMs: 1234,
};

describe('formatSummary', () => {
  it('prints one line a check, violations underneath, and N passed, N failed last', () => {
    expect(formatSummary(report)).toBe(
      [
        'Contract suite against https://api.weixin.qq.com (the real API, read-only), 1 skipped',
        'PASS getSpeed answers speed and realspeed',
        'FAIL massmsgget of an unknown msg_id answers 40059',
        '       [schema] body.errcode: must be integer, got string "40059" & <more>',
        '       [expected-errcode] body.errcode: expected errcode 40059, got 40001 "invalid credential"',
        'SKIP sendAll submits a send (needs simulated data; never run against the real API)',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });
});

describe('formatJunit', () => {
  it('writes a testsuite a scenario and a testcase a check, escaped', () => {
    const xml = formatJunit(report);
    expect(xml).toContain('<testsuites name="wechat-mass-mock contract" tests="3" failures="1" skipped="1" time="1.234">');
    expect(xml).toContain('<testcase classname="contract.getSpeed answers the speed" name="getSpeed answers speed and realspeed" time="0.012"/>');
    expect(xml).toContain('<failure message="[schema] body.errcode: must be integer, got string &#34;40059&#34; &#38; &#60;more&#62;" type="schema">POST /cgi-bin/message/mass/get\n[schema]');
    expect(xml).toContain('<skipped message="needs simulated data; never run against the real API"/>');
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
  });
});

describe('formatJson', () => {
  it('round-trips the report', () => {
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });
});

describe('createRedactor', () => {
  it('replaces every known secret and any access_token query value', () => {
    const redactor = createRedactor(['mocksecret', undefined, 'TOKEN123456', 'x']);
    expect(redactor.text('GET /cgi-bin/token?secret=mocksecret&access_token=abc&x=1 TOKEN123456')).toBe('GET /cgi-bin/token?secret=<redacted>&access_token=<redacted>&x=1 <redacted>');
  });

  it('scrubs strings at any depth and leaves other values alone', () => {
    const redactor = createRedactor(['s3cr3t-value']);
    expect(redactor.value({ a: ['s3cr3t-value!', 3, null], b: { c: true, d: 'fine' } })).toEqual({ a: ['<redacted>!', 3, null], b: { c: true, d: 'fine' } });
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    expect(createRedactor(['abcd', 'abcdefgh']).text('abcdefgh')).toBe('<redacted>');
  });
});
