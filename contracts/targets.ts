/**
 * A target is a server the contract suite checks: a base URL, credentials and what it can do.
 * Anything that is neither the mock (its /__mock/health answers) nor Prism is treated as the real
 * API, so an unknown server only ever gets calls that change nothing.
 */

export type Fetch = (request: Request) => Promise<Response>;

export type Credentials = { readonly appid: string; readonly secret: string } | { readonly token: string };

export type TargetKind = 'mock' | 'prism' | 'real';

export interface TargetCapabilities {
  /** The mock's control API (/__mock) answers: apps, the clock and approvals can be driven. */
  readonly control: boolean;
  /** The real API: no simulated data, and nothing is changed unless allowWrites. */
  readonly realApi: boolean;
  /** `prism mock`: stateless, answers examples, and answers a request outside the schema with its own 422. */
  readonly prism: boolean;
  /** Calls that change state may run on the real API (setSpeed, restored afterwards). */
  readonly allowWrites: boolean;
}

export interface Target {
  readonly kind: TargetKind;
  /** Without a trailing slash, query or user info. */
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly controlToken: string | undefined;
  readonly capabilities: TargetCapabilities;
  readonly fetch: Fetch;
  /** How long one request may take before it counts as failed. */
  readonly timeoutMs: number;
}

export interface TargetOptions {
  readonly url: string;
  readonly appid?: string;
  readonly secret?: string;
  readonly token?: string;
  /** The mock's control token, when it was started with one. */
  readonly controlToken?: string;
  readonly allowWrites?: boolean;
  /** The target is `prism mock openapi.yaml`; detected anyway from its answer to /__mock/health. */
  readonly prism?: boolean;
  readonly fetch?: Fetch;
  /** Default 10 s. */
  readonly timeoutMs?: number;
}

/** The suite cannot start: the target does not answer, or the real API was given no credentials (CLI exit 2). */
export class TargetError extends Error {
  override name = 'TargetError';
}

function unreachable(url: string, cause: unknown): TargetError {
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new TargetError(`cannot reach ${url}: ${reason}`);
}

/** The mock's default app (DESIGN.md), for mock and Prism targets given no credentials. */
const DEFAULT_CREDENTIALS = { appid: 'wx0000000000000001', secret: 'mocksecret' } as const;

/** Probes the target once (GET /__mock/health) to learn what it is. */
export async function resolveTarget(options: TargetOptions): Promise<Target> {
  const baseUrl = normalizeUrl(options.url);
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let kind: TargetKind;
  try {
    const res = await fetch(new Request(`${baseUrl}/__mock/health`, { signal: AbortSignal.timeout(timeoutMs) }));
    kind = options.prism ? 'prism' : await kindFromHealth(res);
  } catch (error) {
    throw unreachable(baseUrl, error);
  }
  const credentials = credentialsFrom(options) ?? (kind === 'real' ? undefined : DEFAULT_CREDENTIALS);
  if (!credentials) throw new TargetError(`${baseUrl} is neither wechat-mass-mock nor Prism, so it is treated as the real API, which needs --token, or --appid and --secret`);
  return {
    kind,
    baseUrl,
    credentials,
    controlToken: options.controlToken,
    capabilities: { control: kind === 'mock', realApi: kind === 'real', prism: kind === 'prism', allowWrites: options.allowWrites ?? false },
    fetch,
    timeoutMs,
  };
}

async function kindFromHealth(res: Response): Promise<TargetKind> {
  const text = await res.text();
  if (res.ok && /"ok"\s*:\s*true/.test(text)) return 'mock';
  // Prism answers an unknown route with its own problem+json naming itself.
  if ((res.headers.get('content-type') ?? '').includes('problem+json') && text.includes('stoplight.io/prism')) return 'prism';
  return 'real';
}

function credentialsFrom(options: TargetOptions): Credentials | undefined {
  if (options.token !== undefined) return { token: options.token };
  if (options.appid !== undefined && options.secret !== undefined) return { appid: options.appid, secret: options.secret };
  return undefined;
}

function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`--target must be an http(s) URL, got ${parsed.protocol}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
