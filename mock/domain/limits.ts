/**
 * The per-app limits: a daily API quota (45009) and a per-minute limit (45011), off unless set, and
 * a daily sendall quota (45028), the account type's unless set. Days and minutes are counted in app
 * time, days in China time.
 */
import type { AccountType, App, Recorded, Usage } from './store.js';

/** sendall calls a day that succeed, from WeChat's mass-send overview (群发接口概述). */
export const ACCOUNT_MASS_QUOTA: Record<AccountType, number> = { service: 100, subscription: 1 };

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `usage` as it stands at app time `now`: counts of a day or minute gone by start again. */
function usageAt(usage: Usage, now: number): Usage {
  const day = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
  const minute = Math.floor(now / MINUTE_MS);
  const daily = day === usage.day ? usage : { ...usage, day, api_calls: 0, mass_sends: 0 };
  return minute === usage.minute ? daily : { ...daily, minute, minute_calls: 0 };
}

/** Whether API calls are counted for `app` (only when it has a daily or per-minute limit). */
export function countsApiCalls(app: App): boolean {
  return app.limits.daily_api_quota !== undefined || app.limits.per_minute !== undefined;
}

/** Counts one API call of an app that counts them; answers the errcode when a limit is already reached. */
export function countApiCall(app: Recorded<App>, now: number): 45009 | 45011 | undefined {
  const { daily_api_quota, per_minute } = app.limits;
  const usage = usageAt(app.usage, now);
  app.usage = usage;
  if (daily_api_quota !== undefined && usage.api_calls >= daily_api_quota) return 45009;
  if (per_minute !== undefined && usage.minute_calls >= per_minute) return 45011;
  app.usage = { ...usage, api_calls: usage.api_calls + 1, minute_calls: usage.minute_calls + 1 };
  return undefined;
}

/** The app's sendall quota: its own limit when set (null: none), else its account type's. */
export function massQuota(app: App): number | undefined {
  const quota = app.limits.daily_mass_quota;
  if (quota === undefined) return ACCOUNT_MASS_QUOTA[app.account_type];
  return quota ?? undefined;
}

export function hasMassQuota(app: App, now: number): boolean {
  const quota = massQuota(app);
  return quota === undefined || usageAt(app.usage, now).mass_sends < quota;
}

export function countMassSend(app: Recorded<App>, now: number): void {
  const usage = usageAt(app.usage, now);
  app.usage = { ...usage, mass_sends: usage.mass_sends + 1 };
}
