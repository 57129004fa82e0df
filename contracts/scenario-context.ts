/**
 * What a scenario's calls go through: the session (whose app, which token), the request as the
 * target needs it (Prism's Prefer header), and one recorded check a call.
 */
import { fromFetchResponse } from './adapters.js';
import { compiledValidator, getOperation, type OperationInfo } from './load-spec.js';
import type { CallSpec, Expectation, Scenario, ScenarioContext } from './scenarios.js';
import type { Target } from './targets.js';
import { validateExchange, type Exchange } from './validate-exchange.js';
import type { Violation } from './violations.js';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  readonly scenario: string;
  readonly name: string;
  readonly outcome: Outcome;
  /** The request line without its query, e.g. `POST /cgi-bin/message/mass/speed/set`. */
  readonly request?: string;
  readonly violations: readonly Violation[];
  /** Why it was skipped. */
  readonly reason?: string;
  readonly durationMs: number;
}

/** Looks like a real token (base64-ish, long) so the server judges its value, not its shape. */
const BOGUS_TOKEN = 'contractSuiteMadeUpToken'.repeat(6);

/** Whose credentials and token a scenario's calls carry. */
export interface Session {
  readonly credentials: { readonly appid: string; readonly secret: string } | undefined;
  /** The scenario app's appid on the mock, for its own clock. */
  readonly appid: string | undefined;
  token(): Promise<string>;
}

/** The target's own credentials, one token for the whole run (real API and Prism). */
export function sharedSession(target: Target, secrets: (string | undefined)[]): Session {
  const given = target.credentials;
  const credentials = 'secret' in given ? given : undefined;
  let token: Promise<string> | undefined = 'token' in given ? Promise.resolve(given.token) : undefined;
  return {
    credentials,
    appid: undefined,
    token: () => (token ??= stableToken(target, credentials, secrets)),
  };
}

/** A fresh app on the mock for one scenario, so runs never see each other's state. */
export async function appSession(target: Target, scenario: Scenario, secrets: (string | undefined)[]): Promise<Session> {
  const app = (await control(target, 'POST', '/apps', scenario.app ?? {})) as { appid: string; secret: string };
  secrets.push(app.secret);
  const credentials = { appid: app.appid, secret: app.secret };
  let token: Promise<string> | undefined;
  return { credentials, appid: app.appid, token: () => (token ??= stableToken(target, credentials, secrets)) };
}

/** stable_token in normal mode: it never rotates the token other clients hold (/cgi-bin/token would). */
async function stableToken(target: Target, credentials: Session['credentials'], secrets: (string | undefined)[]): Promise<string> {
  if (!credentials) throw new Error('no access_token: pass --token, or --appid and --secret');
  const res = await target.fetch(
    new Request(`${target.baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: credentials.appid, secret: credentials.secret, force_refresh: false }),
      signal: AbortSignal.timeout(target.timeoutMs),
    }),
  );
  const body = parseObject(await res.text());
  const token = body?.['access_token'];
  if (typeof token !== 'string') {
    throw new Error(`no access_token: stable_token answered HTTP ${res.status} with errcode ${JSON.stringify(body?.['errcode'])} ${JSON.stringify(body?.['errmsg'] ?? '')}`);
  }
  secrets.push(token);
  return token;
}

async function control(target: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.controlToken) headers['authorization'] = `Bearer ${target.controlToken}`;
  const res = await target.fetch(
    new Request(`${target.baseUrl}/__mock${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(target.timeoutMs) }),
  );
  const answer = parseObject(await res.text());
  if (!res.ok) {
    const hint = res.status === 401 ? ' (the mock demands its control token: pass --control-token)' : '';
    throw new Error(`${method} /__mock${path} answered HTTP ${res.status}: ${String(answer?.['message'] ?? answer?.['error'] ?? 'no message')}${hint}`);
  }
  return answer;
}

export function createScenarioContext(target: Target, scenario: Scenario, session: Session, checks: CheckResult[], secrets: (string | undefined)[]): ScenarioContext {
  const { prism, control: hasControl } = target.capabilities;
  return {
    target,
    credentials: session.credentials,
    async call(label, spec, expectation) {
      const started = performance.now();
      const operation = getOperation(spec.operationId);
      if (!operation) throw new Error(`scenario "${scenario.name}" calls unknown operation ${spec.operationId}`);
      const request = `${operation.method} ${operation.path}`;
      const record = (outcome: Outcome, violations: Violation[], reason?: string) =>
        checks.push({ scenario: scenario.name, name: label, outcome, request, violations, ...(reason ? { reason } : {}), durationMs: performance.now() - started });
      if (prism && outsideRequestSchema(operation, spec.body)) {
        record('skipped', [], 'Prism answers a request outside the schema with its own 422');
        return undefined;
      }
      const outgoing = await buildRequest(target, operation, spec, expectation, session);
      let res: Response;
      let exchange: Exchange;
      try {
        res = await target.fetch(outgoing);
        exchange = await fromFetchResponse(res);
      } catch (error) {
        record('failed', [{ check: 'request-failed', where: 'request', message: `${request} got no answer: ${error instanceof Error ? error.message : String(error)}` }]);
        return undefined;
      }
      const body = parseObject(exchange.body);
      if (typeof body?.['access_token'] === 'string') secrets.push(body['access_token']);
      const contract = validateExchange(spec.operationId, exchange, { expect: expectation.branch });
      // A field the contract check already faults (a string speed) needs no second violation.
      const faulted = new Set(contract.map((v) => v.where));
      const violations = [
        ...contract,
        ...behaviourViolations(expectation, body, prism).filter((v) => !faulted.has(v.where)),
        ...prismViolations(res.headers.get('sl-violations')),
      ];
      record(violations.length === 0 ? 'passed' : 'failed', violations);
      return body;
    },
    async advance(ms) {
      if (prism) return;
      await control(target, 'POST', '/clock', { advance_ms: ms, appid: session.appid });
    },
    async confirm(msgId, answer) {
      if (!hasControl) throw new Error(`cannot ${answer} msg_id ${msgId}: the target has no control API`);
      await control(target, 'POST', `/messages/${msgId}/${answer}`);
    },
  };
}

async function buildRequest(target: Target, operation: OperationInfo, spec: CallSpec, expectation: Expectation, session: Session): Promise<Request> {
  const url = new URL(`${target.baseUrl}${operation.path}`);
  for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
  if (operation.takesAccessToken) url.searchParams.set('access_token', spec.token === 'bogus' ? BOGUS_TOKEN : await session.token());
  // A form's Content-Type, with its boundary, is fetch's to write.
  const headers: Record<string, string> = spec.form ? {} : { 'content-type': 'application/json' };
  // Prism cannot compute an error; it serves the named example instead.
  if (target.capabilities.prism && expectation.branch === 'error' && expectation.errcode !== undefined) {
    headers['prefer'] = `example=${expectation.errcode === -1 ? 'errm1' : `err${expectation.errcode}`}`;
  }
  return new Request(url, { method: operation.method, headers, body: requestBody(spec), signal: AbortSignal.timeout(target.timeoutMs) });
}

function requestBody(spec: CallSpec): BodyInit | undefined {
  if (spec.form) {
    const form = new FormData();
    for (const [name, value] of Object.entries(spec.form.fields ?? {})) form.set(name, value);
    if (spec.form.media) form.set('media', new Blob([spec.form.media.bytes]), spec.form.media.filename);
    return form;
  }
  return spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
}

function outsideRequestSchema(operation: OperationInfo, body: unknown): boolean {
  if (!operation.requestSchema || body === undefined) return false;
  return !compiledValidator(operation.requestSchema)(body);
}

/** The errcode and field values the scenario provokes; Prism answers examples, so only the branch counts there. */
function behaviourViolations(expectation: Expectation, body: Record<string, unknown> | undefined, prism: boolean): Violation[] {
  if (!body || prism) return [];
  const violations: Violation[] = [];
  const errcode = body['errcode'];
  const isError = typeof errcode === 'number' && errcode !== 0;
  if (expectation.errcode !== undefined && isError && errcode !== expectation.errcode) {
    violations.push({ check: 'expected-errcode', where: 'body.errcode', message: `expected errcode ${expectation.errcode}, got ${errcode} ${JSON.stringify(body['errmsg'] ?? '')}`, expected: expectation.errcode, actual: errcode });
  }
  const branchMatched = (expectation.branch === 'error') === isError;
  for (const [field, expected] of Object.entries(expectation.fields ?? {})) {
    if (!branchMatched || body[field] === expected) continue;
    violations.push({ check: 'expected-value', where: `body.${field}`, message: `expected ${field} ${JSON.stringify(expected)}, got ${JSON.stringify(body[field])}`, expected, actual: body[field] });
  }
  return violations;
}

/** Prism proxy's findings about the response; request-side ones are expected for deliberately invalid requests. */
function prismViolations(header: string | null): Violation[] {
  if (!header) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(header);
  } catch {
    return [{ check: 'prism-response', where: 'headers.sl-violations', message: `Prism's sl-violations header is not JSON: ${header.slice(0, 80)}` }];
  }
  if (!Array.isArray(entries)) return [];
  return entries
    .map((entry) => entry as { location?: unknown; message?: unknown })
    .filter((entry) => Array.isArray(entry.location) && entry.location[0] === 'response')
    .map((entry) => ({ check: 'prism-response', where: (entry.location as string[]).slice(1).join('.'), message: `Prism: ${String(entry.message)}` }));
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
