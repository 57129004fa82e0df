/**
 * An app's settings from what a user gave (POST /__mock/apps, the --config file), with defaults
 * filled in and the appid and secret generated when not given.
 */
import type { components } from '../generated/control.js';
import { copySettings, DEFAULT_PROTECTION_CODES, DEFAULT_PUSH, type AppSettings } from './store.js';
import { withStarTag } from './tag-settings.js';
import type { Random } from './random.js';

export type AppInput = components['schemas']['AppInput'];

export const DEFAULT_APPID = 'wx0000000000000001';
export const DEFAULT_SECRET = 'mocksecret';
export const DEFAULT_FANS = 1_000_000;

/** The default app every mock starts with; its tag 100 is 测试组, since 星标组 is WeChat's own tag 2. */
export const DEFAULT_APP: AppInput = {
  appid: DEFAULT_APPID,
  secret: DEFAULT_SECRET,
  fans: DEFAULT_FANS,
  tags: [{ id: 100, name: '测试组', count: 1000 }],
};

export function settingsFromInput(input: AppInput, random: Random): AppSettings {
  return {
    appid: input.appid ?? `wx${random.hex(16)}`,
    secret: input.secret ?? random.hex(32),
    fans: input.fans ?? DEFAULT_FANS,
    tags: withStarTag(input.tags ?? []),
    protection: input.protection ?? false,
    callback_url: input.callback_url ?? null,
    callback_token: input.callback_token ?? null,
    encoding_aes_key: input.encoding_aes_key ?? null,
    limits: { ...input.limits },
    push: { ...DEFAULT_PUSH, ...input.push },
    account_type: input.account_type ?? 'service',
    dedupe_without_clientmsgid: input.dedupe_without_clientmsgid ?? true,
    protection_codes: { ...DEFAULT_PROTECTION_CODES, ...input.protection_codes },
    media: input.media ?? 'strict',
  };
}

/** The input that creates an app with `settings` again (a reset of an app created at run time). */
export function inputOf(settings: AppSettings): AppInput {
  // A fresh copy: nothing else holds its arrays, so they may be handed out writable.
  return copySettings(settings) as AppInput;
}
