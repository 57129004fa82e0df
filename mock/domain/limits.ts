/**
 * The per-app limits, off unless set: a daily API quota (45009), a per-minute limit (45011) and a
 * daily mass-send quota (45028). Days and minutes are counted in app time, days in China time.
 */
import type { App, Recorded, Usage } from './store.js';

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

export function hasMassQuota(app: App, now: number): boolean {
  const quota = app.limits.daily_mass_quota;
  return quota === undefined || usageAt(app.usage, now).mass_sends < quota;
}

export function countMassSend(app: Recorded<App>, now: number): void {
  const usage = usageAt(app.usage, now);
  app.usage = { ...usage, mass_sends: usage.mass_sends + 1 };
}
