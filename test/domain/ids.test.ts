import { describe, expect, it } from 'vitest';
import { continueAfter, nextDataId, nextMsgId, startIdSequences, type IdSequences } from '../../mock/domain/ids.js';
import { createRandom, type Random } from '../../mock/domain/random.js';

const UINT32_MAX = 2 ** 32 - 1;

/** A seeded Random whose int() answers `pick(min, max)` and records what it was asked. */
function randomPicking(pick: (min: number, max: number) => number): Random & { asked: [number, number][] } {
  const asked: [number, number][] = [];
  return {
    ...createRandom(1),
    asked,
    int(min, max) {
      asked.push([min, max]);
      return pick(min, max);
    },
  };
}

describe('startIdSequences', () => {
  it('starts msg_ids from 3,147,000,000 and msg_data_ids from 2,247,000,000, each up to 10,000,000 on, drawn in that order', () => {
    const low = randomPicking((min) => min);
    expect(startIdSequences(low)).toEqual({ msg: 3_147_000_000, data: 2_247_000_000 });
    expect(low.asked).toEqual([
      [0, 10_000_000],
      [0, 10_000_000],
    ]);
    expect(startIdSequences(randomPicking((_, max) => max))).toEqual({ msg: 3_157_000_000, data: 2_257_000_000 });
    let n = 0;
    expect(startIdSequences(randomPicking(() => ++n))).toEqual({ msg: 3_147_000_001, data: 2_247_000_002 });
  });

  it('is the same for the same seed and differs for another', () => {
    expect(startIdSequences(createRandom(5))).toEqual(startIdSequences(createRandom(5)));
    const [a, b] = [startIdSequences(createRandom(5)), startIdSequences(createRandom(6))];
    expect(b.msg).not.toBe(a.msg);
    expect(b.data).not.toBe(a.data);
  });
});

describe('nextMsgId and nextDataId', () => {
  it('step each sequence by 1 to 16, drawn from the generator, and keep the last id handed out', () => {
    const random = randomPicking((min) => min);
    const ids: IdSequences = { msg: 3_200_000_000, data: 2_300_000_000 };
    expect(nextMsgId(ids, random)).toBe(3_200_000_001);
    expect(ids).toEqual({ msg: 3_200_000_001, data: 2_300_000_000 });
    expect(nextDataId(ids, random)).toBe(2_300_000_001);
    expect(ids).toEqual({ msg: 3_200_000_001, data: 2_300_000_001 });
    expect(random.asked).toEqual([
      [1, 16],
      [1, 16],
    ]);
    const high = randomPicking((_, max) => max);
    expect(nextMsgId(ids, high)).toBe(3_200_000_017);
    expect(nextDataId(ids, high)).toBe(2_300_000_017);
  });

  it('hand out ids between 2^31 and 2^32, strictly increasing, with steps of every size from 1 to 16', () => {
    const random = createRandom(3);
    const ids = startIdSequences(random);
    const steps = new Set<number>();
    let [msg, data] = [ids.msg, ids.data];
    for (let i = 0; i < 2_000; i++) {
      const nextMsg = nextMsgId(ids, random);
      const nextData = nextDataId(ids, random);
      for (const id of [nextMsg, nextData]) {
        expect(id).toBeGreaterThan(2 ** 31);
        expect(id).toBeLessThan(2 ** 32);
        expect(String(id)).toHaveLength(10);
      }
      steps.add(nextMsg - msg).add(nextData - data);
      [msg, data] = [nextMsg, nextData];
    }
    expect([...steps].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('are the same for the same seed', () => {
    const run = (seed: number) => {
      const random = createRandom(seed);
      const ids = startIdSequences(random);
      return [nextMsgId(ids, random), nextDataId(ids, random), nextMsgId(ids, random)];
    };
    expect(run(8)).toEqual(run(8));
    expect(run(9)).not.toEqual(run(8));
  });

  it('reach 2^32 - 1 and refuse to go past it', () => {
    const one = randomPicking(() => 1);
    const ids: IdSequences = { msg: UINT32_MAX - 1, data: UINT32_MAX - 1 };
    expect(nextMsgId(ids, one)).toBe(UINT32_MAX);
    expect(nextDataId(ids, one)).toBe(UINT32_MAX);
    expect(() => nextMsgId(ids, one)).toThrow('msg_id sequence exhausted: more than 100,000,000 sends in one mock');
    expect(() => nextDataId(ids, one)).toThrow(/sequence exhausted/);
    expect(ids).toEqual({ msg: UINT32_MAX, data: UINT32_MAX });
  });
});

describe('continueAfter', () => {
  it('moves each sequence past the highest id held, and never back', () => {
    const ids: IdSequences = { msg: 3_100_000_000, data: 2_200_000_000 };
    continueAfter(ids, [
      { msg_id: 3_100_000_050, msg_data_id: undefined },
      { msg_id: 3_100_000_090, msg_data_id: 2_200_000_070 },
      { msg_id: 3_100_000_010, msg_data_id: 2_200_000_020 },
    ]);
    expect(ids).toEqual({ msg: 3_100_000_090, data: 2_200_000_070 });
    continueAfter(ids, [{ msg_id: 3_000_000_000, msg_data_id: 2_000_000_000 }]);
    expect(ids).toEqual({ msg: 3_100_000_090, data: 2_200_000_070 });
  });

  it('leaves the sequences as they are when nothing is held, or only sends without msg_data_id', () => {
    const ids: IdSequences = { msg: 3_100_000_000, data: 2_200_000_000 };
    continueAfter(ids, []);
    expect(ids).toEqual({ msg: 3_100_000_000, data: 2_200_000_000 });
    continueAfter(ids, [{ msg_id: 3_100_000_001, msg_data_id: undefined }]);
    expect(ids).toEqual({ msg: 3_100_000_001, data: 2_200_000_000 });
  });

  it('lets the next ids follow the ones held', () => {
    const random = createRandom(2);
    const ids = startIdSequences(random);
    continueAfter(ids, [{ msg_id: ids.msg + 1_000, msg_data_id: ids.data + 1_000 }]);
    const held = { ...ids };
    expect(nextMsgId(ids, random)).toBeGreaterThan(held.msg);
    expect(nextDataId(ids, random)).toBeGreaterThan(held.data);
  });
});
