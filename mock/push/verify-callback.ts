/**
 * Setting a callback URL first verifies it as WeChat does (wechat-facts §3.1, [D17]): a GET with
 * signature, timestamp, nonce and echostr, which the handler must answer with echostr exactly. Also the
 * mock's own rule that callback URLs stay on loopback unless --allow-remote-callbacks is given, so a
 * mock can never be made to POST into someone else's network.
 */
import { displayUrl } from './deliver-push.js';
import { wechatSignature } from './signature.js';

export interface VerifyCallbackOptions {
  url: string;
  token: string;
  /** Real ms to wait for the echo. */
  timeoutMs: number;
  nonce(): string;
  /** Mock time, Unix seconds. */
  nowSeconds(): number;
  echostr(): string;
  fetch?: typeof fetch;
}

export type VerifyCallbackResult = { ok: true } | { ok: false; reason: string };

/** Longest echo quoted back in a reason, so a whole error page never lands in an API answer. */
const QUOTE_LIMIT = 80;

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}

export async function verifyCallbackUrl(options: VerifyCallbackOptions): Promise<VerifyCallbackResult> {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return { ok: false, reason: `callback URL ${quote(options.url)} is not a valid URL` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { ok: false, reason: `callback URL must be http or https, got ${target.protocol}` };
  }
  const shown = displayUrl(options.url);
  const timestamp = String(Math.floor(options.nowSeconds()));
  const nonce = options.nonce();
  const echostr = options.echostr();
  target.searchParams.set('signature', wechatSignature(options.token, timestamp, nonce));
  target.searchParams.set('timestamp', timestamp);
  target.searchParams.set('nonce', nonce);
  target.searchParams.set('echostr', echostr);

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  try {
    // No redirects, for the same reason as pushes: one could lead off loopback.
    const response = await (options.fetch ?? fetch)(target, { method: 'GET', redirect: 'manual', signal: timeout.signal });
    const body = await response.text();
    if (!response.ok) return { ok: false, reason: `callback URL ${shown} answered HTTP ${response.status} to the verification GET` };
    if (body !== echostr) {
      return { ok: false, reason: `callback URL ${shown} answered ${quote(body)} instead of echoing echostr ${quote(echostr)}` };
    }
    return { ok: true };
  } catch (error) {
    if (timeout.signal.aborted) {
      return { ok: false, reason: `callback URL ${shown} did not answer the verification GET within ${options.timeoutMs} ms` };
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { ok: false, reason: `callback URL ${shown} is unreachable (${cause})` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True for http(s) URLs on 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) or `localhost`. WHATWG URL
 * parsing normalises the host first, so `127.1`, `0x7f.0.0.1` and `[0:0::1]` are judged by what
 * they really address.
 */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname;
  if (host === 'localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === '[::1]') return true;
  // IPv4-mapped loopback, which URL serialises in hex: [::ffff:7f00:1] is 127.0.0.1.
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}
