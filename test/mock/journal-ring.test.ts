/**
 * The journal's ring on its own: entries keep what was recorded whichever way they are read, redacted
 * on the first read and the same on every later one, through wraps, repeats and clears.
 */
import { describe, expect, it } from 'vitest';
import { createJournal, JOURNAL_BODY_LIMIT, REDACTED, type JournalRecord } from '../../mock/harness/journal.js';

const call = (appid: string, query: string, body: string, errcode = 0): JournalRecord => ({ direction: 'in', operation: 'getSpeed', appid, method: 'POST', path: '/cgi-bin/message/mass/speed/get', query, body, errcode });

describe('the journal ring', () => {
  it('shows an entry the same on every read: the query and body redacted once, the rest as recorded', () => {
    const journal = createJournal({ now: () => Date.UTC(2026, 10, 28) });
    journal.record({ ...call('wxa', 'access_token=TOKEN&x=1', '{"secret":"S","speed":1}'), host: 'api.weixin.qq.com', status: 503, fault: 'f1' });
    const first = journal.list();
    expect(first).toEqual([
      {
        time: '2026-11-28T00:00:00.000Z',
        direction: 'in',
        operation: 'getSpeed',
        appid: 'wxa',
        method: 'POST',
        path: '/cgi-bin/message/mass/speed/get',
        host: 'api.weixin.qq.com',
        query: { access_token: REDACTED, x: '1' },
        body: { secret: REDACTED, speed: 1 },
        errcode: 0,
        status: 503,
        fault: 'f1',
      },
    ]);
    expect(journal.list()).toEqual(first);
  });

  it('keeps each of many entries that repeat the same query and body, across a wrap of the ring', () => {
    const journal = createJournal({ limit: 3, now: () => 0 });
    for (let i = 0; i < 7; i += 1) journal.record(call(i % 2 ? 'wxb' : 'wxa', 'access_token=T', i % 3 ? '{}' : `{"n":${i}}`, i));
    expect(journal.list().map((e) => [e.appid, e.query, e.body, e.errcode])).toEqual([
      ['wxa', { access_token: REDACTED }, {}, 4],
      ['wxb', { access_token: REDACTED }, {}, 5],
      ['wxa', { access_token: REDACTED }, { n: 6 }, 6],
    ]);
    expect(journal.dropped).toBe(4);
  });

  it('keeps what was read and what was not when one app\'s entries are cleared', () => {
    const journal = createJournal({ limit: 4, now: () => 0 });
    journal.record(call('wxa', 'access_token=A', '{"a":1}'));
    journal.record(call('wxb', 'access_token=B', '{"b":1}'));
    journal.list();
    journal.record(call('wxa', 'access_token=A', 'not json, token=abc'));
    expect(journal.clear('wxb')).toBe(1);
    expect(journal.list().map((e) => [e.query, e.body])).toEqual([
      [{ access_token: REDACTED }, { a: 1 }],
      [{ access_token: REDACTED }, `not json, token="${REDACTED}"`],
    ]);
    journal.record(call('wxa', '', ''));
    expect(journal.list().at(-1)).toMatchObject({ query: {}, body: null });
  });

  it('cuts a body over the limit when it is recorded, redacting it first', () => {
    const journal = createJournal({ now: () => 0 });
    const long = JSON.stringify({ secret: 'S', pad: 'x'.repeat(JOURNAL_BODY_LIMIT) });
    journal.record(call('wxa', 'access_token=A', long));
    const [entry] = journal.list();
    expect(typeof entry!.body).toBe('string');
    expect(entry!.body as string).toContain(`"secret":"${REDACTED}"`);
    // The count is of the redacted text, which is what was cut.
    const redacted = long.replace('"S"', `"${REDACTED}"`);
    expect(entry!.body as string).toBe(`${redacted.slice(0, JOURNAL_BODY_LIMIT)}… (cut: ${redacted.length} characters)`);
  });
});
