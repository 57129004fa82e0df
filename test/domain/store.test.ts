import { describe, expect, it } from 'vitest';
import { Changes } from '../../mock/domain/changes.js';
import { createRandom } from '../../mock/domain/random.js';
import { DEFAULT_PUSH, REALSPEED, createAppState, createStore, isIdTaken, type AppSettings } from '../../mock/domain/store.js';

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
};

describe('createStore', () => {
  it('starts with no apps, tokens, messages or preview ids', () => {
    const store = createStore();
    expect(store.apps.size).toBe(0);
    expect(store.tokens.size).toBe(0);
    expect(store.messages.size).toBe(0);
    expect(store.preview_ids.size).toBe(0);
  });

  it('gives each store its own maps', () => {
    const a = createStore();
    const b = createStore();
    a.preview_ids.add(1);
    a.messages.set(1, undefined as never);
    expect(b.preview_ids.size).toBe(0);
    expect(b.messages.size).toBe(0);
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

  it('copies tags, limits and push options, so the settings it came from are never shared', () => {
    const app = createAppState(settings, createRandom(3));
    expect(app.tags).not.toBe(settings.tags);
    expect(app.tags[0]).not.toBe(settings.tags[0]);
    expect(app.limits).not.toBe(settings.limits);
    expect(app.push).not.toBe(settings.push);
    expect(app.tags).toEqual(settings.tags);
    expect(app.limits).toEqual(settings.limits);
    expect(app.push).toEqual(settings.push);
  });

  it('gives each app its own message list, index and clientmsgid map', () => {
    const random = createRandom(3);
    const a = createAppState(settings, random);
    const b = createAppState(settings, random);
    a.message_ids.push(1);
    new Changes().clientMsgId(a, 'x', { msg_id: 1, at: 0 });
    a.in_flight.awaiting.set(undefined as never, 0);
    expect(b.message_ids).toEqual([]);
    expect(b.clientmsgids.size).toBe(0);
    expect(b.in_flight.awaiting.size).toBe(0);
  });
});

describe('isIdTaken', () => {
  it('holds the ids of messages and of previews, and no other', () => {
    const store = createStore();
    expect(isIdTaken(store, 3_000_000_001)).toBe(false);
    store.messages.set(3_000_000_001, undefined as never);
    store.preview_ids.add(3_000_000_002);
    expect(isIdTaken(store, 3_000_000_001)).toBe(true);
    expect(isIdTaken(store, 3_000_000_002)).toBe(true);
    expect(isIdTaken(store, 3_000_000_003)).toBe(false);
  });
});

describe('the store constants', () => {
  it('maps speed 0..4 to 80, 60, 45, 30 and 10 万 a minute, and pushes to a 5 s timeout and 1 s between attempts', () => {
    expect(REALSPEED).toEqual([80, 60, 45, 30, 10]);
    expect(DEFAULT_PUSH).toEqual({ timeout_ms: 5000, retry_delay_ms: 1000 });
  });
});
