/**
 * Changing an app after it was created (PATCH /__mock/apps/{appid}): each field given replaces the
 * app's value, push options merge with the current ones. A speed change applies to what is left of
 * the sends in flight, exactly as setSpeed does; new fans or tags forget what tagging calls did.
 * Callback and tag checks happen before this (control/set-up-app.ts).
 */
import type { components } from '../generated/control.js';
import { applyTagging } from './apply-tagging.js';
import type { DomainContext } from './domain-context.js';
import { changeSpeed } from './sends.js';
import { nextTagIdAfter, type App, type SpeedLevel } from './store.js';
import { withStarTag } from './tag-settings.js';

export type AppPatch = components['schemas']['AppPatch'];

export function applyAppPatch(ctx: DomainContext, app: App, patch: AppPatch): App {
  const recorded = ctx.changes.app(app);
  if (patch.speed !== undefined && patch.speed !== app.speed) changeSpeed(ctx, recorded, patch.speed as SpeedLevel);
  if (patch.fans !== undefined) recorded.fans = patch.fans;
  if (patch.tags !== undefined) {
    recorded.tags = withStarTag(patch.tags);
    recorded.next_tag_id = nextTagIdAfter(recorded.tags, app.next_tag_id);
  }
  // Membership is derived from the fans and the counts: setting either starts it afresh from them.
  if ((patch.fans !== undefined || patch.tags !== undefined) && app.taggings.size > 0) {
    ctx.changes.tagging(app, { tagid: undefined, op: 'clear', fans: [] }, () => applyTagging(app, undefined, 'clear', []));
  }
  if (patch.protection !== undefined) recorded.protection = patch.protection;
  if (patch.callback_url !== undefined) recorded.callback_url = patch.callback_url;
  if (patch.callback_token !== undefined) recorded.callback_token = patch.callback_token;
  if (patch.encoding_aes_key !== undefined) recorded.encoding_aes_key = patch.encoding_aes_key;
  if (patch.limits !== undefined) recorded.limits = { ...patch.limits };
  if (patch.push !== undefined) recorded.push = { ...app.push, ...patch.push };
  if (patch.account_type !== undefined) recorded.account_type = patch.account_type;
  if (patch.dedupe_without_clientmsgid !== undefined) recorded.dedupe_without_clientmsgid = patch.dedupe_without_clientmsgid;
  if (patch.protection_codes !== undefined) recorded.protection_codes = { ...app.protection_codes, ...patch.protection_codes };
  if (patch.media !== undefined) recorded.media = patch.media;
  return app;
}
