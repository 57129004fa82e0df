/**
 * What tagging does to App.taggings: a fan the tag's count covers is untagged by remembering it as
 * removed, any other is tagged by remembering it as added; only what calls touched is held, and
 * each change answers how to take it back.
 */
import { describe, expect, it } from 'vitest';
import { applyTagging } from '../../mock/domain/apply-tagging.js';
import { tagOrder } from '../../mock/domain/tag-order.js';
import { newApp, type App } from './fixtures.js';

/** 100 fans; tag 100 counts 10 of them, tag 101 none. */
const taggedApp = () => newApp({ fans: 100, tags: [{ id: 100, name: 'vip', count: 10 }, { id: 101, name: 'new', count: 0 }] });
/** A fan of tag 100's count, and one outside it. */
const counted = (app: App, n = 0) => tagOrder(app, 100).fanAt(n);
const outside = (app: App, n = 0) => tagOrder(app, 100).fanAt(10 + n);
const sorted = (fans: Set<number>) => [...fans].sort((a, b) => a - b);
/** What tagging changed of each tag, as sorted lists. */
const held = (app: App) => Object.fromEntries([...app.taggings].map(([id, { added, removed }]) => [id, { added: sorted(added), removed: sorted(removed) }]));

describe('applyTagging', () => {
  it('remembers a fan tagged beyond the count as added, and one of the count untagged as removed', () => {
    const app = taggedApp();
    applyTagging(app, 100, 'tag', [outside(app, 0), outside(app, 1)]);
    applyTagging(app, 100, 'untag', [counted(app, 3)]);
    expect(held(app)).toEqual({ 100: { added: [outside(app, 0), outside(app, 1)].sort((a, b) => a - b), removed: [counted(app, 3)] } });
  });

  it('holds nothing for a change that changes nothing: tagging a member, untagging an outsider', () => {
    const app = taggedApp();
    applyTagging(app, 100, 'tag', [counted(app, 0)]);
    applyTagging(app, 100, 'untag', [outside(app, 0)]);
    expect(app.taggings.size).toBe(0);
  });

  it('takes back what an earlier call did, and forgets the tag once nothing is left of it', () => {
    const app = taggedApp();
    applyTagging(app, 100, 'tag', [outside(app, 0)]);
    applyTagging(app, 100, 'untag', [counted(app, 0)]);
    applyTagging(app, 100, 'untag', [outside(app, 0)]);
    expect(held(app)).toEqual({ 100: { added: [], removed: [counted(app, 0)] } });
    applyTagging(app, 100, 'tag', [counted(app, 0)]);
    expect(app.taggings.has(100)).toBe(false);
  });

  it('changes nothing for a tag the app does not have', () => {
    const app = taggedApp();
    const undo = applyTagging(app, 999, 'tag', [1, 2]);
    expect(app.taggings.size).toBe(0);
    undo();
    expect(app.taggings.size).toBe(0);
  });

  it('answers an undo that puts back what the tag held before, or its absence', () => {
    const app = taggedApp();
    const first = applyTagging(app, 101, 'tag', [1, 2]);
    const before = app.taggings.get(101);
    const second = applyTagging(app, 101, 'tag', [3]);
    const third = applyTagging(app, 101, 'untag', [1]);
    expect(held(app)).toEqual({ 101: { added: [2, 3], removed: [] } });
    third();
    second();
    expect(held(app)).toEqual({ 101: { added: [1, 2], removed: [] } });
    expect(app.taggings.get(101)).toBe(before);
    first();
    expect(app.taggings.has(101)).toBe(false);
  });

  it('puts back a tag its change emptied', () => {
    const app = taggedApp();
    applyTagging(app, 100, 'untag', [counted(app, 5)]);
    const undo = applyTagging(app, 100, 'tag', [counted(app, 5)]);
    expect(app.taggings.has(100)).toBe(false);
    undo();
    expect(held(app)).toEqual({ 100: { added: [], removed: [counted(app, 5)] } });
  });

  it('clears what tagging did to one tag, or to every tag, and puts it back on undo', () => {
    const app = taggedApp();
    applyTagging(app, 100, 'tag', [outside(app)]);
    applyTagging(app, 101, 'tag', [7]);
    const all = held(app);
    const one = applyTagging(app, 101, 'clear', []);
    expect(held(app)).toEqual({ 100: all[100] });
    one();
    expect(held(app)).toEqual(all);
    const every = applyTagging(app, undefined, 'clear', []);
    expect(app.taggings.size).toBe(0);
    every();
    expect(held(app)).toEqual(all);
  });
});
