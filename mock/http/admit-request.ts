/**
 * The admission step: what every request passes before it is routed, whichever way it came in.
 * 1. Host, on every path: only this machine's names and --allowed-hosts, so a page on a rebound name
 *    cannot read or change the mock (DNS rebinding). Bound beyond loopback with a control token, any
 *    Host unless --allowed-hosts is given: a service's name (http://wechat-mock:3000) is not known here.
 * 2. Origin, on state-changing requests outside /cgi-bin: when present, the mock's own page or an
 *    --allowed-origins entry, so a page on another site cannot change it (cross-site writes).
 * 3. The control token, when one is set: every /__mock route but the health check and the dashboard
 *    page (the page asks for the token, then sends it on every call).
 * /cgi-bin, the hot path, meets only the Host check: its calls carry an access_token no page can know.
 * In intercept mode, a /cgi-bin request the proxy brought in for a WeChat host is admitted under that
 * host's name; any other path it brings in is 404: the control API and the dashboard stay on the
 * mock's own address.
 */
import type { IncomingMessage } from 'node:http';
import { bearerTokenCheck } from './bearer-token-check.js';
import { hostAllowList, hostNameEnd, LOOPBACK_HOST_NAMES } from './host-allow-list.js';
import { isLoopbackAddress } from './is-loopback-address.js';
import { originAllowList } from './origin-allow-list.js';
import { tunnelOf } from './tunnel.js';

export interface AdmissionOptions {
  /** The address the mock listens on; default 127.0.0.1, which is also what createApp alone (supertest) counts as. */
  host?: string | undefined;
  controlToken?: string | undefined;
  /** Host names admitted besides 127.0.0.1, localhost and [::1]. */
  allowedHosts?: readonly string[] | undefined;
  /** Origins (`http://localhost:5173`) whose pages may change the mock besides its own. */
  allowedOrigins?: readonly string[] | undefined;
}

export interface Refusal {
  status: number;
  error: string;
  message: string;
}

export type Admission = (req: IncomingMessage, path: string, toWechat: boolean) => Refusal | undefined;

/** Reads change nothing, and a page on another site cannot read the answer (no CORS headers). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const UNAUTHORIZED: Refusal = { status: 401, error: 'unauthorized', message: 'this mock has a control token: send Authorization: Bearer <token>' };

/** The path under /__mock as Express's router matches it (case-insensitive, a trailing slash ignored); undefined elsewhere. */
function controlPath(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower !== '/__mock' && !lower.startsWith('/__mock/')) return undefined;
  const rest = lower.slice('/__mock'.length);
  return rest.length > 1 && rest.endsWith('/') ? rest.slice(0, -1) : rest;
}

function isOpenToAll(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path === '/health' || path === '' || path === '/' || path.startsWith('/dashboard/');
}

function hostRefusal(authority: string | undefined, names: readonly string[]): Refusal {
  const answered = `this mock answers only ${names.join(', ')}, so that a page on another name (DNS rebinding) cannot reach it`;
  if (authority === undefined) return { status: 403, error: 'host_not_allowed', message: `a request without a Host header is refused: ${answered}` };
  const name = authority.slice(0, hostNameEnd(authority));
  return {
    status: 403,
    error: 'host_not_allowed',
    message: `Host ${name} is not allowed: ${answered}. To admit it, start the mock with --allowed-hosts ${name} (WXMOCK_ALLOWED_HOSTS, or createApp's allowedHosts)`,
  };
}

function originRefusal(origin: string): Refusal {
  const own = 'only its own pages and clients that send no Origin (curl, SDKs) may';
  const admit =
    origin === 'null'
      ? 'a sandboxed frame, a file or a cross-site redirect sends Origin null, which no flag admits: serve the page from an origin and give that to --allowed-origins'
      : `to admit it, start the mock with --allowed-origins ${origin} (WXMOCK_ALLOWED_ORIGINS, or createApp's allowedOrigins)`;
  return { status: 403, error: 'origin_not_allowed', message: `a page of Origin ${origin} may not change this mock: ${own}; ${admit}` };
}

/** Whether intercept mode's proxy brought `req` in for the host its Host header names. */
function proxiedAs(req: IncomingMessage, authority: string): boolean {
  const tunnel = tunnelOf(req);
  return tunnel !== undefined && authority.slice(0, hostNameEnd(authority)).toLowerCase() === tunnel.host;
}

export function createAdmission({ host = '127.0.0.1', controlToken, allowedHosts, allowedOrigins }: AdmissionOptions): Admission {
  // Without a token nothing else would keep a rebound page out of /__mock, so the list stays whatever the address.
  const anyHost = !isLoopbackAddress(host) && controlToken !== undefined && allowedHosts === undefined;
  const hosts = anyHost ? undefined : hostAllowList([...LOOPBACK_HOST_NAMES, ...(allowedHosts ?? [])]);
  const origins = originAllowList(hosts, allowedOrigins);
  const carriesToken = controlToken === undefined ? undefined : bearerTokenCheck(controlToken);
  return (req, path, toWechat) => {
    const { host: authority, origin } = req.headers;
    const tunnel = toWechat ? undefined : tunnelOf(req);
    if (tunnel) return { status: 404, error: 'not_found', message: `${tunnel.host} is intercepted for /cgi-bin only; the control API is on the mock's own address, under /__mock` };
    if (hosts && (authority === undefined || !hosts.admits(authority)) && !(toWechat && authority !== undefined && proxiedAs(req, authority))) {
      return hostRefusal(authority, hosts.names);
    }
    if (toWechat) return undefined;
    const method = req.method ?? 'GET';
    if (origin !== undefined && !SAFE_METHODS.has(method) && !origins.admits(origin, authority)) return originRefusal(origin);
    if (carriesToken === undefined) return undefined;
    const control = controlPath(path);
    if (control === undefined || isOpenToAll(method, control) || carriesToken(req.headers.authorization)) return undefined;
    return UNAUTHORIZED;
  };
}
