/**
 * Changing an app after it was created (PATCH /__mock/apps/{appid}): each field given replaces the
 * app's value, push options merge with the current ones. A speed change applies to what is left of
 * the sends in flight, exactly as setSpeed does. Callback checks happen before this (callback-setup.ts).
 */
import type { components } from '../generated/control.js';
import { changeSpeed } from './sends.js';
import type { Simulator } from './simulator.js';
import type { App, SpeedLevel } from './store.js';

export type AppPatch = components['schemas']['AppPatch'];

export function applyAppPatch(sim: Simulator, app: App, patch: AppPatch): App {
  if (patch.speed !== undefined && patch.speed !== app.speed) changeSpeed(sim.ctx, app, patch.speed as SpeedLevel);
  if (patch.fans !== undefined) app.fans = patch.fans;
  if (patch.tags !== undefined) app.tags = patch.tags.map((tag) => ({ ...tag }));
  if (patch.protection !== undefined) app.protection = patch.protection;
  if (patch.callback_url !== undefined) app.callback_url = patch.callback_url;
  if (patch.callback_token !== undefined) app.callback_token = patch.callback_token;
  if (patch.encoding_aes_key !== undefined) app.encoding_aes_key = patch.encoding_aes_key;
  if (patch.limits !== undefined) app.limits = { ...patch.limits };
  if (patch.push !== undefined) app.push = { ...app.push, ...patch.push };
  sim.ctx.changed({ app });
  return app;
}
