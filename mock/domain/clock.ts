/**
 * The one source of time for every rule. `real` follows the wall clock (optionally scaled, so a real
 * second can be a mock minute); `manual` moves only when told. Both move forward only; each app adds
 * its own offset on top (see store.ts), like Stripe's test clocks.
 */
export type ClockMode = 'real' | 'manual';

export interface Clock {
  readonly mode: ClockMode;
  readonly scale: number;
  /** Mock time, epoch ms. */
  now(): number;
  /** Moves mock time forward by `ms` (≥ 0). */
  advance(ms: number): void;
}

export interface ClockOptions {
  mode?: ClockMode;
  /** Mock ms per real ms on the real clock. */
  scale?: number;
  /** Mock time at creation, epoch ms; defaults to the wall clock. */
  start?: number;
  /** The wall clock, injectable so the real clock itself can be tested. */
  wallNow?: () => number;
}

export function createClock(options: ClockOptions = {}): Clock {
  const mode = options.mode ?? 'real';
  const scale = options.scale ?? 1;
  const wallNow = options.wallNow ?? Date.now;
  const wallStart = wallNow();
  const start = options.start ?? wallStart;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  let skipped = 0;
  return {
    mode,
    scale,
    now: mode === 'manual' ? () => start + skipped : () => start + skipped + Math.floor((wallNow() - wallStart) * scale),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`time only moves forward: cannot advance by ${ms} ms`);
      skipped += ms;
    },
  };
}
