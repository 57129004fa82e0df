/**
 * Group commit: the units of the calls answered in one turn are written with one write at its end,
 * each answer after it; a write that fails undoes every unit it held, newest first, and every
 * answer that waited hears of it. A real simulator; the write is injected, as a full disk is.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_APPID } from '../../mock/domain/app-settings.js';
import { StateWriteError } from '../../mock/domain/changes.js';
import { createClock } from '../../mock/domain/clock.js';
import { sendAll, setSpeed } from '../../mock/domain/sends.js';
import { createSimulator } from '../../mock/domain/simulator.js';
import { GroupCommit } from '../../mock/persistence/group-commit.js';
import { MPNEWS_TO_ALL, T0 } from '../helpers.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A simulator whose units go through a GroupCommit; each unit's text is its number; `disk.full` makes writes fail. */
function grouped() {
  const sim = createSimulator({ clock: createClock({ mode: 'manual', start: T0 }), seed: 3 });
  const writes: string[] = [];
  const disk = { full: false };
  const commits = new GroupCommit({
    write(text) {
      if (disk.full) throw new Error('ENOSPC: no space left on device');
      writes.push(text);
    },
    undo: (units) => sim.undo(units),
  });
  let units = 0;
  sim.onCommit((changes) => commits.commit(changes, `${++units}\n`, changes.finished.length === 0 && changes.afterCommit.length === 0));
  const app = sim.store.apps.get(DEFAULT_APPID)!;
  const answered: string[] = [];
  /** A call as the request path makes one: run in the group, answered once its write is done. */
  const call = (name: string, work: () => unknown) => {
    commits.group(() => sim.unit(work));
    commits.afterWrite((failed) => answered.push(`${name} ${failed ? 'failed' : 'ok'}`));
  };
  const speed = (level: number) => () => setSpeed(sim.ctx, app, { speed: level });
  return { sim, app, commits, writes, disk, answered, call, speed };
}

describe('group commit', () => {
  it('writes the units of one turn with one write at its end, and answers each call after it, in order', async () => {
    const g = grouped();
    g.call('a', g.speed(1));
    g.call('b', g.speed(2));
    g.call('c', g.speed(3));
    expect(g.writes).toEqual([]);
    expect(g.answered).toEqual([]);
    expect(g.app.speed).toBe(3);
    await nextTurn();
    expect(g.writes).toEqual(['1\n2\n3\n']);
    expect(g.answered).toEqual(['a ok', 'b ok', 'c ok']);
    // With nothing queued, an answer does not wait.
    g.commits.afterWrite((failed) => g.answered.push(`d ${failed ? 'failed' : 'ok'}`));
    expect(g.answered.at(-1)).toBe('d ok');
  });

  it('undoes every queued unit when their write fails, and each call that waited hears it, a read among them', async () => {
    const g = grouped();
    g.call('speed', g.speed(1));
    g.call('send', () => sendAll(g.sim.ctx, g.app, MPNEWS_TO_ALL));
    g.call('speed again', g.speed(4));
    // A read changes nothing, but it saw what the others did: it waits too.
    g.call('read', () => g.app.speed);
    expect(g.sim.store.messages.size).toBe(1);
    g.disk.full = true;
    await nextTurn();
    expect(g.answered).toEqual(['speed failed', 'send failed', 'speed again failed', 'read failed']);
    expect(g.app.speed).toBe(0);
    expect(g.sim.store.messages.size).toBe(0);
    expect(g.app.message_ids).toEqual([]);
    g.disk.full = false;
    g.call('retry', g.speed(2));
    await nextTurn();
    expect(g.writes).toEqual(['4\n']);
    expect(g.answered.at(-1)).toBe('retry ok');
  });

  it('writes what is queued with a unit outside any call (the control API, the tick), in one write, before that unit returns', () => {
    const g = grouped();
    g.call('a', g.speed(1));
    g.sim.unit(g.speed(2));
    expect(g.writes).toEqual(['1\n2\n']);
    expect(g.answered).toEqual(['a ok']);
  });

  it('when that write fails, undoes the unit outside first, then the queued ones: the state from before them all', () => {
    const g = grouped();
    g.call('a', g.speed(1));
    g.disk.full = true;
    expect(() => g.sim.unit(g.speed(2))).toThrow(StateWriteError);
    expect(g.app.speed).toBe(0);
    expect(g.answered).toEqual(['a failed']);
    expect(g.writes).toEqual([]);
  });

  it('writes at once a call whose unit ended a send: its push must not go out before the end is written', () => {
    const g = grouped();
    const ended: number[] = [];
    g.sim.onFinish((message) => ended.push(message.msg_id));
    g.sim.unit(() => sendAll(g.sim.ctx, g.app, MPNEWS_TO_ALL));
    g.writes.length = 0;
    g.sim.clock.advance(60 * 60 * 1000);
    g.call('tick', () => g.sim.ctx.tick(g.app));
    expect(g.writes).toEqual(['2\n']);
    expect(ended).toHaveLength(1);
    expect(g.answered).toEqual(['tick ok']);
  });
});
