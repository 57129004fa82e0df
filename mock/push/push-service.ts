/**
 * The event push, wired: when a send ends (success, failure, rejection, timeout) and its app has a
 * callback URL, the MASSSENDJOBFINISH event is built once and delivered with deliverPush (one
 * attempt and up to 3 retries, re-signed each time). Each attempt lands on the message's `pushes`
 * list, which the state and the dashboard show, and goes to every `onAttempt` listener (the request
 * journal records them as direction "out"). Everything random is drawn from the seeded generator
 * the moment the send ends, so the sequence of ids and tokens does not depend on a handler's speed.
 */
import type { JournalRecord } from '../harness/journal.js';
import type { Simulator } from '../domain/simulator.js';
import { articleUrl } from '../domain/sends.js';
import type { App, MassMessage, PushRecord } from '../domain/store.js';
import { deliverPush, MAX_ATTEMPTS, type PushAttempt } from './deliver-push.js';
import { eventCounts } from './event-counts.js';
import { massSendJobFinishXml, type JobFinishStatus } from './job-finish-xml.js';

/**
 * The FromUserName of every event: WeChat's old doc says the 群发助手 account "mphelper" pushes it.
 * An openid-shaped constant (28 characters, like real openids), so receivers can dedupe on it.
 */
export const MPHELPER_OPENID = 'oMpHelper0000WxMassMockEvent';

export type PushAttemptListener = (attempt: PushAttempt, message: MassMessage, app: App) => void;

export interface PushServiceOptions {
  sim: Simulator;
  /** Injectable for tests; the global fetch by default. */
  fetch?: typeof fetch;
}

export interface PushService {
  /** Calls `listener` after every attempt, e.g. to journal it; the attempt carries no token. */
  onAttempt(listener: PushAttemptListener): void;
  /** Deliveries still under way (attempting or waiting to retry). */
  readonly pending: number;
  /** Resolves once no delivery is under way. */
  idle(): Promise<void>;
  /** Cancels every delivery (the attempt in flight fails, no retry follows), refuses new ones, and waits for them to stop. */
  close(): Promise<void>;
}

/** The view of an attempt kept on the message: what happened, without the signed query or body. */
export function pushRecord(attempt: PushAttempt): PushRecord {
  const record: PushRecord = { attempt: attempt.attempt, outcome: attempt.outcome, at: attempt.at, duration_ms: attempt.duration_ms };
  if (attempt.status !== undefined) record.status = attempt.status;
  if (attempt.reply !== undefined) record.reply = attempt.reply;
  if (attempt.error !== undefined) record.error = attempt.error;
  return record;
}

/** The operation name push entries carry in the request journal. */
export const PUSH_OPERATION = 'MASSSENDJOBFINISH';

/**
 * An attempt as a journal entry (direction "out"): the signed query and the body as sent, at the mock
 * time it was signed. The status only when it was not 200, null when no answer came, as for "in" entries.
 */
export function pushJournalRecord(attempt: PushAttempt, message: MassMessage): JournalRecord {
  let path = '/';
  try {
    path = new URL(attempt.url).pathname;
  } catch {
    // deliverPush already refused such a URL; keep the entry anyway.
  }
  const record: JournalRecord = {
    direction: 'out',
    operation: PUSH_OPERATION,
    appid: message.appid,
    method: attempt.method,
    path,
    query: attempt.query,
    body: attempt.body,
    errcode: null,
    time: Date.parse(attempt.at),
  };
  if (attempt.status === undefined) record.status = null;
  else if (attempt.status !== 200) record.status = attempt.status;
  return record;
}

/** The event's Status; a send that ended without one (never expected) reads as a plain failure. */
function jobStatus(message: MassMessage): JobFinishStatus {
  const status = message.event_status;
  return status === 'send success' || status === 'send fail' || (status !== undefined && /^err\([0-9]+\)$/.test(status)) ? (status as JobFinishStatus) : 'send fail';
}

/** The event XML for a send that just ended; draws its counts from the seeded generator. */
export function jobFinishXmlFor(sim: Simulator, message: MassMessage, app: App): string {
  const status = jobStatus(message);
  const counts = eventCounts(message.audience, status, (min, max) => sim.random.int(min, max));
  // Only a published article has a URL: failed sends carry an empty ArticleUrlResult.
  const published = status === 'send success' && (message.msgtype === 'mpnews' || message.msgtype === 'mpvideo');
  return massSendJobFinishXml({
    toUserName: app.original_id,
    fromUserName: MPHELPER_OPENID,
    // The app-time second the send ended: the same on every retry, so receivers can dedupe.
    createTime: Math.floor((message.finished_at ?? sim.appNow(app)) / 1000),
    msgId: message.msg_id,
    status,
    ...counts,
    msgtype: message.msgtype,
    articleUrls: published ? Array.from({ length: message.articles }, (_, i) => articleUrl(message, i + 1)) : [],
  });
}

export function createPushService({ sim, fetch }: PushServiceOptions): PushService {
  const listeners: PushAttemptListener[] = [];
  const inFlight = new Set<Promise<void>>();
  const controller = new AbortController();

  const start = (message: MassMessage, app: App) => {
    const { callback_url: url, callback_token: token } = app;
    if (!url || !token || controller.signal.aborted) return;
    // The settings at the moment the send ended hold for all its retries.
    const encodingAesKey = app.encoding_aes_key;
    const { timeout_ms, retry_delay_ms } = app.push;
    const xml = jobFinishXmlFor(sim, message, app);
    // One nonce (and IV prefix) per attempt.
    const nonces = Array.from({ length: MAX_ATTEMPTS }, () => String(sim.random.int(100_000_000, 2_147_483_647)));
    const prefixes = encodingAesKey ? Array.from({ length: MAX_ATTEMPTS }, () => Buffer.from(sim.random.hex(32), 'hex')) : [];
    let nonceIndex = 0;
    let prefixIndex = 0;
    // Per delivery, so a reset that forgets the message also stops its retries.
    const own = new AbortController();
    const isCurrent = () => sim.store.messages.holds(message);
    const delivery = deliverPush({
      url,
      token,
      encodingAesKey,
      appid: app.appid,
      toUserName: app.original_id,
      xml,
      timeoutMs: timeout_ms,
      retryDelayMs: retry_delay_ms,
      nonce: () => {
        // Called as each attempt is signed: a reset that forgot the message cancels it before it leaves.
        if (!isCurrent()) own.abort();
        return nonces[nonceIndex++ % MAX_ATTEMPTS] ?? '0';
      },
      random16: () => prefixes[prefixIndex++ % MAX_ATTEMPTS] ?? Buffer.alloc(16),
      nowSeconds: () => sim.appNow(app) / 1000,
      fetch,
      signal: AbortSignal.any([controller.signal, own.signal]),
      onAttempt(attempt) {
        // Reset since the send ended: the message is gone, and so is the rest of its delivery.
        if (!isCurrent()) {
          own.abort();
          return;
        }
        try {
          sim.recordPush(message, pushRecord(attempt));
        } catch {
          // The state file could not take it (it said why); the delivery goes on.
        }
        for (const listener of listeners) {
          try {
            listener(attempt, message, app);
          } catch {
            // A broken listener must not stop the retries.
          }
        }
      },
    }).then(
      () => undefined,
      // deliverPush rejects only for options app setup already refuses (a bad URL or key).
      () => undefined,
    );
    const tracked = delivery.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  sim.onFinish(start);

  const idle = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };

  return {
    onAttempt: (listener) => void listeners.push(listener),
    get pending() {
      return inFlight.size;
    },
    idle,
    close() {
      controller.abort();
      return idle();
    },
  };
}
