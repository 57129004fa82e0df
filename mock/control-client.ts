/**
 * The library's `control` object: the control API over HTTP, so it works the same against an
 * in-process mock and one running elsewhere.
 */
import type { AppInput } from './domain/app-settings.js';
import type { AppView, ClockView, MessageView, StateView } from './domain/views.js';

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
  /** Moves the clock forward `ms`: globally, or only `appid`'s. */
  advance(ms: number, appid?: string): Promise<ClockView>;
  approve(msgId: number | string): Promise<MessageView>;
  reject(msgId: number | string): Promise<MessageView>;
  fail(msgId: number | string, status?: string): Promise<MessageView>;
  state(): Promise<StateView>;
  reset(appid?: string): Promise<{ ok: true }>;
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
    advance: (ms, appid) => call('POST', '/clock', appid === undefined ? { advance_ms: ms } : { advance_ms: ms, appid }),
    approve: (msgId) => call('POST', `/messages/${msgId}/approve`),
    reject: (msgId) => call('POST', `/messages/${msgId}/reject`),
    fail: (msgId, status) => call('POST', `/messages/${msgId}/fail`, status === undefined ? {} : { status }),
    state: () => call('GET', '/state'),
    reset: (appid) => call('POST', `/reset${query(appid)}`),
  };
}
