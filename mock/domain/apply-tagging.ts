/**
 * What a tagging change does to App.taggings: the rules make it through Changes.members, and a
 * state file replays it from its small record (the tag, the fans, tag or untag), never from a list
 * of members. A fan the tag's count covers is untagged by remembering it as removed; any other is
 * tagged by remembering it as added; so the sets hold only what tagging calls touched.
 */
import { isCounted } from './audience.js';
import type { App, TagMembers } from './store.js';

/** tag or untag fans of one tag; clear forgets what tagging did to one tag, or to all of them. */
export type TaggingOp = 'tag' | 'untag' | 'clear';

type Undo = () => void;

function clear(taggings: Map<number, TagMembers>, tagid: number | undefined): Undo {
  const before = [...taggings].filter(([id]) => tagid === undefined || id === tagid);
  for (const [id] of before) taggings.delete(id);
  return () => {
    for (const [id, members] of before) taggings.set(id, members);
  };
}

/** Applies the change and answers how to take it back (a unit whose write failed is undone). */
export function applyTagging(app: App, tagid: number | undefined, op: TaggingOp, fans: readonly number[]): Undo {
  const taggings = app.taggings as Map<number, TagMembers>;
  if (op === 'clear') return clear(taggings, tagid);
  const tag = app.tags.find((each) => each.id === tagid);
  if (!tag) return () => {};
  const existing = taggings.get(tag.id);
  const members = existing ?? { added: new Set<number>(), removed: new Set<number>() };
  const flipped: { set: Set<number>; fan: number; had: boolean }[] = [];
  for (const fan of fans) {
    const set = isCounted(app, tag, fan) ? members.removed : members.added;
    // Tagging a counted fan takes it off the removed; tagging another puts it on the added; untagging the reverse.
    const keep = (set === members.added) === (op === 'tag');
    const had = set.has(fan);
    if (keep === had) continue;
    if (keep) set.add(fan);
    else set.delete(fan);
    flipped.push({ set, fan, had });
  }
  const empty = members.added.size === 0 && members.removed.size === 0;
  if (empty) taggings.delete(tag.id);
  else taggings.set(tag.id, members);
  return () => {
    for (const { set, fan, had } of flipped.reverse()) {
      if (had) set.add(fan);
      else set.delete(fan);
    }
    if (existing) taggings.set(tag.id, existing);
    else taggings.delete(tag.id);
  };
}
