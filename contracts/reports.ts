/** The contract suite's report as a readable summary, JUnit XML or JSON. Reports arrive already redacted. */
import type { CheckResult, ContractReport } from './run-contract-suite.js';
import { formatViolation } from './violations.js';

const KIND_LABEL = { mock: 'wechat-mass-mock', prism: 'Prism', real: 'the real API' } as const;

/** One line a check, its violations indented underneath, and a last line `N passed, N failed`. */
export function formatSummary(report: ContractReport): string {
  const { target } = report;
  const mode = target.kind === 'real' ? (target.allowWrites ? ', writes allowed' : ', read-only') : '';
  const skipped = report.skipped > 0 ? `, ${report.skipped} skipped` : '';
  const lines = [`Contract suite against ${target.url} (${KIND_LABEL[target.kind]}${mode})${skipped}`];
  for (const check of report.checks) {
    if (check.outcome === 'skipped') {
      lines.push(`SKIP ${check.name} (${check.reason ?? 'skipped'})`);
      continue;
    }
    lines.push(`${check.outcome === 'passed' ? 'PASS' : 'FAIL'} ${check.name}`);
    for (const violation of check.violations) lines.push(`       ${formatViolation(violation)}`);
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: ContractReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** JUnit XML as CI servers read it: a testsuite a scenario, a testcase a check. */
export function formatJunit(report: ContractReport): string {
  const scenarios = new Map<string, CheckResult[]>();
  for (const check of report.checks) scenarios.set(check.scenario, [...(scenarios.get(check.scenario) ?? []), check]);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="wechat-mass-mock contract" tests="${report.checks.length}" failures="${report.failed}" skipped="${report.skipped}" time="${seconds(report.durationMs)}">`,
  ];
  for (const [scenario, checks] of scenarios) {
    const count = (outcome: CheckResult['outcome']) => checks.filter((c) => c.outcome === outcome).length;
    const time = checks.reduce((sum, c) => sum + c.durationMs, 0);
    lines.push(`  <testsuite name="${xml(scenario)}" tests="${checks.length}" failures="${count('failed')}" skipped="${count('skipped')}" time="${seconds(time)}">`);
    for (const check of checks) lines.push(...testcase(check));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(check: CheckResult): string[] {
  const open = `    <testcase classname="${xml(`contract.${check.scenario}`)}" name="${xml(check.name)}" time="${seconds(check.durationMs)}"`;
  if (check.outcome === 'passed') return [`${open}/>`];
  if (check.outcome === 'skipped') return [`${open}>`, `      <skipped message="${xml(check.reason ?? '')}"/>`, '    </testcase>'];
  const [first] = check.violations;
  const details = [check.request, ...check.violations.map(formatViolation)].filter((line) => line !== undefined).join('\n');
  return [`${open}>`, `      <failure message="${xml(first ? formatViolation(first) : 'failed')}" type="${xml(first?.check ?? 'failure')}">${xml(details)}</failure>`, '    </testcase>'];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function xml(text: string): string {
  // Control characters other than tab and newline are not allowed in XML 1.0.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
