/**
 * Creating or changing an app with a callback URL, as WeChat's platform does it: the URL needs a
 * token, and is verified first (a signed GET whose echostr the handler must echo) before anything
 * is saved. The mock's own rule on top: callback URLs stay on loopback unless the mock was started
 * with --allow-remote-callbacks, so it can never be made to POST into someone else's network.
 */
import type { AppInput } from '../domain/app-settings.js';
import { done, refuse, type ControlResult } from '../domain/control-result.js';
import type { Simulator } from '../domain/simulator.js';
import { DEFAULT_PUSH, type App } from '../domain/store.js';
import { applyAppPatch, type AppPatch } from '../domain/update-app.js';
import { displayUrl } from './deliver-push.js';
import { isEncodingAesKey } from './safe-mode.js';
import { isLoopbackUrl, verifyCallbackUrl } from './verify-callback.js';

export interface CallbackSettings {
  callback_url?: string | null | undefined;
  callback_token?: string | null | undefined;
  encoding_aes_key?: string | null | undefined;
}

export interface AppSetup {
  sim: Simulator;
  /** --allow-remote-callbacks: callback URLs may leave loopback. */
  allowRemoteCallbacks: boolean;
  /** Injectable for tests; the global fetch by default. */
  fetch?: typeof fetch;
}

export const REMOTE_CALLBACK_HINT = 'start the mock with --allow-remote-callbacks (or WXMOCK_ALLOW_REMOTE_CALLBACKS=1, or createApp({ allowRemoteCallbacks: true })) to push elsewhere';

/**
 * What is wrong with a callback configuration without calling it: a URL needs a token (WeChat signs
 * every push with it), must be http(s), and must be loopback unless allowed. Undefined when fine.
 */
export function callbackProblem(settings: CallbackSettings, allowRemoteCallbacks: boolean): string | undefined {
  const key = settings.encoding_aes_key;
  if (key !== undefined && key !== null && !isEncodingAesKey(key)) return 'encoding_aes_key must be 43 letters or digits';
  const url = settings.callback_url;
  if (url === undefined || url === null) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `callback_url ${JSON.stringify(url)} is not a valid URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `callback_url must be http or https, got ${parsed.protocol}`;
  if (settings.callback_token === undefined || settings.callback_token === null) {
    return 'callback_url requires callback_token: WeChat signs every push and the verification GET with it';
  }
  if (!allowRemoteCallbacks && !isLoopbackUrl(url)) {
    return `callback_url ${displayUrl(url)} is not a loopback address (127.0.0.0/8, ::1 or localhost); ${REMOTE_CALLBACK_HINT}`;
  }
  return undefined;
}

/** For start-up apps (createApp's `apps`, the --config file), which cannot be verified by a GET yet. */
/** A start-up app (options.apps, --config) breaks the callback rules: bad usage, not a crash. */
export class CallbackConfigError extends Error {
  override name = 'CallbackConfigError';
}

export function startupCallbackProblem(apps: readonly AppInput[], allowRemoteCallbacks: boolean): string | undefined {
  for (const app of apps) {
    const problem = callbackProblem(app, allowRemoteCallbacks);
    if (problem) return `app ${app.appid ?? '(no appid)'}: ${problem}`;
  }
  return undefined;
}

/** WeChat's nonces and echostrs are decimal strings; drawn from the seeded generator. */
function decimal(sim: Simulator, digits: number): string {
  let out = '';
  while (out.length < digits) out += String(sim.random.int(100_000_000, 999_999_999));
  return out.slice(0, digits);
}

async function verify(setup: AppSetup, url: string, token: string, timeoutMs: number, nowMs: number): Promise<ControlResult<void>> {
  // Drawn before the await, so the seeded sequence does not depend on how long the handler takes.
  const nonce = decimal(setup.sim, 10);
  const echostr = decimal(setup.sim, 19);
  const result = await verifyCallbackUrl({
    url,
    token,
    timeoutMs,
    nonce: () => nonce,
    echostr: () => echostr,
    nowSeconds: () => Math.floor(nowMs / 1000),
    fetch: setup.fetch,
  });
  return result.ok ? done(undefined) : refuse('invalid_request', `${result.reason}; the handler must answer the GET with the echostr query parameter, exactly`);
}

/** POST /__mock/apps: the checks, the verification GET when a callback_url is given, then the app. */
export async function createAppChecked(setup: AppSetup, input: AppInput): Promise<ControlResult<App>> {
  const { sim } = setup;
  if (input.appid !== undefined && sim.store.apps.has(input.appid)) return refuse('conflict', `app ${input.appid} exists`);
  const problem = callbackProblem(input, setup.allowRemoteCallbacks);
  if (problem) return refuse('invalid_request', problem);
  if (input.callback_url && input.callback_token) {
    const timeoutMs = input.push?.timeout_ms ?? DEFAULT_PUSH.timeout_ms;
    const verified = await verify(setup, input.callback_url, input.callback_token, timeoutMs, sim.clock.now());
    if (!verified.ok) return verified;
  }
  return sim.createApp(input);
}

/** PATCH /__mock/apps/{appid}: a new callback_url or callback_token is verified before anything changes. */
export async function updateAppChecked(setup: AppSetup, appid: string, patch: AppPatch): Promise<ControlResult<App>> {
  const { sim } = setup;
  const app = sim.store.apps.get(appid);
  if (!app) return refuse('not_found', `no app ${appid}`);
  const merged = {
    callback_url: patch.callback_url !== undefined ? patch.callback_url : app.callback_url,
    callback_token: patch.callback_token !== undefined ? patch.callback_token : app.callback_token,
    encoding_aes_key: patch.encoding_aes_key !== undefined ? patch.encoding_aes_key : app.encoding_aes_key,
  };
  const problem = callbackProblem(merged, setup.allowRemoteCallbacks);
  if (problem) return refuse('invalid_request', problem);
  const changesCallback = patch.callback_url !== undefined || patch.callback_token !== undefined;
  if (changesCallback && merged.callback_url && merged.callback_token) {
    const timeoutMs = patch.push?.timeout_ms ?? app.push.timeout_ms;
    const verified = await verify(setup, merged.callback_url, merged.callback_token, timeoutMs, sim.appNow(app));
    if (!verified.ok) return verified;
  }
  // A reset during the GET replaces the app object: change whatever is there now.
  const current = sim.store.apps.get(appid);
  if (!current) return refuse('not_found', `no app ${appid}`);
  return done(applyAppPatch(sim, current, patch));
}
