/**
 * `wechat-mass-mock contract`: runs the contract suite against a target and prints the summary.
 * Exit 0 when every check passed, 1 on a violation, 2 on bad usage or a target that cannot be checked.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { createRedactor } from './redact.js';
import { formatJson, formatJunit, formatSummary } from './reports.js';
import { runContractSuite } from './run-contract-suite.js';
import { TargetError, type Fetch } from './targets.js';

export const CONTRACT_USAGE = `Usage: wechat-mass-mock contract --target URL [options]

Checks a server against openapi.yaml: wechat-mass-mock (found by its /__mock API; each scenario
runs in an app of its own), \`prism mock openapi.yaml\`, or the real API (anything else).

Options:
  --target URL           the server to check, e.g. http://127.0.0.1:3000 or https://api.weixin.qq.com
  --appid ID --secret S  credentials; the token comes from stable_token in normal mode, never
                         /cgi-bin/token (it would rotate the production token)
  --token TOKEN          an access_token to use instead of --appid and --secret
  --allow-writes         on the real API, also run setSpeed (the original speed is restored)
  --prism                the target is \`prism mock openapi.yaml\` (detected anyway)
  --control-token T      the mock's control token, when it was started with one
  --junit FILE           also write JUnit XML to FILE
  --json FILE            also write the report as JSON to FILE
  -h, --help             this text

Against the real API only calls that change nothing run, unless --allow-writes.
Exit status: 0 every check passed, 1 a contract violation, 2 bad usage or the target unreachable.
`;

export interface CliIo {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly fetch?: Fetch;
}

const OPTIONS = {
  target: { type: 'string' },
  appid: { type: 'string' },
  secret: { type: 'string' },
  token: { type: 'string' },
  'allow-writes': { type: 'boolean' },
  prism: { type: 'boolean' },
  'control-token': { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runContractCli(argv: string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError(stderr, error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    stdout(CONTRACT_USAGE);
    return 0;
  }
  const redactor = createRedactor([values.secret, values.token, values['control-token']]);
  const problem = usageProblem(values);
  if (problem) return usageError(stderr, problem);
  let report;
  try {
    report = await runContractSuite({
      url: values.target as string,
      appid: values.appid,
      secret: values.secret,
      token: values.token,
      controlToken: values['control-token'],
      allowWrites: values['allow-writes'] ?? false,
      prism: values.prism ?? false,
      fetch: io.fetch,
    });
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    stderr(`wechat-mass-mock contract: ${redactor.text(error.message)}\n`);
    return 2;
  }
  stdout(formatSummary(report));
  if (values.junit) await writeReport(values.junit, formatJunit(report));
  if (values.json) await writeReport(values.json, formatJson(report));
  return report.failed > 0 ? 1 : 0;
}

function usageProblem(values: { target?: string; appid?: string; secret?: string; token?: string }): string | undefined {
  if (values.target === undefined) return '--target URL is required';
  try {
    const { protocol } = new URL(values.target);
    if (protocol !== 'http:' && protocol !== 'https:') return `--target must be an http(s) URL, got ${protocol}`;
  } catch {
    return `--target must be a URL, got "${values.target}"`;
  }
  if (values.token !== undefined && (values.appid !== undefined || values.secret !== undefined)) return 'give --token, or --appid and --secret, not both';
  if ((values.appid === undefined) !== (values.secret === undefined)) return '--appid and --secret go together';
  return undefined;
}

function usageError(stderr: (text: string) => void, message: string): number {
  stderr(`wechat-mass-mock contract: ${message}\nRun "wechat-mass-mock contract --help" for usage.\n`);
  return 2;
}

async function writeReport(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}
