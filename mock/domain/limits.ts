/**
 * The per-app limits, off unless set: a daily API quota (45009), a per-minute limit (45011) and a
 * daily mass-send quota (45028). Days and minutes are counted in app time, days in China time.
 */
import type { App } from './store.js';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

function roll(app: App, now: number): void {
  const day = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
  if (day !== app.usage.day) app.usage = { ...app.usage, day, api_calls: 0, mass_sends: 0 };
  const minute = Math.floor(now / 60_000);
  if (minute !== app.usage.minute) {
    app.usage.minute = minute;
    app.usage.minute_calls = 0;
  }
}

/** Whether API calls are counted for `app` (only when it has a daily or per-minute limit). */
export function countsApiCalls(app: App): boolean {
  return app.limits.daily_api_quota !== undefined || app.limits.per_minute !== undefined;
}

/** Counts one API call; answers the errcode when a limit is already reached. */
export function countApiCall(app: App, now: number): 45009 | 45011 | undefined {
  if (!countsApiCalls(app)) return undefined;
  const { daily_api_quota, per_minute } = app.limits;
  roll(app, now);
  if (daily_api_quota !== undefined && app.usage.api_calls >= daily_api_quota) return 45009;
  if (per_minute !== undefined && app.usage.minute_calls >= per_minute) return 45011;
  app.usage.api_calls += 1;
  app.usage.minute_calls += 1;
  return undefined;
}

export function hasMassQuota(app: App, now: number): boolean {
  if (app.limits.daily_mass_quota === undefined) return true;
  roll(app, now);
  return app.usage.mass_sends < app.limits.daily_mass_quota;
}

export function countMassSend(app: App, now: number): void {
  roll(app, now);
  app.usage.mass_sends += 1;
}
