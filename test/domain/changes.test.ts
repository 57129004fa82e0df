import { describe, expect, it } from 'vitest';
import { settingsFromInput } from '../../mock/domain/app-settings.js';
import { Changes } from '../../mock/domain/changes.js';
import { createRandom } from '../../mock/domain/random.js';
import { createAppState, type App, type MassMessage } from '../../mock/domain/store.js';

const random = createRandom(1);
const newApp = (appid: string): App => createAppState(settingsFromInput({ appid, secret: 's' }, random), random);
let nextId = 3_000_000_001;
const newMessage = (appid: string): MassMessage => ({
  msg_id: nextId++,
  msg_data_id: undefined,
  appid,
  msgtype: 'text',
  audience: 10,
  created_at: 0,
  status: 'SENDING',
  start_work: 0,
  finished_at: undefined,
  event_status: undefined,
  pushes: [],
});

describe('Changes', () => {
  it('has nothing to take when nothing was recorded', () => {
    expect(new Changes().take()).toBeUndefined();
  });

  it('hands back the very app it records, and takes it as changed', () => {
    const changes = new Changes();
    const app = newApp('wxa');
    const recorded = changes.app(app);
    expect(recorded).toBe(app);
    recorded.fans = 5;
    expect(app.fans).toBe(5);
    expect(changes.take()).toEqual({ reset: false, dropped: [], clock: false, apps: new Set([app]), messages: new Set() });
  });

  it('hands back the very message it records, and takes it as changed', () => {
    const changes = new Changes();
    const message = newMessage('wxa');
    expect(changes.message(message)).toBe(message);
    expect(changes.take()).toEqual({ reset: false, dropped: [], clock: false, apps: new Set(), messages: new Set([message]) });
  });

  it('counts an entity recorded twice once', () => {
    const changes = new Changes();
    const app = newApp('wxa');
    const message = newMessage('wxa');
    changes.app(app);
    changes.app(app);
    changes.message(message);
    changes.message(message);
    const taken = changes.take()!;
    expect([...taken.apps]).toEqual([app]);
    expect([...taken.messages]).toEqual([message]);
  });

  it('takes a move of the global clock alone', () => {
    const changes = new Changes();
    changes.clock();
    expect(changes.take()).toEqual({ reset: false, dropped: [], clock: true, apps: new Set(), messages: new Set() });
  });

  it('starts afresh after each take', () => {
    const changes = new Changes();
    changes.app(newApp('wxa'));
    changes.clock();
    expect(changes.take()).toBeDefined();
    expect(changes.take()).toBeUndefined();
    const message = newMessage('wxa');
    changes.message(message);
    expect(changes.take()).toEqual({ reset: false, dropped: [], clock: false, apps: new Set(), messages: new Set([message]) });
  });

  it('drops what was pending for a forgotten app and its messages, and keeps the rest', () => {
    const changes = new Changes();
    const [a, b] = [newApp('wxa'), newApp('wxb')];
    const [ma, mb] = [newMessage('wxa'), newMessage('wxb')];
    changes.app(a);
    changes.app(b);
    changes.message(ma);
    changes.message(mb);
    changes.drop('wxa');
    expect(changes.take()).toEqual({ reset: false, dropped: ['wxa'], clock: false, apps: new Set([b]), messages: new Set([mb]) });
  });

  it('takes a drop alone, and keeps the drops in order, an app recorded after its drop included', () => {
    const changes = new Changes();
    changes.drop('wxa');
    expect(changes.take()).toEqual({ reset: false, dropped: ['wxa'], clock: false, apps: new Set(), messages: new Set() });
    const again = newApp('wxa');
    changes.drop('wxb');
    changes.drop('wxa');
    changes.app(again);
    expect(changes.take()).toEqual({ reset: false, dropped: ['wxb', 'wxa'], clock: false, apps: new Set([again]), messages: new Set() });
  });

  it('forgets everything pending on a reset, and records what follows it', () => {
    const changes = new Changes();
    changes.app(newApp('wxa'));
    changes.message(newMessage('wxa'));
    changes.drop('wxc');
    changes.clock();
    changes.reset();
    const fresh = newApp('wxb');
    changes.app(fresh);
    expect(changes.take()).toEqual({ reset: true, dropped: [], clock: false, apps: new Set([fresh]), messages: new Set() });
  });

  it('takes a reset alone', () => {
    const changes = new Changes();
    changes.reset();
    expect(changes.take()).toEqual({ reset: true, dropped: [], clock: false, apps: new Set(), messages: new Set() });
    expect(changes.take()).toBeUndefined();
  });
});
