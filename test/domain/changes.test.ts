import { describe, expect, it } from 'vitest';
import { settingsFromInput } from '../../mock/domain/app-settings.js';
import { Changes, StateWriteError, type ChangeSet } from '../../mock/domain/changes.js';
import { createRandom } from '../../mock/domain/random.js';
import { createAppState, type App, type Draft, type MassMessage, type Media } from '../../mock/domain/store.js';

const random = createRandom(1);
const newApp = (appid: string): App => createAppState(settingsFromInput({ appid, secret: 's' }, random), random);
let nextId = 3_000_000_001;
const newMessage = (appid: string): MassMessage => ({
  msg_id: nextId++,
  msg_data_id: undefined,
  appid,
  msgtype: 'text',
  articles: 1,
  deleted_articles: [],
  audience: 10,
  created_at: 0,
  status: 'SENDING',
  start_work: 0,
  finished_at: undefined,
  event_status: undefined,
  pushes: [],
});

/** A ChangeSet with nothing in it but `fields`. */
const changeSet = (fields: Partial<ChangeSet> = {}): ChangeSet => ({
  reset: false,
  dropped: [],
  clock: undefined,
  apps: new Map(),
  messages: new Map(),
  messageCounts: new Map(),
  clientMsgIds: [],
  media: [],
  drafts: [],
  taggings: [],
  afterCommit: [],
  finished: [],
  ...fields,
});
const nothing = () => {};

describe('Changes', () => {
  it('has nothing to take when nothing was recorded, recording or not', () => {
    expect(new Changes().take()).toBeUndefined();
    const recording = new Changes();
    recording.recording = true;
    expect(recording.take()).toBeUndefined();
  });

  it('does not record unless told to', () => {
    expect(new Changes().recording).toBe(false);
  });

  it('hands back the very app it records; while recording, takes it as changed with its message count', () => {
    const changes = new Changes();
    const app = newApp('wxa');
    app.message_ids.push(1, 2);
    const recorded = changes.app(app);
    expect(recorded).toBe(app);
    recorded.fans = 5;
    expect(app.fans).toBe(5);
    // Not recording: nobody reads what the unit changed, so nothing is kept and no set is made.
    expect(changes.take()).toBeUndefined();
    changes.recording = true;
    changes.app(app);
    expect(changes.take()).toEqual(changeSet({ apps: new Map([[app, { ...app }]]), messageCounts: new Map([[app, 2]]) }));
  });

  it('while not recording, makes every change but keeps only what runs after the commit', () => {
    const changes = new Changes();
    const app = newApp('wxa');
    const message = newMessage('wxa');
    const entry = { msg_id: 1, at: 0 };
    const media: Media = { media_id: 'm', type: 'voice', source: 'upload', created_at: 0, expires_at: 1 };
    const draft: Draft = { media_id: 'd', created_at: 0, articles: [] };
    let tagged = false;
    changes.newApp(app);
    changes.app(app).fans = 3;
    changes.newMessage(message);
    changes.message(message).status = 'SEND_SUCCESS';
    changes.clientMsgId(app, 'job', entry);
    changes.media(app, media);
    changes.draft(app, draft);
    changes.tagging(app, { tagid: 100, op: 'tag', fans: [1] }, () => {
      tagged = true;
      return nothing;
    });
    expect([app.fans, message.status, tagged]).toEqual([3, 'SEND_SUCCESS', true]);
    expect([app.clientmsgids.get('job'), app.library.get('m'), app.drafts.get('d')]).toEqual([entry, media, draft]);
    expect(changes.take()).toBeUndefined();
    changes.app(app);
    changes.finished(message);
    expect(changes.take()).toEqual(changeSet({ finished: [message.msg_id] }));
  });

  it('hands back the very message it records, and takes the unit as changed, keeping nothing of the message unless recording', () => {
    const changes = new Changes();
    const message = newMessage('wxa');
    expect(changes.message(message)).toBe(message);
    // Not recording: a tick that ends a million sends keeps no entry for each.
    expect(changes.take()).toBeUndefined();
    changes.recording = true;
    expect(changes.message(message)).toBe(message);
    expect(changes.take()).toEqual(changeSet({ messages: new Map([[message.msg_id, message]]) }));
  });

  it('counts an entity recorded twice once, with the message count of its first touch', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    const message = newMessage('wxa');
    changes.app(app).message_ids.push(7);
    changes.app(app);
    changes.message(message);
    changes.message(message);
    const taken = changes.take()!;
    expect([...taken.apps.keys()]).toEqual([app]);
    expect([...taken.messages.keys()]).toEqual([message.msg_id]);
    expect(taken.messageCounts).toEqual(new Map([[app, 0]]));
  });

  describe('while recording', () => {
    it('keeps a copy of each app as it was at its first touch, which later writes do not reach', () => {
      const changes = new Changes();
      changes.recording = true;
      const app = newApp('wxa');
      const fans = app.fans;
      const first = changes.app(app);
      first.fans = fans + 1;
      first.speed = 3;
      changes.app(app).offset_ms = 9;
      const copy = changes.take()!.apps.get(app);
      expect(copy).not.toBe(app);
      expect(copy).toEqual({ ...app, fans, speed: 0, offset_ms: 0 });
    });

    it('keeps a copy of each message as it was at its first touch', () => {
      const changes = new Changes();
      changes.recording = true;
      const message = newMessage('wxa');
      changes.message(message).status = 'SEND_SUCCESS';
      changes.message(message).finished_at = 5;
      const copy = changes.take()!.messages.get(message.msg_id);
      expect(copy).not.toBe(message);
      expect(copy).toEqual({ ...message, status: 'SENDING', finished_at: undefined });
    });

    it('copies only what is touched after recording starts', () => {
      const changes = new Changes();
      const [before, after] = [newApp('wxa'), newApp('wxb')];
      const message = newMessage('wxa');
      changes.app(before);
      changes.recording = true;
      changes.app(after);
      changes.message(message);
      const taken = changes.take()!;
      expect(taken.apps.has(before)).toBe(false);
      expect(taken.apps.get(after)).not.toBe(after);
      expect(taken.apps.get(after)).toEqual(after);
      expect(taken.messages.get(message.msg_id)).toEqual(message);
      expect(taken.messages.get(message.msg_id)).not.toBe(message);
    });
  });

  it('records a new app as created, whatever touches it after in the unit', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    expect(changes.newApp(app)).toBe(app);
    changes.app(app).fans = 1;
    expect(changes.take()).toEqual(changeSet({ apps: new Map([[app, 'created']]) }));
  });

  it('records a new message as created, whatever touches it after in the unit', () => {
    const changes = new Changes();
    changes.recording = true;
    const message = newMessage('wxa');
    expect(changes.newMessage(message)).toBe(message);
    changes.message(message).status = 'SEND_SUCCESS';
    expect(changes.take()).toEqual(changeSet({ messages: new Map([[message.msg_id, 'created']]) }));
  });

  it('takes a new app or a new message alone', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    changes.newApp(app);
    expect(changes.take()?.apps.get(app)).toBe('created');
    const message = newMessage('wxa');
    changes.newMessage(message);
    expect(changes.take()?.messages.get(message.msg_id)).toBe('created');
  });

  it('remembers a clientmsgid on the app, with what the app held for it before, in order', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    const first = { msg_id: 1, at: 10 };
    const second = { msg_id: 2, at: 20 };
    changes.clientMsgId(app, 'job', first);
    expect(app.clientmsgids.get('job')).toBe(first);
    changes.clientMsgId(app, 'job', second);
    changes.clientMsgId(app, 'other', first);
    expect([...app.clientmsgids]).toEqual([
      ['job', second],
      ['other', first],
    ]);
    expect(changes.take()).toEqual(
      changeSet({
        clientMsgIds: [
          { app, id: 'job', entry: first, previous: undefined },
          { app, id: 'job', entry: second, previous: first },
          { app, id: 'other', entry: first, previous: undefined },
        ],
      }),
    );
  });

  it('adds a media_id to the app\'s library and a draft to its draft box, each in order', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    const other = newApp('wxb');
    const image: Media = { media_id: 'm-1', type: 'image', source: 'upload', created_at: 0, expires_at: 10 };
    const thumb: Media = { media_id: 'm-2', type: 'thumb', source: 'material', created_at: 0, expires_at: undefined };
    const draft: Draft = { media_id: 'd-1', created_at: 0, articles: [] };
    changes.media(app, image);
    changes.media(other, thumb);
    changes.draft(app, draft);
    expect([...app.library]).toEqual([['m-1', image]]);
    expect([...other.library]).toEqual([['m-2', thumb]]);
    expect([...app.drafts]).toEqual([['d-1', draft]]);
    expect(changes.take()).toEqual(
      changeSet({
        media: [
          { app, media_id: 'm-1', now: image, previous: undefined },
          { app: other, media_id: 'm-2', now: thumb, previous: undefined },
        ],
        drafts: [{ app, media_id: 'd-1', now: draft, previous: undefined }],
      }),
    );
    expect(changes.take()).toBeUndefined();
  });

  it('replaces a draft and deletes a draft or a media_id, keeping what each held before', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    const thumb: Media = { media_id: 'm-1', type: 'thumb', source: 'material', created_at: 0, expires_at: undefined };
    const draft: Draft = { media_id: 'd-1', created_at: 0, articles: [] };
    const updated: Draft = { ...draft, updated_at: 5 };
    changes.media(app, thumb);
    changes.draft(app, draft);
    changes.take();
    changes.draft(app, updated);
    expect([...app.drafts]).toEqual([['d-1', updated]]);
    changes.deleteDraft(app, 'd-1');
    changes.deleteMedia(app, 'm-1');
    expect([...app.drafts]).toEqual([]);
    expect([...app.library]).toEqual([]);
    expect(changes.take()).toEqual(
      changeSet({
        media: [{ app, media_id: 'm-1', now: undefined, previous: thumb }],
        drafts: [
          { app, media_id: 'd-1', now: updated, previous: draft },
          { app, media_id: 'd-1', now: undefined, previous: updated },
        ],
      }),
    );
  });

  it('has something to take after a media_id alone, or a draft alone', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    changes.media(app, { media_id: 'm', type: 'voice', source: 'upload', created_at: 0, expires_at: 1 });
    expect(changes.take()).toBeDefined();
    changes.draft(app, { media_id: 'd', created_at: 0, articles: [] });
    expect(changes.take()).toBeDefined();
  });

  it('makes a tagging change at once and takes it alone, with the undo it answered', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    const undo = () => {};
    const made: string[] = [];
    changes.tagging(app, { tagid: 100, op: 'tag', fans: [3, 4] }, () => {
      made.push('applied');
      return undo;
    });
    expect(made).toEqual(['applied']);
    expect(changes.take()).toEqual(changeSet({ taggings: [{ app, tagid: 100, op: 'tag', fans: [3, 4], undo }] }));
  });

  it('takes a move of the global clock alone, with what makes it, unmade', () => {
    const changes = new Changes();
    let moved = 0;
    const apply = () => void moved++;
    changes.clock(1234, apply);
    expect(changes.take()).toEqual(changeSet({ clock: 1234, afterCommit: [apply] }));
    expect(moved).toBe(0);
  });

  it('keeps the last clock of a unit', () => {
    const changes = new Changes();
    changes.clock(1, nothing);
    changes.clock(2, nothing);
    expect(changes.take()?.clock).toBe(2);
  });

  it('takes what runs after the commit alone, in the order given, none of it run', () => {
    const changes = new Changes();
    const ran: string[] = [];
    const [b, c, d] = ['b', 'c', 'd'].map((name) => () => void ran.push(name)) as [() => void, () => void, () => void];
    changes.clock(5, b);
    changes.drop('wxa', c);
    changes.reset(d);
    const taken = changes.take()!;
    expect(taken.afterCommit).toEqual([b, c, d]);
    expect(ran).toEqual([]);
    expect(changes.take()).toBeUndefined();
  });

  it('takes the sends that ended alone, by msg_id, in the order they ended', () => {
    const changes = new Changes();
    const [first, second] = [newMessage('wxa'), newMessage('wxb')];
    changes.finished(second);
    changes.finished(first);
    expect(changes.take()).toEqual(changeSet({ finished: [second.msg_id, first.msg_id] }));
    expect(changes.take()).toBeUndefined();
  });

  it('starts afresh after each take', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    changes.app(app);
    changes.clock(9, nothing);
    changes.clientMsgId(app, 'x', { msg_id: 1, at: 0 });
    const first = changes.take();
    expect(first).toBeDefined();
    expect(changes.take()).toBeUndefined();
    const message = newMessage('wxa');
    changes.message(message);
    expect(changes.take()).toEqual(changeSet({ messages: new Map([[message.msg_id, message]]) }));
    expect(first?.apps.size).toBe(1);
  });

  it('keeps what was pending for an app it drops: the drop is applied only once written, after it', () => {
    const changes = new Changes();
    changes.recording = true;
    const [a, b] = [newApp('wxa'), newApp('wxb')];
    const [ma, mb] = [newMessage('wxa'), newMessage('wxb')];
    changes.app(a);
    changes.app(b);
    changes.message(ma);
    changes.message(mb);
    let forgotten = false;
    const apply = () => void (forgotten = true);
    changes.drop('wxa', apply);
    expect(changes.take()).toEqual(
      changeSet({
        dropped: ['wxa'],
        apps: new Map([
          [a, a],
          [b, b],
        ]),
        messages: new Map([
          [ma.msg_id, ma],
          [mb.msg_id, mb],
        ]),
        messageCounts: new Map([
          [a, 0],
          [b, 0],
        ]),
        afterCommit: [apply],
      }),
    );
    expect(forgotten).toBe(false);
  });

  it('takes a drop alone, and keeps the drops in order, an app recorded after its drop included', () => {
    const changes = new Changes();
    changes.recording = true;
    changes.drop('wxa', nothing);
    expect(changes.take()).toEqual(changeSet({ dropped: ['wxa'], afterCommit: [nothing] }));
    const again = newApp('wxa');
    changes.drop('wxb', nothing);
    changes.drop('wxa', nothing);
    changes.newApp(again);
    expect(changes.take()).toEqual(changeSet({ dropped: ['wxb', 'wxa'], apps: new Map([[again, 'created']]), afterCommit: [nothing, nothing] }));
  });

  it('keeps what was pending on a reset, and what follows it: forgetting is applied only once written', () => {
    const changes = new Changes();
    changes.recording = true;
    const app = newApp('wxa');
    const message = newMessage('wxa');
    changes.app(app);
    changes.message(message);
    changes.drop('wxc', nothing);
    changes.clock(3, nothing);
    let forgotten = false;
    const apply = () => void (forgotten = true);
    changes.reset(apply);
    const fresh = newApp('wxb');
    changes.newApp(fresh);
    expect(changes.take()).toEqual(
      changeSet({
        reset: true,
        dropped: ['wxc'],
        clock: 3,
        apps: new Map<App, App | 'created'>([
          [app, app],
          [fresh, 'created'],
        ]),
        messages: new Map([[message.msg_id, message]]),
        messageCounts: new Map([[app, 0]]),
        afterCommit: [nothing, nothing, apply],
      }),
    );
    expect(forgotten).toBe(false);
  });

  it('takes a reset alone', () => {
    const changes = new Changes();
    changes.reset(nothing);
    expect(changes.take()).toEqual(changeSet({ reset: true, afterCommit: [nothing] }));
    expect(changes.take()).toBeUndefined();
  });
});

describe('StateWriteError', () => {
  it('says the state file could not be written, why, and that nothing was applied; keeps the cause', () => {
    const cause = new Error('ENOSPC: no space left on device');
    const error = new StateWriteError(cause);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StateWriteError');
    expect(error.message).toBe('the state file could not be written (ENOSPC: no space left on device); the change was not applied');
    expect(error.cause).toBe(cause);
  });

  it('takes a cause that is no Error as its text', () => {
    const error = new StateWriteError('disk gone');
    expect(error.message).toBe('the state file could not be written (disk gone); the change was not applied');
    expect(error.cause).toBe('disk gone');
    expect(String(new StateWriteError(42))).toBe('StateWriteError: the state file could not be written (42); the change was not applied');
  });
});
