/**
 * The callback rules WeChat's platform applies, checked without calling the URL: a URL needs a
 * token (every push is signed with it) and must be http(s). The mock's own rule on top: callback
 * URLs stay on loopback unless the mock was started with --allow-remote-callbacks, so it can never
 * be made to POST into someone else's network.
 */
import type { AppInput } from '../domain/app-settings.js';
import { displayUrl } from './deliver-push.js';
import { isEncodingAesKey } from './safe-mode.js';
import { isLoopbackUrl } from './verify-callback.js';

export interface CallbackSettings {
  callback_url?: string | null | undefined;
  callback_token?: string | null | undefined;
  encoding_aes_key?: string | null | undefined;
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

