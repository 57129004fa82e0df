/**
 * Creating or changing an app through the control API: the callback rules (push/callback-rules.ts)
 * and the tag rules (domain/tag-settings.ts), then, as WeChat's platform does it, a new callback URL is verified (a signed GET whose echostr the
 * handler must echo) before anything is saved.
 */
import type { AppInput } from '../domain/app-settings.js';
import { done, refuse, type ControlResult } from '../domain/control-result.js';
import type { Simulator } from '../domain/simulator.js';
import { DEFAULT_PUSH, type App } from '../domain/store.js';
import { tagSettingsProblem } from '../domain/tag-settings.js';
import { applyAppPatch, type AppPatch } from '../domain/update-app.js';
import { callbackProblem } from '../push/callback-rules.js';
import { verifyCallbackUrl } from '../push/verify-callback.js';

export interface AppSetup {
  sim: Simulator;
  /** --allow-remote-callbacks: callback URLs may leave loopback. */
  allowRemoteCallbacks: boolean;
  /** Injectable for tests; the global fetch by default. */
  fetch?: typeof fetch;
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
  const free = sim.canCreateApp(input);
  if (!free.ok) return free;
  const problem = callbackProblem(input, setup.allowRemoteCallbacks) ?? (input.tags && tagSettingsProblem(input.tags));
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
  const problem = callbackProblem(merged, setup.allowRemoteCallbacks) ?? (patch.tags && tagSettingsProblem(patch.tags));
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
  return done(sim.unit(() => applyAppPatch(sim.ctx, current, patch)));
}
