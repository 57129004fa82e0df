import { describe, expect, it } from 'vitest';
import { DEFAULT_APP, DEFAULT_APPID, DEFAULT_FANS, DEFAULT_SECRET, inputOf, settingsFromInput } from '../../mock/domain/app-settings.js';
import { createRandom } from '../../mock/domain/random.js';
import { DEFAULT_PROTECTION_CODES, DEFAULT_PUSH, appSettings } from './fixtures.js';

/** WeChat's own tag 2, which every app holds first, count 0 unless given. */
const STAR_TAG = { id: 2, name: '星标组', count: 0 };

describe('the default app', () => {
  it('has a well-formed appid, a secret, a million fans and one tag of its own, 测试组 (星标组 is WeChat\'s tag 2)', () => {
    expect(DEFAULT_APPID).toMatch(/^wx[0-9a-f]{16}$/);
    expect(DEFAULT_SECRET.length).toBeGreaterThan(0);
    expect(DEFAULT_FANS).toBe(1_000_000);
    expect(DEFAULT_APP).toEqual({ appid: DEFAULT_APPID, secret: DEFAULT_SECRET, fans: DEFAULT_FANS, tags: [{ id: 100, name: '测试组', count: 1000 }] });
    expect(settingsFromInput(DEFAULT_APP, createRandom(1)).tags).toEqual([STAR_TAG, { id: 100, name: '测试组', count: 1000 }]);
  });
});

describe('settingsFromInput', () => {
  it('fills in every default for an empty input, generating the appid and secret', () => {
    const settings = settingsFromInput({}, createRandom(3));
    expect(settings.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(settings.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(settings).toEqual({
      appid: settings.appid,
      secret: settings.secret,
      fans: DEFAULT_FANS,
      tags: [STAR_TAG],
      protection: false,
      callback_url: null,
      callback_token: null,
      encoding_aes_key: null,
      limits: {},
      push: DEFAULT_PUSH,
      account_type: 'service',
      dedupe_without_clientmsgid: true,
      protection_codes: DEFAULT_PROTECTION_CODES,
      media: 'strict',
    });
  });

  it('generates the same appid and secret from the same seed, and others from another', () => {
    const a = settingsFromInput({}, createRandom(3));
    const b = settingsFromInput({}, createRandom(3));
    const c = settingsFromInput({}, createRandom(4));
    expect([b.appid, b.secret]).toEqual([a.appid, a.secret]);
    expect(c.appid).not.toBe(a.appid);
    expect(c.secret).not.toBe(a.secret);
    expect(a.secret).not.toBe(a.appid.slice(2));
  });

  it('keeps everything given, down to a zero fan count, protection on, a subscription account, dedupe off and any media', () => {
    const input = {
      appid: 'wx1234567890abcdef',
      secret: 's3cret',
      fans: 0,
      tags: [
        { id: 2, name: '星标组', count: 5 },
        { id: 100, name: 'vip', count: 3 },
      ],
      protection: true,
      callback_url: 'http://127.0.0.1:9/cb',
      callback_token: 'tok',
      encoding_aes_key: 'k'.repeat(43),
      limits: { daily_mass_quota: 1, daily_api_quota: 2, per_minute: 3 },
      push: { timeout_ms: 100, retry_delay_ms: 10 },
      account_type: 'subscription' as const,
      dedupe_without_clientmsgid: false,
      protection_codes: { operations: ['setSpeed' as const], switch_after_ms: 0 },
      media: 'any' as const,
    };
    expect(settingsFromInput(input, createRandom(1))).toEqual(input);
  });

  it('keeps an empty list of protection code operations, and null as the daily mass quota', () => {
    const settings = settingsFromInput({ protection_codes: { operations: [] }, limits: { daily_mass_quota: null } }, createRandom(1));
    expect(settings.protection_codes).toEqual({ operations: [], switch_after_ms: DEFAULT_PROTECTION_CODES.switch_after_ms });
    expect(settings.limits).toEqual({ daily_mass_quota: null });
  });

  it('holds 星标组 first and the created tags by id, whatever order they are given in', () => {
    const settings = settingsFromInput({ tags: [{ id: 120, name: 'b', count: 1 }, { id: 2, name: '星标组', count: 7 }, { id: 100, name: 'a', count: 2 }] }, createRandom(1));
    expect(settings.tags).toEqual([{ id: 2, name: '星标组', count: 7 }, { id: 100, name: 'a', count: 2 }, { id: 120, name: 'b', count: 1 }]);
  });

  it('copies tags, limits and push options rather than sharing them with the input', () => {
    const input = { tags: [{ id: 100, name: 'vip', count: 5 }], limits: { per_minute: 3 }, push: { timeout_ms: 100, retry_delay_ms: 10 } };
    const settings = settingsFromInput(input, createRandom(1));
    expect(settings.tags[1]).not.toBe(input.tags[0]);
    expect(settings.tags).not.toBe(input.tags);
    expect(settings.limits).not.toBe(input.limits);
    expect(settings.push).not.toBe(input.push);
    input.tags[0]!.count = 99;
    input.limits.per_minute = 99;
    input.push.timeout_ms = 99;
    expect(settings.tags[1]!.count).toBe(5);
    expect(settings.limits.per_minute).toBe(3);
    expect(settings.push.timeout_ms).toBe(100);
  });

  it('fills in the push options a partial input leaves out', () => {
    const settings = settingsFromInput({ push: { timeout_ms: 250 } }, createRandom(1));
    expect(settings.push).toEqual({ ...DEFAULT_PUSH, timeout_ms: 250 });
    expect(settings.push.retry_delay_ms).toBe(DEFAULT_PUSH.retry_delay_ms);
  });

  it('fills in the protection codes a partial input leaves out', () => {
    expect(settingsFromInput({ protection_codes: { switch_after_ms: 5 } }, createRandom(1)).protection_codes).toEqual({ ...DEFAULT_PROTECTION_CODES, switch_after_ms: 5 });
    expect(settingsFromInput({ protection_codes: { operations: ['massmsgget'] } }, createRandom(1)).protection_codes).toEqual({ operations: ['massmsgget'], switch_after_ms: 60_000 });
  });

  it('answers fresh push and protection code defaults, not the shared default objects', () => {
    const settings = settingsFromInput({}, createRandom(1));
    expect(settings.push).not.toBe(DEFAULT_PUSH);
    expect(settings.protection_codes).not.toBe(DEFAULT_PROTECTION_CODES);
  });
});

describe('inputOf', () => {
  const settings = appSettings({
    appid: 'wx1234567890abcdef',
    fans: 0,
    tags: [
      { id: 2, name: '星标组', count: 5 },
      { id: 100, name: 'vip', count: 3 },
    ],
    protection: true,
    callback_url: 'http://127.0.0.1:9/cb',
    limits: { daily_mass_quota: 1, per_minute: 3 },
    push: { timeout_ms: 100, retry_delay_ms: 10 },
    account_type: 'subscription',
    dedupe_without_clientmsgid: false,
    protection_codes: { operations: ['massmsgget'], switch_after_ms: 10 },
    media: 'any',
  });

  it('answers an input that creates an app with the same settings again', () => {
    const input = inputOf(settings);
    expect(input).toEqual(settings);
    expect(settingsFromInput(input, createRandom(9))).toEqual(settings);
  });

  it('copies tags, limits, push options and protection codes rather than sharing them with the settings', () => {
    const input = inputOf(settings);
    expect(input.tags).not.toBe(settings.tags);
    expect(input.tags![0]).not.toBe(settings.tags[0]);
    expect(input.limits).not.toBe(settings.limits);
    expect(input.push).not.toBe(settings.push);
    expect(input.protection_codes).not.toBe(settings.protection_codes);
    expect(input.protection_codes!.operations).not.toBe(settings.protection_codes.operations);
    input.tags![0]!.count = 99;
    input.limits!.per_minute = 99;
    input.push!.timeout_ms = 99;
    input.protection_codes!.operations!.push('setSpeed');
    input.protection_codes!.switch_after_ms = 99;
    expect(settings.tags[0]!.count).toBe(5);
    expect(settings.limits.per_minute).toBe(3);
    expect(settings.push.timeout_ms).toBe(100);
    expect(settings.protection_codes).toEqual({ operations: ['massmsgget'], switch_after_ms: 10 });
  });
});
