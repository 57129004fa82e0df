import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageTable } from '../../mock/domain/message-table.js';
import { copyMessage, newApp, newMessage, type MassMessage } from './fixtures.js';

const app = newApp();
let nextId = 3_147_000_001;
/** A message of its own msg_id: SENDING to 1000 fans unless `fields` says otherwise. */
const message = (fields: Partial<MassMessage> = {}): MassMessage => ({ ...newMessage(app, { msg_id: nextId++ }), ...fields });
const idsIn = (table: MessageTable) => [...table.values()].map((each) => each.msg_id);
const fieldsIn = (table: MessageTable) => [...table.values()].map(copyMessage);
/** A table of `n` messages, the i-th to i fans, in rows 0 to n - 1. */
function tableOf(n: number): { table: MessageTable; made: MassMessage[] } {
  const table = new MessageTable();
  const made = Array.from({ length: n }, (_, i) => message({ audience: i }));
  for (const each of made) table.set(each);
  return { table, made };
}
const deleteAll = (table: MessageTable, messages: MassMessage[]) => messages.forEach((each) => table.delete(each.msg_id));

describe('MessageTable', () => {
  it('gives back every field as it was stored, undefined kept undefined and 0 kept 0', () => {
    const table = new MessageTable();
    const pushes = [{ attempt: 1, outcome: 'ok' as const, at: '2026-11-22T00:00:00.000Z', duration_ms: 3, status: 200, reply: 'success' }];
    const sending = message({ msg_data_id: undefined, start_work: 0, finished_at: undefined, event_status: undefined });
    const ended = message({ msg_data_id: 2_247_000_001, msgtype: 'mpnews', articles: 3, deleted_articles: [2], status: 'SEND_SUCCESS', start_work: 12, finished_at: 1_764_979_200_075, event_status: 'send success', pushes });
    table.set(sending);
    table.set(ended);
    expect(copyMessage(table.get(sending.msg_id)!)).toEqual(sending);
    expect(copyMessage(table.get(ended.msg_id)!)).toEqual(ended);
    expect(table.get(sending.msg_id)!.start_work).toBe(0);
    expect(table.get(sending.msg_id)!.finished_at).toBeUndefined();
    expect(table.statusOf(ended.msg_id)).toBe('SEND_SUCCESS');
  });

  it('answers nothing for an id it does not hold', () => {
    const table = new MessageTable();
    table.set(message());
    expect(table.get(5)).toBeUndefined();
    expect(table.has(5)).toBe(false);
    expect(table.rowOf(5)).toBe(-1);
    expect(table.statusOf(5)).toBeUndefined();
    expect(table.delete(5)).toBe(false);
    expect(table.size).toBe(1);
  });

  it('grows past its capacity, keeping every message in creation order', () => {
    const table = new MessageTable();
    const made = Array.from({ length: 5000 }, (_, i) => message({ audience: i }));
    for (const each of made) table.set(each);
    expect(table.size).toBe(5000);
    expect(fieldsIn(table)).toEqual(made);
    expect(made.every((each) => table.get(each.msg_id)!.audience === each.audience)).toBe(true);
  });

  it('replaces a message stored again in its place, as a Map does', () => {
    const table = new MessageTable();
    const [a, b, c] = [message(), message(), message()];
    for (const each of [a, b, c]) table.set(each);
    const ended = { ...b, status: 'SEND_SUCCESS' as const, finished_at: 5 };
    table.set(ended);
    expect(table.size).toBe(3);
    expect(fieldsIn(table)).toEqual([a, ended, c]);
  });

  it('reads and writes through what it hands out, each write landing in the table', () => {
    const table = new MessageTable();
    const stored = table.set(message({ start_work: undefined }));
    const other = table.get(stored.msg_id)!;
    stored.start_work = 0;
    stored.status = 'SEND_FAIL';
    stored.finished_at = 7;
    stored.event_status = 'err(20001)';
    stored.deleted_articles = [1];
    expect(copyMessage(other)).toMatchObject({ start_work: 0, status: 'SEND_FAIL', finished_at: 7, event_status: 'err(20001)', deleted_articles: [1] });
    stored.finished_at = undefined;
    stored.event_status = undefined;
    stored.deleted_articles = [];
    expect(other).toMatchObject({ finished_at: undefined, event_status: undefined, deleted_articles: [] });
    expect(other).toEqual(stored);
  });

  it('deletes a message: gone from lookups and the listing, and what was handed out for it throws', () => {
    const table = new MessageTable();
    const [a, b, c] = [message(), message(), message()];
    for (const each of [a, b, c]) table.set(each);
    const gone = table.get(b.msg_id)!;
    expect(table.delete(b.msg_id)).toBe(true);
    expect(table.delete(b.msg_id)).toBe(false);
    expect(table.has(b.msg_id)).toBe(false);
    expect(table.size).toBe(2);
    expect(idsIn(table)).toEqual([a.msg_id, c.msg_id]);
    expect(table.holds(gone)).toBe(false);
    expect(() => gone.status).toThrow(`message ${b.msg_id} is no longer stored`);
    expect(table.get(c.msg_id)!.status).toBe('SENDING');
  });

  it('takes back the newest messages (a unit rolled back) without lending their rows to the next', () => {
    const table = new MessageTable();
    const [a, b, c] = [message(), message(), message()];
    for (const each of [a, b, c]) table.set(each);
    const taken = table.get(c.msg_id)!;
    table.delete(c.msg_id);
    table.delete(b.msg_id);
    const d = message({ status: 'AWAITING_CONFIRMATION' });
    table.set(d);
    expect(fieldsIn(table)).toEqual([a, d]);
    expect(table.rowOf(d.msg_id)).toBe(1);
    expect(() => taken.status).toThrow(/no longer stored/);
  });

  it('counts as holes only the rows it could not take back from the end', () => {
    // One hole at the front, then 1500 messages taken back from the end: still one hole, no reason to move rows.
    const { table, made } = tableOf(3000);
    table.delete(made[0]!.msg_id);
    deleteAll(table, made.slice(1500).reverse());
    expect(table.size).toBe(1499);
    expect(table.rowOf(made[1499]!.msg_id)).toBe(1499);
  });

  it('leaves fewer than 1024 holes alone, however few messages are left', () => {
    const { table, made } = tableOf(3);
    deleteAll(table, made.slice(0, 2));
    expect(table.rowOf(made[2]!.msg_id)).toBe(2);
  });

  it('moves the rows down once at least 1024 holes outnumber the messages, not before', () => {
    const { table, made } = tableOf(2050);
    const last = made.at(-1)!.msg_id;
    deleteAll(table, made.slice(0, 1024));
    expect(table.rowOf(last)).toBe(2049);
    // As many holes as messages: 1025 each.
    table.delete(made[1024]!.msg_id);
    expect(table.rowOf(last)).toBe(2049);
    table.delete(made[1025]!.msg_id);
    expect(table.rowOf(last)).toBe(1023);
    expect(made.slice(1026).every((each, row) => table.rowOf(each.msg_id) === row)).toBe(true);
  });

  it('moves the rows down at exactly 1024 holes, and what was handed out before finds its message in its new row', () => {
    const { table, made } = tableOf(2047);
    deleteAll(table, made.slice(0, 1023));
    const handed = table.get(made.at(-1)!.msg_id)!;
    // The 1024th hole is the one delete that moves the rows.
    table.delete(made[1023]!.msg_id);
    expect(table.rowOf(handed.msg_id)).toBe(1022);
    expect(handed.audience).toBe(2046);
    handed.audience = 7;
    expect(table.get(handed.msg_id)!.audience).toBe(7);
  });

  it('keeps every field of the rows before the first hole when it moves the others down', () => {
    const pushes = [{ attempt: 1, outcome: 'ok' as const, at: '2026-11-22T00:00:00.000Z', duration_ms: 3, status: 200, reply: 'success' }];
    const table = new MessageTable();
    const first = message({ deleted_articles: [2], pushes });
    table.set(first);
    const rest = Array.from({ length: 1100 }, () => message({ deleted_articles: [1], pushes }));
    for (const each of rest) table.set(each);
    deleteAll(table, rest.slice(0, 1024));
    expect(table.rowOf(rest.at(-1)!.msg_id)).toBe(76);
    expect(fieldsIn(table)).toEqual([first, ...rest.slice(1024)]);
  });

  it('compacts once holes outnumber messages, keeping order, lookups and what was handed out', () => {
    const table = new MessageTable();
    const made = Array.from({ length: 3000 }, () => message());
    for (const each of made) table.set(each);
    const kept = made.filter((_, i) => i % 3 === 0);
    const handed = table.get(kept.at(-1)!.msg_id)!;
    for (const each of made) if (!kept.includes(each)) table.delete(each.msg_id);
    expect(table.size).toBe(kept.length);
    // The rows moved down over the holes (the last of the 3000 was in row 2999).
    expect(table.rowOf(kept.at(-1)!.msg_id)).toBeLessThan(made.length - 1);
    expect(fieldsIn(table)).toEqual(kept);
    expect(kept.every((each) => table.get(each.msg_id)?.msg_id === each.msg_id)).toBe(true);
    handed.status = 'SEND_SUCCESS';
    expect(table.statusOf(kept.at(-1)!.msg_id)).toBe('SEND_SUCCESS');
    expect(table.holds(handed)).toBe(true);
  });

  it('forgets everything on clear: what was handed out before is gone, even once its msg_id is stored again', () => {
    const table = new MessageTable();
    const a = message();
    const before = table.set(a);
    table.clear();
    expect(table.size).toBe(0);
    expect(idsIn(table)).toEqual([]);
    table.set({ ...a, status: 'SEND_FAIL' });
    expect(table.holds(before)).toBe(false);
    expect(() => before.status).toThrow(/no longer stored/);
    const again = table.get(a.msg_id)!;
    expect(table.holds(again)).toBe(true);
    expect(again.status).toBe('SEND_FAIL');
  });

  it('never takes what was handed out before a clear for a message stored since, whatever happens after', () => {
    const table = new MessageTable();
    const [a, b] = [message(), message()];
    const before = table.set(a);
    table.clear();
    table.set(a);
    table.set(b);
    table.delete(b.msg_id);
    expect(table.holds(before)).toBe(false);
    expect(() => before.status).toThrow(/no longer stored/);
  });

  it('tells a message from a later one of the same msg_id: what was handed out for the first is gone', () => {
    const table = new MessageTable();
    const [a, b] = [message(), message()];
    table.set(a);
    table.set(b);
    const first = table.get(a.msg_id)!;
    table.delete(a.msg_id);
    table.set({ ...a, status: 'SEND_FAIL' });
    expect(table.holds(first)).toBe(false);
    expect(() => first.status).toThrow(/no longer stored/);
    expect(idsIn(table)).toEqual([b.msg_id, a.msg_id]);
  });

  it('holds only what it handed out itself', () => {
    const table = new MessageTable();
    const plain = message();
    table.set(plain);
    expect(table.holds(plain)).toBe(false);
    expect(new MessageTable().holds(table.get(plain.msg_id)!)).toBe(false);
  });

  it('lists as a Map does while messages are deleted and added meanwhile, compactions included', () => {
    const table = new MessageTable();
    const made = Array.from({ length: 4000 }, () => message());
    for (const each of made) table.set(each);
    const position = new Map(made.map((each, i) => [each.msg_id, i]));
    const later = [message(), message()];
    const seen: number[] = [];
    for (const each of table.values()) {
      seen.push(each.msg_id);
      // The one listed goes, and so does the one after it: holes pile up until the rows move down.
      table.delete(each.msg_id);
      const next = made[(position.get(each.msg_id) ?? Infinity) + 1];
      if (next) table.delete(next.msg_id);
      if (seen.length === 100) for (const added of later) table.set(added);
    }
    // Every other message, then those added meanwhile, each once.
    expect(seen).toEqual([...made.filter((_, i) => i % 2 === 0), ...later].map((each) => each.msg_id));
    expect(table.size).toBe(0);
  });

  it('lists on after the one listed when a later message is deleted meanwhile, neither again nor skipping', () => {
    const { table, made } = tableOf(5);
    const seen: number[] = [];
    for (const each of table.values()) {
      seen.push(each.msg_id);
      if (each.msg_id === made[1]!.msg_id) table.delete(made[3]!.msg_id);
    }
    expect(seen).toEqual([made[0], made[1], made[2], made[4]].map((each) => each!.msg_id));
  });

  it('answers as a Map of msg_id to message does, whatever it is asked', () => {
    type Step = { add: number } | { replace: number } | { remove: number } | { removeMany: number } | 'clear';
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ add: fc.integer({ min: 1, max: 300 }) }) },
      { weight: 3, arbitrary: fc.record({ replace: fc.nat() }) },
      { weight: 3, arbitrary: fc.record({ remove: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ removeMany: fc.integer({ min: 0, max: 100 }) }) },
      { weight: 1, arbitrary: fc.constant('clear' as const) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const table = new MessageTable();
        const model = new Map<number, MassMessage>();
        const pick = (n: number) => [...model.keys()][n % model.size]!;
        for (const s of steps) {
          if (s === 'clear') {
            table.clear();
            model.clear();
          } else if ('add' in s) {
            for (let i = 0; i < s.add; i++) {
              const made = message({ audience: i, start_work: i % 2 ? undefined : i });
              table.set(made);
              model.set(made.msg_id, made);
            }
          } else if (model.size === 0) {
            expect(table.delete(nextId)).toBe(false);
          } else if ('replace' in s) {
            const id = pick(s.replace);
            const changed = { ...model.get(id)!, status: 'DELETE' as const, deleted_articles: [1] };
            table.set(changed);
            model.set(id, changed);
          } else if ('remove' in s) {
            const id = pick(s.remove);
            expect(table.delete(id)).toBe(model.delete(id));
          } else {
            // Deletes every message but one in `removeMany`: holes pile up, and the table compacts.
            for (const id of [...model.keys()]) if (id % 101 !== s.removeMany) expect(table.delete(id)).toBe(model.delete(id));
          }
          expect(table.size).toBe(model.size);
          expect(fieldsIn(table)).toEqual([...model.values()]);
        }
        for (const [id, each] of model) expect(copyMessage(table.get(id)!)).toEqual(each);
      }),
      { numRuns: 40 },
    );
  });
});
