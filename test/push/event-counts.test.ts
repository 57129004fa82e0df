import { Faker, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { eventCounts } from '../../mock/push/event-counts.js';

const seeded = (seed: number) => {
  const faker = new Faker({ locale: en, seed });
  return (min: number, max: number) => faker.number.int({ min, max });
};
const highest = (_min: number, max: number) => max;
const lowest = (min: number) => min;

describe('eventCounts', () => {
  it('takes TotalCount from the audience and keeps SentCount + ErrorCount = FilterCount', () => {
    const int = seeded(7);
    for (const audience of [0, 1, 2, 49, 1000, 1_000_000]) {
      const counts = eventCounts(audience, 'send success', int);
      expect(counts.totalCount).toBe(audience);
      expect(counts.filterCount).toBeLessThanOrEqual(audience);
      expect(counts.filterCount).toBeGreaterThanOrEqual(Math.ceil(audience * 0.98));
      expect(counts.sentCount + counts.errorCount).toBe(counts.filterCount);
      expect(counts.sentCount).toBeGreaterThanOrEqual(counts.errorCount);
    }
  });

  it('filters out at most 2 % and fails at most 0.1 % of a successful send', () => {
    expect(eventCounts(1_000_000, 'send success', highest)).toEqual({
      totalCount: 1_000_000,
      filterCount: 980_000,
      sentCount: 979_020,
      errorCount: 980,
    });
    expect(eventCounts(1_000_000, 'send success', lowest)).toEqual({
      totalCount: 1_000_000,
      filterCount: 1_000_000,
      sentCount: 1_000_000,
      errorCount: 0,
    });
  });

  it('sends to nobody when the job failed, whatever the status text', () => {
    for (const status of ['send fail', 'err(40001)', 'err(20001)'] as const) {
      const counts = eventCounts(1000, status, highest);
      expect(counts).toEqual({ totalCount: 1000, filterCount: 980, sentCount: 0, errorCount: 980 });
    }
  });

  it('gives the same counts for the same seed', () => {
    expect(eventCounts(123_456, 'send success', seeded(42))).toEqual(eventCounts(123_456, 'send success', seeded(42)));
  });

  it('draws from the generator the same way on success and on failure', () => {
    const calls: string[] = [];
    const spy = (min: number, max: number) => (calls.push(`${min}..${max}`), min);
    eventCounts(5000, 'send success', spy);
    eventCounts(5000, 'send fail', spy);
    expect(calls).toEqual(['0..100', '0..5', '0..100', '0..5']);
  });

  it('refuses an audience that is not a non-negative integer', () => {
    expect(() => eventCounts(-1, 'send success', lowest)).toThrow(RangeError);
    expect(() => eventCounts(2.5, 'send success', lowest)).toThrow(RangeError);
  });
});
