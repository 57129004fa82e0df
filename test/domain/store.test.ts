import { describe, expect, it } from 'vitest';
import { Changes } from '../../mock/domain/changes.js';
import { createRandom } from '../../mock/domain/random.js';
import { startIdSequences } from '../../mock/domain/ids.js';
import { newApp, newMessage } from './fixtures.js';
import { DEFAULT_PROTECTION_CODES, DEFAULT_PUSH, FIRST_CREATED_TAG_ID, REALSPEED, createAppState, createStore, nextTagIdAfter, type AppSettings } from '../../mock/domain/store.js';

const settings: AppSettings = {
  appid: 'wxstore0000000001',
  secret: 'store-secret',
  fans: 1234,
  tags: [{ id: 100, name: 'a', count: 12 }],
  protection: true,
  callback_url: 'http://127.0.0.1:9/cb',
  callback_token: 'tok',
  encoding_aes_key: null,
  limits: { daily_mass_quota: 3 },
  push: { timeout_ms: 50, retry_delay_ms: 5 },
  account_type: 'subscription',
  dedupe_without_clientmsgid: false,
  protection_codes: { operations: ['setSpeed'], switch_after_ms: 5_000 },
  media: 'any',
};

describe('createStore', () => {
  it('starts with no apps, tokens or messages, and id sequences drawn from the generator', () => {
    const store = createStore(createRandom(3));
    expect(store.apps.size).toBe(0);
    expect(store.tokens.size).toBe(0);
    expect(store.messages.size).toBe(0);
    expect(store.ids).toEqual(startIdSequences(createRandom(3)));
    expect(createStore(createRandom(4)).ids).not.toEqual(store.ids);
  });

  it('gives each store its own maps and id sequences', () => {
    const random = createRandom(3);
    const a = createStore(random);
    const b = createStore(random);
    const before = { ...b.ids };
    a.messages.set(newMessage(newApp()));
    a.ids.msg += 1;
    expect(b.messages.size).toBe(0);
    expect(b.ids).toEqual(before);
  });
});

describe('createAppState', () => {
  it('keeps every setting and starts at speed 0, no offset, no work, no messages, tokens or usage', () => {
    const app = createAppState(settings, createRandom(3));
    expect(app).toMatchObject({ ...settings, speed: 0, work_base: 0, work_at: 0, offset_ms: 0, message_ids: [], tokens: [], stable: undefined });
    expect(app.usage).toEqual({ day: -1, api_calls: 0, mass_sends: 0, minute: -1, minute_calls: 0 });
    expect(app.clientmsgids.size).toBe(0);
    expect(app.in_flight.sending.size).toBe(0);
    expect(app.in_flight.awaiting.size).toBe(0);
    expect(app.in_flight.next_seq).toBe(0);
  });

  it('draws an original id of gh_ and 12 hex from the generator, the same for the same seed', () => {
    const app = createAppState(settings, createRandom(3));
    expect(app.original_id).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(createAppState(settings, createRandom(3)).original_id).toBe(app.original_id);
    expect(createAppState(settings, createRandom(4)).original_id).not.toBe(app.original_id);
  });

  it('copies tags, limits, push options and protection codes, so the settings it came from are never shared', () => {
    const app = createAppState(settings, createRandom(3));
    expect(app.tags).not.toBe(settings.tags);
    expect(app.tags[0]).not.toBe(settings.tags[0]);
    expect(app.limits).not.toBe(settings.limits);
    expect(app.push).not.toBe(settings.push);
    expect(app.protection_codes).not.toBe(settings.protection_codes);
    expect(app.protection_codes.operations).not.toBe(settings.protection_codes.operations);
    expect(app.tags).toEqual(settings.tags);
    expect(app.limits).toEqual(settings.limits);
    expect(app.push).toEqual(settings.push);
    expect(app.protection_codes).toEqual(settings.protection_codes);
  });

  it('starts with no previous stable token and no forced rotation', () => {
    const app = createAppState(settings, createRandom(3));
    expect(app.stable_previous).toBeUndefined();
    expect(app.stable_forced_at).toBeUndefined();
  });

  it('gives each app its own message list, index and clientmsgid map', () => {
    const random = createRandom(3);
    const a = createAppState(settings, random);
    const b = createAppState(settings, random);
    a.message_ids.push(1);
    new Changes().clientMsgId(a, 'x', { msg_id: 1, at: 0 });
    a.in_flight.awaiting.set(1, 0);
    expect(b.message_ids).toEqual([]);
    expect(b.clientmsgids.size).toBe(0);
    expect(b.in_flight.awaiting.size).toBe(0);
  });
});

describe('nextTagIdAfter', () => {
  const tag = (id: number) => ({ id, name: `t${id}`, count: 0 });

  it('gives created tags ids from 100, past every id held, whatever their order', () => {
    expect(FIRST_CREATED_TAG_ID).toBe(100);
    expect(nextTagIdAfter([])).toBe(100);
    expect(nextTagIdAfter([tag(2)])).toBe(100);
    expect(nextTagIdAfter([tag(2), tag(130), tag(100)])).toBe(131);
  });

  it('never goes back below the id it was at, so ids are not reused', () => {
    expect(nextTagIdAfter([tag(100)], 150)).toBe(150);
    expect(nextTagIdAfter([tag(160)], 150)).toBe(161);
  });

  it('is where a new app starts', () => {
    expect(createAppState(settings, createRandom(3)).next_tag_id).toBe(101);
  });
});

describe('the store constants', () => {
  it('maps speed 0..4 to 80, 60, 45, 30 and 10 万 a minute, and pushes to a 5 s timeout and 1 s between attempts', () => {
    expect(REALSPEED).toEqual([80, 60, 45, 30, 10]);
    expect(DEFAULT_PUSH).toEqual({ timeout_ms: 5000, retry_delay_ms: 1000 });
  });

  it('has massmsgget and setSpeed answer 8950x by default, 89505 for the first minute', () => {
    expect(DEFAULT_PROTECTION_CODES).toEqual({ operations: ['massmsgget', 'setSpeed'], switch_after_ms: 60_000 });
  });
});
