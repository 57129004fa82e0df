/**
 * The library's `control` object: the control API over HTTP, so it works the same against an
 * in-process mock and one running elsewhere.
 */
import type { AppInput } from '../domain/app-settings.js';
import type { AppPatch } from '../domain/update-app.js';
import type { AppView, ClockView, MessageView, StateView } from './views.js';
import type { FaultInput, FaultView } from '../harness/faults.js';
import type { JournalDirection, JournalEntry } from '../harness/journal.js';

/** Which journal entries `requests` answers; `since` is a mock time (a Date or an ISO string). */
export interface RequestFilter {
  operation?: string;
  appid?: string;
  since?: Date | string;
  direction?: JournalDirection;
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

export interface ControlClient {
  createApp(opts?: AppInput): Promise<AppView>;
  /** Changes an app (speed, protection, callback, fans, tags, limits, push); a new callback_url is verified first. */
  updateApp(appid: string, patch: AppPatch): Promise<AppView>;
  /** Moves the clock forward `ms`: globally, or only `appid`'s. */
  advance(ms: number, appid?: string): Promise<ClockView>;
  approve(msgId: number | string): Promise<MessageView>;
  reject(msgId: number | string): Promise<MessageView>;
  fail(msgId: number | string, status?: string): Promise<MessageView>;
  state(): Promise<StateView>;
  reset(appid?: string): Promise<{ ok: true }>;
  /** Breaks the next calls of one operation (an errcode, an HTTP status, a delay or a reset); answers the fault with its id. */
  fault(spec: FaultInput): Promise<FaultView>;
  /** The active faults with the times each has left. */
  faults(): Promise<FaultView[]>;
  /** Removes every fault, or those naming `appid`. */
  clearFaults(appid?: string): Promise<{ ok: true; removed: number }>;
  /** The request journal, oldest first, secrets redacted. */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  /** Empties the journal, or removes `appid`'s entries. */
  clearRequests(appid?: string): Promise<{ ok: true; removed: number }>;
}

function requestQuery(filter: RequestFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined) params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function createControlClient(baseUrl: string, controlToken?: string): ControlClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (controlToken) headers.authorization = `Bearer ${controlToken}`;
    const res = await fetch(new URL(`/__mock${path}`, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as T & { error?: string; message?: string };
    if (!res.ok) throw new ControlError(res.status, json.error ?? 'error', json.message ?? `${method} ${path} answered ${res.status}`);
    return json;
  };
  const query = (appid?: string) => (appid === undefined ? '' : `?appid=${encodeURIComponent(appid)}`);
  return {
    createApp: (opts = {}) => call('POST', '/apps', opts),
    updateApp: (appid, patch) => call('PATCH', `/apps/${encodeURIComponent(appid)}`, patch),
    advance: (ms, appid) => call('POST', '/clock', appid === undefined ? { advance_ms: ms } : { advance_ms: ms, appid }),
    approve: (msgId) => call('POST', `/messages/${msgId}/approve`),
    reject: (msgId) => call('POST', `/messages/${msgId}/reject`),
    fail: (msgId, status) => call('POST', `/messages/${msgId}/fail`, status === undefined ? {} : { status }),
    state: () => call('GET', '/state'),
    reset: (appid) => call('POST', `/reset${query(appid)}`),
    fault: (spec) => call('POST', '/faults', spec),
    faults: async () => (await call<{ faults: FaultView[] }>('GET', '/faults')).faults,
    clearFaults: (appid) => call('DELETE', `/faults${query(appid)}`),
    requests: async (filter = {}) => (await call<{ requests: JournalEntry[] }>('GET', `/requests${requestQuery(filter)}`)).requests,
    clearRequests: (appid) => call('DELETE', `/requests${query(appid)}`),
  };
}
