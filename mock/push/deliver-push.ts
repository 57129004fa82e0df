/**
 * Pushes one event to an app's callback URL the way WeChat does (wechat-facts §3.1): a signed POST
 * of the XML (or its safe-mode envelope), one attempt plus up to 3 retries while the receiver does
 * not answer `success` or an empty body within the timeout. Every attempt is reported as plain data
 * for the journal and dashboard; nothing here throws for a receiver's misbehaviour.
 */
import { encryptForWechat, wrapEncrypted } from './safe-mode.js';
import { wechatSignature } from './signature.js';

/** WeChat retries 3 times after the first attempt. */
export const MAX_ATTEMPTS = 4;
/** Enough of a reply to see what a handler said, without keeping a whole error page. */
const REPLY_LIMIT = 200;

export type PushOutcome = 'ok' | 'bad_reply' | 'http_error' | 'timeout' | 'network_error';

export interface PushAttempt {
  /** 1 for the first try, up to 4. */
  attempt: number;
  /** Mock time the attempt was signed at, ISO (the same instant as the `timestamp` query). */
  at: string;
  method: 'POST';
  /** The callback URL as configured, minus any user:password, without the signing query. */
  url: string;
  /** What was added to the URL: signature, timestamp, nonce, and in safe mode encrypt_type, msg_signature. */
  query: Record<string, string>;
  /** The body as sent: the event XML, or in safe mode the Encrypt envelope. */
  body: string;
  /** HTTP status, when the receiver answered at all. */
  status?: number;
  /** The reply body, cut to 200 characters. */
  reply?: string;
  outcome: PushOutcome;
  /** Why a timeout or network error happened, e.g. "connect ECONNREFUSED 127.0.0.1:9". */
  error?: string;
  /** Real wall time the attempt took; timeouts are real time too. */
  duration_ms: number;
}

export interface DeliverPushOptions {
  url: string;
  token: string;
  /** Set: safe mode (AES). Null or absent: plain mode. */
  encodingAesKey?: string | null;
  appid: string;
  /** The account's original id, readable in the safe-mode envelope. */
  toUserName: string;
  /** The plaintext event XML. */
  xml: string;
  /** Real ms to wait for a full reply (WeChat: 5 s); an app option so tests stay fast. */
  timeoutMs: number;
  /** Real ms to wait between attempts. */
  retryDelayMs: number;
  nonce(): string;
  random16(): Buffer;
  /** Mock time, Unix seconds, for `timestamp`. */
  nowSeconds(): number;
  fetch?: typeof fetch;
  /** Called after each attempt, e.g. to journal it while the retries go on. */
  onAttempt?(attempt: PushAttempt): void;
  /** Aborting stops the delivery: the attempt in flight fails and no retry follows (e.g. on shutdown). */
  signal?: AbortSignal;
}

/** A URL fit for logs: userinfo is the only secret a callback URL can carry. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** WeChat stops retrying on `success` or an empty string; surrounding whitespace is tolerated. */
function isAcceptedReply(reply: string): boolean {
  const trimmed = reply.trim();
  return trimmed === '' || trimmed === 'success';
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici wraps the socket error as `cause`; its message ("connect ECONNREFUSED …") is the useful one.
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The signed request for one attempt: each retry is re-signed with a fresh timestamp and nonce. */
function buildRequest(options: DeliverPushOptions): { query: Record<string, string>; body: string; at: string } {
  // Whole seconds, as WeChat sends them, whatever precision the clock gives.
  const seconds = Math.floor(options.nowSeconds());
  const timestamp = String(seconds);
  const nonce = options.nonce();
  const query: Record<string, string> = {
    signature: wechatSignature(options.token, timestamp, nonce),
    timestamp,
    nonce,
  };
  let body = options.xml;
  if (options.encodingAesKey) {
    const encrypt = encryptForWechat(options.xml, {
      encodingAesKey: options.encodingAesKey,
      appid: options.appid,
      random16: options.random16(),
    });
    query.encrypt_type = 'aes';
    query.msg_signature = wechatSignature(options.token, timestamp, nonce, encrypt);
    body = wrapEncrypted(options.toUserName, encrypt);
  }
  return { query, body, at: new Date(seconds * 1000).toISOString() };
}

async function attemptOnce(options: DeliverPushOptions, attempt: number): Promise<PushAttempt> {
  const doFetch = options.fetch ?? fetch;
  const { query, body, at } = buildRequest(options);
  const target = new URL(options.url);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
  const base = { attempt, at, method: 'POST' as const, url: displayUrl(options.url), query, body };

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let status: number | undefined;
  try {
    const response = await doFetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body,
      // Never follow a redirect: it could lead off loopback and around the callback URL rule.
      redirect: 'manual',
      signal,
    });
    status = response.status;
    // The timeout covers the body too: a handler that sends headers and then stalls is still slow.
    const text = await response.text();
    const reply = text.slice(0, REPLY_LIMIT);
    const outcome: PushOutcome = !response.ok ? 'http_error' : isAcceptedReply(text) ? 'ok' : 'bad_reply';
    return { ...base, status, reply, outcome, duration_ms: elapsed() };
  } catch (error) {
    const withStatus = status === undefined ? base : { ...base, status };
    if (timeout.signal.aborted) {
      return { ...withStatus, outcome: 'timeout', error: `no full reply within ${options.timeoutMs} ms`, duration_ms: elapsed() };
    }
    const why = options.signal?.aborted ? 'delivery cancelled' : errorMessage(error);
    return { ...withStatus, outcome: 'network_error', error: why, duration_ms: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves with every attempt made, in order; the last one's outcome says whether the push landed.
 * It rejects only for bad options (an unparsable URL or EncodingAESKey), which app setup should refuse.
 */
export async function deliverPush(options: DeliverPushOptions): Promise<PushAttempt[]> {
  const attempts: PushAttempt[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const result = await attemptOnce(options, attempt);
    attempts.push(result);
    options.onAttempt?.(result);
    if (result.outcome === 'ok' || options.signal?.aborted) break;
    if (attempt < MAX_ATTEMPTS) await sleep(options.retryDelayMs, options.signal);
    if (options.signal?.aborted) break;
  }
  return attempts;
}
