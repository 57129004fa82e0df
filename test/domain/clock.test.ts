import { describe, expect, it } from 'vitest';
import { createClock } from '../../mock/domain/clock.js';
import { T0 } from './fixtures.js';

/** A wall clock the test moves by hand. */
function wall(start: number) {
  let now = start;
  return { now: () => now, move: (ms: number) => void (now += ms) };
}

describe('the manual clock', () => {
  it('starts at the given time and stays there however long the wall clock runs', () => {
    const w = wall(1_000);
    const clock = createClock({ mode: 'manual', start: T0, wallNow: w.now });
    expect(clock.mode).toBe('manual');
    w.move(60_000);
    expect(clock.now()).toBe(T0);
  });

  it('moves forward only by what advance adds, ms by ms', () => {
    const clock = createClock({ mode: 'manual', start: T0 });
    clock.advance(1);
    clock.advance(2_500);
    expect(clock.now()).toBe(T0 + 2_501);
  });

  it('accepts an advance of zero and leaves the time as it was', () => {
    const clock = createClock({ mode: 'manual', start: T0 });
    clock.advance(0);
    expect(clock.now()).toBe(T0);
  });

  it('starts at the wall clock time when no start is given', () => {
    const clock = createClock({ mode: 'manual', wallNow: () => 123_456 });
    expect(clock.now()).toBe(123_456);
  });

  it.each([-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses to advance by %s ms: time only moves forward', (ms) => {
    const clock = createClock({ mode: 'manual', start: T0 });
    expect(() => clock.advance(ms)).toThrow(RangeError);
    expect(() => clock.advance(ms)).toThrow(`time only moves forward: cannot advance by ${ms} ms`);
    expect(clock.now()).toBe(T0);
  });
});

describe('the real clock', () => {
  it('is the default, at scale 1, following the wall clock', () => {
    const w = wall(50_000);
    const clock = createClock({ wallNow: w.now });
    expect(clock.mode).toBe('real');
    expect(clock.scale).toBe(1);
    expect(clock.now()).toBe(50_000);
    w.move(1_234);
    expect(clock.now()).toBe(51_234);
  });

  it('uses the system wall clock when none is injected', () => {
    const before = Date.now();
    const clock = createClock();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('runs `scale` mock ms per wall ms from its start, rounding down to a whole ms', () => {
    const w = wall(10_000);
    const clock = createClock({ start: T0, scale: 2.5, wallNow: w.now });
    expect(clock.scale).toBe(2.5);
    expect(clock.now()).toBe(T0);
    w.move(3);
    expect(clock.now()).toBe(T0 + 7);
    w.move(1);
    expect(clock.now()).toBe(T0 + 10);
  });

  it('adds what advance skips on top of the wall time', () => {
    const w = wall(10_000);
    const clock = createClock({ start: T0, scale: 60, wallNow: w.now });
    clock.advance(500);
    w.move(2);
    expect(clock.now()).toBe(T0 + 500 + 120);
  });

  it('takes a slow scale below 1', () => {
    const w = wall(0);
    const clock = createClock({ start: T0, scale: 0.25, wallNow: w.now });
    w.move(7);
    expect(clock.now()).toBe(T0 + 1);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a time scale of %s', (scale) => {
    expect(() => createClock({ scale })).toThrow(RangeError);
    expect(() => createClock({ scale })).toThrow(`time scale must be a positive number, got ${scale}`);
  });
});
