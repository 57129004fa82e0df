import { describe, expect, it } from 'vitest';
import { ACCOUNT_MASS_QUOTA, countApiCall, countMassSend, countsApiCalls, hasMassQuota, massQuota } from '../../mock/domain/limits.js';
import { newApp, type App, type Recorded } from './fixtures.js';

/** Midnight in China (UTC+8) that starts 2026-11-22 there: 16:00 UTC the day before. */
const CHINA_MIDNIGHT = Date.UTC(2026, 10, 21, 16);

const calls = (app: Recorded<App>, now: number, n: number) => Array.from({ length: n }, () => countApiCall(app, now));

describe('countsApiCalls', () => {
  it('counts nothing for an app without API limits, even with a mass-send quota', () => {
    expect(countsApiCalls(newApp())).toBe(false);
    expect(countsApiCalls(newApp({ limits: { daily_mass_quota: 1 } }))).toBe(false);
  });

  it('counts when either the daily or the per-minute limit is set', () => {
    expect(countsApiCalls(newApp({ limits: { daily_api_quota: 5 } }))).toBe(true);
    expect(countsApiCalls(newApp({ limits: { per_minute: 5 } }))).toBe(true);
    expect(countsApiCalls(newApp({ limits: { daily_api_quota: 0, per_minute: 0 } }))).toBe(true);
  });
});

describe('countApiCall', () => {
  // The request path calls countApiCall only for an app that countsApiCalls (above), so an app
  // without API limits is never counted; countApiCall itself never refuses such an app.
  it('lets every call through when the app has no API limit', () => {
    const app = newApp();
    expect(countsApiCalls(app)).toBe(false);
    expect(calls(app, CHINA_MIDNIGHT, 1_000).every((answer) => answer === undefined)).toBe(true);
  });

  it('replaces the usage with a new object rather than changing it in place', () => {
    const app = newApp({ limits: { daily_api_quota: 1 } });
    const before = app.usage;
    const snapshot = { ...before };
    expect(countApiCall(app, CHINA_MIDNIGHT)).toBeUndefined();
    expect(app.usage).not.toBe(before);
    expect(before).toStrictEqual(snapshot);
    const counted = app.usage;
    expect(countApiCall(app, CHINA_MIDNIGHT)).toBe(45009);
    expect(app.usage).toBe(counted);
    expect(counted).toMatchObject({ api_calls: 1, minute_calls: 1 });
  });

  it('answers 45009 once the daily quota is used up, without counting the refused call', () => {
    const app = newApp({ limits: { daily_api_quota: 3 } });
    expect(calls(app, CHINA_MIDNIGHT + 1, 3)).toEqual([undefined, undefined, undefined]);
    expect(countApiCall(app, CHINA_MIDNIGHT + 3_600_000)).toBe(45009);
    expect(app.usage.api_calls).toBe(3);
    // The refused call still starts the new minute's count.
    expect(app.usage).toMatchObject({ minute: Math.floor((CHINA_MIDNIGHT + 3_600_000) / 60_000), minute_calls: 0 });
  });

  it('answers 45009 at once for a daily quota of 0', () => {
    expect(countApiCall(newApp({ limits: { daily_api_quota: 0 } }), CHINA_MIDNIGHT)).toBe(45009);
  });

  it('starts a new day at midnight China time (16:00 UTC), not at midnight UTC', () => {
    const app = newApp({ limits: { daily_api_quota: 2 } });
    const utcMidnight = CHINA_MIDNIGHT + 8 * 3_600_000;
    calls(app, CHINA_MIDNIGHT - 3_600_000, 2);
    expect(countApiCall(app, CHINA_MIDNIGHT - 1)).toBe(45009);
    expect(calls(app, CHINA_MIDNIGHT, 2)).toEqual([undefined, undefined]);
    expect(countApiCall(app, utcMidnight)).toBe(45009);
    expect(countApiCall(app, CHINA_MIDNIGHT + 86_400_000 - 1)).toBe(45009);
    expect(countApiCall(app, CHINA_MIDNIGHT + 86_400_000)).toBeUndefined();
  });

  it('answers 45011 once the per-minute limit is reached, until the next minute', () => {
    const app = newApp({ limits: { per_minute: 2 } });
    const minute = CHINA_MIDNIGHT + 5 * 60_000;
    expect(countApiCall(app, minute)).toBeUndefined();
    expect(countApiCall(app, minute + 30_000)).toBeUndefined();
    expect(countApiCall(app, minute + 59_999)).toBe(45011);
    expect(countApiCall(app, minute + 60_000)).toBeUndefined();
    expect(app.usage.api_calls).toBe(3);
  });

  it('answers 45009 rather than 45011 when both limits are reached', () => {
    const app = newApp({ limits: { daily_api_quota: 2, per_minute: 2 } });
    calls(app, CHINA_MIDNIGHT, 2);
    expect(countApiCall(app, CHINA_MIDNIGHT)).toBe(45009);
  });

  it('counts calls against both limits: refused ones against neither', () => {
    const app = newApp({ limits: { daily_api_quota: 3, per_minute: 1 } });
    expect(countApiCall(app, CHINA_MIDNIGHT)).toBeUndefined();
    expect(countApiCall(app, CHINA_MIDNIGHT + 1)).toBe(45011);
    expect(countApiCall(app, CHINA_MIDNIGHT + 60_000)).toBeUndefined();
    expect(countApiCall(app, CHINA_MIDNIGHT + 120_000)).toBeUndefined();
    expect(countApiCall(app, CHINA_MIDNIGHT + 180_000)).toBe(45009);
  });

  it('starts both the daily and the minute count again at midnight China time', () => {
    const app = newApp({ limits: { daily_api_quota: 10, per_minute: 1 } });
    expect(countApiCall(app, CHINA_MIDNIGHT - 1)).toBeUndefined();
    expect(countApiCall(app, CHINA_MIDNIGHT)).toBeUndefined();
    expect(app.usage).toMatchObject({ api_calls: 1, minute_calls: 1 });
  });
});

describe('the account types\' sendall quotas', () => {
  it('are 100 a day for a service account and 1 for a subscription account', () => {
    expect(ACCOUNT_MASS_QUOTA).toEqual({ service: 100, subscription: 1 });
  });
});

describe('massQuota', () => {
  it('is the account type\'s when the app sets none', () => {
    expect(massQuota(newApp())).toBe(100);
    expect(massQuota(newApp({ account_type: 'service' }))).toBe(100);
    expect(massQuota(newApp({ account_type: 'subscription' }))).toBe(1);
  });

  it('is the app\'s own when set, higher or lower than its account type\'s, 0 included', () => {
    expect(massQuota(newApp({ limits: { daily_mass_quota: 5 } }))).toBe(5);
    expect(massQuota(newApp({ account_type: 'subscription', limits: { daily_mass_quota: 5 } }))).toBe(5);
    expect(massQuota(newApp({ limits: { daily_mass_quota: 1000 } }))).toBe(1000);
    expect(massQuota(newApp({ limits: { daily_mass_quota: 0 } }))).toBe(0);
  });

  it('is none when the app sets it to null, whatever its account type', () => {
    expect(massQuota(newApp({ limits: { daily_mass_quota: null } }))).toBeUndefined();
    expect(massQuota(newApp({ account_type: 'subscription', limits: { daily_mass_quota: null } }))).toBeUndefined();
  });
});

describe('the daily mass-send quota', () => {
  it('is the account type\'s when not set: 100 sends a day for a service account', () => {
    const app = newApp();
    for (let i = 0; i < 99; i++) countMassSend(app, CHINA_MIDNIGHT);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
    countMassSend(app, CHINA_MIDNIGHT);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(false);
    expect(hasMassQuota(app, CHINA_MIDNIGHT + 86_400_000)).toBe(true);
  });

  it('is one send a day for a subscription account', () => {
    const app = newApp({ account_type: 'subscription' });
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
    countMassSend(app, CHINA_MIDNIGHT);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(false);
    expect(hasMassQuota(app, CHINA_MIDNIGHT + 86_400_000 - 1)).toBe(false);
    expect(hasMassQuota(app, CHINA_MIDNIGHT + 86_400_000)).toBe(true);
  });

  it('is unlimited when set to null', () => {
    const app = newApp({ account_type: 'subscription', limits: { daily_mass_quota: null } });
    for (let i = 0; i < 1000; i++) countMassSend(app, CHINA_MIDNIGHT);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
  });

  it('allows exactly the quota of sends a day', () => {
    const app = newApp({ limits: { daily_mass_quota: 2 } });
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
    countMassSend(app, CHINA_MIDNIGHT);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
    countMassSend(app, CHINA_MIDNIGHT);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(false);
  });

  it('allows none with a quota of 0', () => {
    expect(hasMassQuota(newApp({ limits: { daily_mass_quota: 0 } }), CHINA_MIDNIGHT)).toBe(false);
  });

  it('starts again at midnight China time', () => {
    const app = newApp({ limits: { daily_mass_quota: 1 } });
    countMassSend(app, CHINA_MIDNIGHT - 1);
    expect(hasMassQuota(app, CHINA_MIDNIGHT - 1)).toBe(false);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
  });

  it('is checked without changing the usage', () => {
    const app = newApp({ limits: { daily_mass_quota: 1 } });
    countMassSend(app, CHINA_MIDNIGHT - 1);
    const before = app.usage;
    const snapshot = { ...before };
    expect(hasMassQuota(app, CHINA_MIDNIGHT + 60_000)).toBe(true);
    expect(app.usage).toBe(before);
    expect(before).toStrictEqual(snapshot);
  });

  it('counts a send into a new usage object, leaving the one before as it was', () => {
    const app = newApp({ limits: { daily_mass_quota: 2 } });
    countMassSend(app, CHINA_MIDNIGHT);
    const before = app.usage;
    const snapshot = { ...before };
    countMassSend(app, CHINA_MIDNIGHT);
    expect(app.usage).not.toBe(before);
    expect(before).toStrictEqual(snapshot);
    expect(app.usage.mass_sends).toBe(2);
  });

  it('counts a send on a new day from 0, even before any quota check that day', () => {
    const app = newApp({ limits: { daily_mass_quota: 2 } });
    countMassSend(app, CHINA_MIDNIGHT - 2);
    countMassSend(app, CHINA_MIDNIGHT - 1);
    countMassSend(app, CHINA_MIDNIGHT);
    expect(app.usage.mass_sends).toBe(1);
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(true);
  });

  it('is counted apart from API calls', () => {
    const app = newApp({ limits: { daily_mass_quota: 1, daily_api_quota: 1 } });
    countMassSend(app, CHINA_MIDNIGHT);
    expect(countApiCall(app, CHINA_MIDNIGHT)).toBeUndefined();
    expect(hasMassQuota(app, CHINA_MIDNIGHT)).toBe(false);
    expect(app.usage).toMatchObject({ api_calls: 1, mass_sends: 1 });
  });
});
