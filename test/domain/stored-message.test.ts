import { describe, expect, it } from 'vitest';
import { MessageTable } from '../../mock/domain/message-table.js';
import { copyMessage, newApp, newMessage } from './fixtures.js';

const app = newApp();

describe('StoredMessage', () => {
  it('writes each field into its row, where another copy of it and the table read it', () => {
    const table = new MessageTable();
    const stored = table.set(newMessage(app));
    table.set(newMessage(app));
    const pushes = [{ attempt: 1, outcome: 'ok' as const, at: '2026-11-22T00:00:00.000Z', duration_ms: 3, status: 200, reply: 'success' }];
    stored.msg_data_id = 2_247_000_001;
    stored.msgtype = 'mpnews';
    stored.articles = 8;
    stored.audience = 0;
    stored.created_at = 1_764_979_200_075;
    stored.pushes = pushes;
    const read = table.get(stored.msg_id)!;
    expect(copyMessage(read)).toEqual({ ...copyMessage(stored), msg_data_id: 2_247_000_001, msgtype: 'mpnews', articles: 8, audience: 0, created_at: 1_764_979_200_075, pushes });
    expect(read.appid).toBe(app.appid);
    stored.msg_data_id = undefined;
    expect(read.msg_data_id).toBeUndefined();
  });

  it('finds its row again after rows went, the first row included', () => {
    const table = new MessageTable();
    const [first, second, third] = [newMessage(app, { audience: 1 }), newMessage(app, { audience: 2 }), newMessage(app, { audience: 3 })];
    const handed = [first, second, third].map((each) => table.set(each));
    table.delete(second.msg_id);
    expect(handed[0]!.audience).toBe(1);
    expect(handed[2]!.audience).toBe(3);
    handed[0]!.audience = 10;
    expect(table.get(first.msg_id)!.audience).toBe(10);
  });

  it('is in the table that handed it out, and in no other, even one holding its msg_id', () => {
    const table = new MessageTable();
    const message = newMessage(app);
    const stored = table.set(message);
    const other = new MessageTable();
    other.set(message);
    expect(stored.isIn(table)).toBe(true);
    expect(stored.isIn(other)).toBe(false);
  });
});
