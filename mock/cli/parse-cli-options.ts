/**
 * The CLI's flags and their environment variables, parsed and checked; a bad value is a usage
 * error (exit 2) with a sentence that says what was wrong.
 */
import { parseArgs } from 'node:util';
import type { ClockMode } from '../domain/clock.js';
import { allowedHostName } from '../http/host-allow-list.js';
import { isLoopbackAddress } from '../http/is-loopback-address.js';
import { allowedOrigin } from '../http/origin-allow-list.js';
import { DEFAULT_INTERCEPT_HOSTS, interceptHostList } from '../intercept/intercept-hosts.js';

export const USAGE = `Usage: wechat-mass-mock [options]
       wechat-mass-mock contract --target URL [options]   (run "wechat-mass-mock contract --help")

A local fake of the WeChat Official Account mass-messaging API: the send itself (token, sendall,
send, preview, delete, massmsgget, setSpeed, getSpeed) and the calls around it (uploads, material,
drafts, tags, followers), with a control API and a dashboard under /__mock. GET /__mock/openapi.yaml
lists every operation.

Options (each also read from the environment variable shown):
  --port N               port to listen on (PORT; default 3000; 0 picks a free one)
  --host ADDR            address to bind (HOST; default 127.0.0.1). Binding elsewhere needs a
                         control token, since the control API can change anything
  --seed N               seed for ids, tokens and rids (WXMOCK_SEED; default random)
  --config FILE          JSON file of apps and options, see mock/control.yaml MockConfig (WXMOCK_CONFIG)
  --state-file FILE      keep apps, tokens, speeds, messages and the clock in FILE across restarts
                         (WXMOCK_STATE_FILE; default: memory only)
  --clock real|manual    real time, or time that moves only through POST /__mock/clock (WXMOCK_CLOCK; default real)
  --time-scale X         on the real clock, mock seconds per real second, e.g. 60 (WXMOCK_TIME_SCALE; default 1)
  --control-token T      demand "Authorization: Bearer T" on /__mock (WXMOCK_CONTROL_TOKEN)
  --allowed-hosts A,B    Host names answered besides 127.0.0.1, localhost and [::1]; .example.test
                         admits it and its subdomains (WXMOCK_ALLOWED_HOSTS). Any other Host gets
                         403, against DNS rebinding; bound beyond loopback with a control token,
                         every Host is answered unless this is given
  --allowed-origins O,P  origins whose pages may change the mock besides its own dashboard, e.g.
                         http://localhost:5173 (WXMOCK_ALLOWED_ORIGINS). A write to /__mock with
                         any other Origin gets 403; requests without Origin (curl, SDKs) are not asked
  --allow-remote-callbacks
                         let apps' callback URLs leave loopback; off, the event push only goes to
                         127.0.0.0/8, ::1 or localhost (WXMOCK_ALLOW_REMOTE_CALLBACKS=1)
  --intercept            intercept mode: the mock is also an HTTP proxy that answers for WeChat's hosts
                         (HTTPS by CONNECT with its own CA, plain HTTP by absolute form) and refuses
                         every other host; "source <ca-dir>/env.sh" points a client's shell at it
                         (WXMOCK_INTERCEPT=1)
  --ca-dir DIR           intercept mode's CA and client files: ca.pem, ca-key.pem, ca-bundle.pem, env.sh
                         (WXMOCK_CA_DIR; default ~/.wechat-mass-mock/ca)
  --intercept-hosts H,H  the hosts to intercept, replacing the default list (WXMOCK_INTERCEPT_HOSTS;
                         default ${DEFAULT_INTERCEPT_HOSTS.join(',')})
  --log-level L          warn (errors and warnings only), info (also the start-up lines; default)
                         or debug (also one line per request: time, method, path, status, duration;
                         never a query or body, so never a token) (WXMOCK_LOG_LEVEL)
  --version              print the version
  --help                 print this help

Exit codes: 0 normal shutdown, 2 bad usage or config, 1 anything else.
Example:
  wechat-mass-mock --port 3000 --clock manual --seed 42
  curl "http://127.0.0.1:3000/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000001&secret=mocksecret"
  wechat-mass-mock --intercept      then, in the client's shell: . ~/.wechat-mass-mock/ca/env.sh`;

export interface CliOptions {
  help: boolean;
  version: boolean;
  port: number;
  host: string;
  seed: number | undefined;
  config: string | undefined;
  stateFile: string | undefined;
  logLevel: LogLevel;
  clock: ClockMode;
  timeScale: number;
  controlToken: string | undefined;
  allowedHosts: string[] | undefined;
  allowedOrigins: string[] | undefined;
  allowRemoteCallbacks: boolean;
  intercept: boolean;
  caDir: string | undefined;
  /** Checked and normalised; undefined: the default list. */
  interceptHosts: string[] | undefined;
}

export const LOG_LEVELS = ['warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class UsageError extends Error {
  override name = 'UsageError';
}

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

/** A comma-separated list, each entry checked and normalised by `entry` (which throws saying why). */
function list(name: string, raw: string | undefined, entry: (value: string) => string): string[] | undefined {
  if (raw === undefined) return undefined;
  try {
    return raw
      .split(',')
      .filter((value) => value.trim() !== '')
      .map(entry);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`);
  }
}

/** A boolean environment variable: 1/true/yes or 0/false/no (any case); unset or empty is false. */
function flag(variable: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new UsageError(`${variable} must be 1, true, yes, 0, false or no, got "${raw}"`);
}

export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        config: { type: 'string' },
        'state-file': { type: 'string' },
        'log-level': { type: 'string' },
        clock: { type: 'string' },
        'time-scale': { type: 'string' },
        'control-token': { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'allowed-origins': { type: 'string' },
        'allow-remote-callbacks': { type: 'boolean' },
        intercept: { type: 'boolean' },
        'ca-dir': { type: 'string' },
        'intercept-hosts': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const pick = (flag: string | undefined, variable: string) => flag ?? (env[variable] === '' ? undefined : env[variable]);
  const port = pick(values.port, 'PORT');
  const seed = pick(values.seed, 'WXMOCK_SEED');
  const clock = pick(values.clock, 'WXMOCK_CLOCK') ?? 'real';
  const scale = pick(values['time-scale'], 'WXMOCK_TIME_SCALE');
  const host = pick(values.host, 'HOST') ?? '127.0.0.1';
  const controlToken = pick(values['control-token'], 'WXMOCK_CONTROL_TOKEN');
  const allowRemoteCallbacks = values['allow-remote-callbacks'] ?? flag('WXMOCK_ALLOW_REMOTE_CALLBACKS', env.WXMOCK_ALLOW_REMOTE_CALLBACKS);
  const logLevel = pick(values['log-level'], 'WXMOCK_LOG_LEVEL') ?? 'info';
  const intercept = values.intercept ?? flag('WXMOCK_INTERCEPT', env.WXMOCK_INTERCEPT);
  // The flags alone would be silently ignored; the variables may be set for a whole shell.
  if (!intercept && (values['ca-dir'] !== undefined || values['intercept-hosts'] !== undefined)) throw new UsageError('--ca-dir and --intercept-hosts need --intercept');
  const hostList = intercept ? pick(values['intercept-hosts'], 'WXMOCK_INTERCEPT_HOSTS') : undefined;
  let interceptHosts: string[] | undefined;
  try {
    interceptHosts = hostList === undefined ? undefined : interceptHostList(hostList.split(','));
  } catch (err) {
    throw new UsageError(`--intercept-hosts: ${(err as Error).message}`);
  }
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  if (clock !== 'real' && clock !== 'manual') throw new UsageError(`--clock must be real or manual, got "${clock}"`);
  const timeScale = scale === undefined ? 1 : Number(scale);
  if (!Number.isFinite(timeScale) || timeScale <= 0 || timeScale > 1e6) throw new UsageError(`--time-scale must be a positive number up to 1000000, got "${scale}"`);
  if (!isLoopbackAddress(host) && controlToken === undefined) {
    throw new UsageError(`binding ${host} exposes the control API beyond this machine: give --control-token (or WXMOCK_CONTROL_TOKEN), or bind 127.0.0.1`);
  }
  return {
    help: values.help ?? false,
    version: values.version ?? false,
    port: port === undefined ? 3000 : integer('--port', port, 0, 65535),
    host,
    seed: seed === undefined ? undefined : integer('--seed', seed, 0, 2 ** 31 - 1),
    config: pick(values.config, 'WXMOCK_CONFIG'),
    stateFile: pick(values['state-file'], 'WXMOCK_STATE_FILE'),
    logLevel: logLevel as LogLevel,
    clock,
    timeScale,
    controlToken,
    allowedHosts: list('--allowed-hosts', pick(values['allowed-hosts'], 'WXMOCK_ALLOWED_HOSTS'), allowedHostName),
    allowedOrigins: list('--allowed-origins', pick(values['allowed-origins'], 'WXMOCK_ALLOWED_ORIGINS'), allowedOrigin),
    allowRemoteCallbacks,
    intercept,
    caDir: intercept ? pick(values['ca-dir'], 'WXMOCK_CA_DIR') : undefined,
    interceptHosts,
  };
}
