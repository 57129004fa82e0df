/**
 * runContractSuite: every scenario the target can run, each call checked against openapi.yaml,
 * gathered in one report with every secret and token redacted.
 */
import { createRedactor } from './redact.js';
import { appSession, createScenarioContext, sharedSession, type CheckResult, type Outcome } from './scenario-context.js';
import { ScenarioAborted, scenarios as allScenarios, skipReason, type Scenario } from './scenarios.js';
import { resolveTarget, type TargetKind, type TargetOptions } from './targets.js';

export type { CheckResult, Outcome } from './scenario-context.js';

export interface SuiteOptions extends TargetOptions {
  /** Default: every scenario of scenarios.ts. */
  readonly scenarios?: readonly Scenario[];
}

export interface ContractReport {
  readonly target: { readonly url: string; readonly kind: TargetKind; readonly allowWrites: boolean };
  readonly checks: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
}

/** Runs the suite; rejects with TargetError when it cannot start (no answer, or the real API without credentials). */
export async function runContractSuite(options: SuiteOptions): Promise<ContractReport> {
  const started = performance.now();
  const target = await resolveTarget(options);
  const secrets = [options.secret, options.token, options.controlToken];
  const checks: CheckResult[] = [];
  const shared = sharedSession(target, secrets);
  for (const scenario of options.scenarios ?? allScenarios) {
    const reason = skipReason(scenario, target);
    if (reason) {
      checks.push({ scenario: scenario.name, name: scenario.name, outcome: 'skipped', reason, violations: [], durationMs: 0 });
      continue;
    }
    const scenarioStarted = performance.now();
    try {
      const session = target.capabilities.control ? await appSession(target, scenario, secrets) : shared;
      await scenario.run(createScenarioContext(target, scenario, session, checks, secrets));
    } catch (error) {
      if (!(error instanceof ScenarioAborted)) {
        const message = error instanceof Error ? error.message : String(error);
        checks.push({ scenario: scenario.name, name: `${scenario.name} (aborted)`, outcome: 'failed', violations: [{ check: 'request-failed', where: 'scenario', message }], durationMs: performance.now() - scenarioStarted });
      }
    }
  }
  const count = (outcome: Outcome) => checks.filter((c) => c.outcome === outcome).length;
  const report: ContractReport = {
    target: { url: target.baseUrl, kind: target.kind, allowWrites: target.capabilities.allowWrites },
    checks,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    durationMs: performance.now() - started,
  };
  return createRedactor(secrets).value(report);
}

