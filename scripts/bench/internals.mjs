/**
 * The bench's one way into the mock's internals: the domain calls, the /cgi-bin handler without
 * HTTP, the simulator behind a `createApp` mock, and the state view. Everything else reaches dist/
 * through the public entry or the CLI only, so when those internal modules move or change shape,
 * this file is the one to update.
 *
 * Loaded on demand, never at start-up: the children that time the public entry's import, or
 * measure a fresh process's memory, must not have loaded anything more beforehand.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './paths.mjs';

const importDist = (path) => import(pathToFileURL(join(DIST, path)).href);
const simOf = (mock) => mock.mock.sim;

/**
 * The internals the memory children drive. `mock` is what the public `createApp` returns, `app` what
 * `addApp` gives; the domain calls answer `{ ok: true, value }` or `{ ok: false, errcode }`.
 */
export async function loadInternals() {
  const sends = await importDist('mock/domain/sends.js');
  const followers = await importDist('mock/domain/followers.js');
  const tags = await importDist('mock/domain/tags.js');
  const codec = await importDist('mock/domain/openid-codec.js');
  const wechat = await importDist('mock/wechat/handle-wechat.js');
  const routes = await importDist('mock/wechat/routes.js');
  const spec = await importDist('contracts/load-spec.js');
  // Each call is one unit of work, as a request is: its changes are committed, not left pending.
  const inUnit = (rule) => (mock, app, body) => simOf(mock).unit(() => rule(simOf(mock).ctx, app, body));
  return {
    /** Adds an app straight to the simulator, as POST /__mock/apps does. */
    addApp(mock, input) {
      const created = simOf(mock).createApp(input);
      if (!created.ok) throw new Error(created.message);
      return created.value;
    },
    messageIds: (app) => app.message_ids,
    /** The recipients a stored message counts: a number, whatever the fans. */
    audienceOf: (mock, msgId) => simOf(mock).store.messages.get(msgId).audience,
    sendAll: inUnit(sends.sendAll),
    massmsgget: inUnit(sends.massmsgget),
    setSpeed: inUnit(sends.setSpeed),
    massSend: inUnit(sends.massSend),
    getFollowers: inUnit(followers.getFollowers),
    getTagFans: inUnit(tags.getTagFans),
    batchUntagging: inUnit(tags.batchUntagging),
    /** The openid of the app's fan `index`, as the app derives it: a cursor into any page. */
    openidOf: (app, index) => codec.openidCodec(app).encode([index])[0],
    /** `handle(path, { method, query, body })` answers `{ body, … }` as /cgi-bin would, minus HTTP; `body` is a Buffer. */
    wechatHandler(mock) {
      const handler = wechat.createWechatHandler(simOf(mock), spec.documentedErrcodes);
      return (path, { method, query, body }) =>
        handler(routes.routeFor(path), { method, path, query, body, text: body.toString('utf8'), contentType: 'application/json', host: undefined, tunnel: undefined, forcedErrcode: undefined });
    },
    /** Moves the mock's clock on by `ms`, settling every send that ends meanwhile. */
    advance(mock, ms) {
      const advanced = simOf(mock).advance(ms);
      if (!advanced.ok) throw new Error(advanced.message);
    },
  };
}

/** What GET /__mock/state?appid= builds for one app (every message, no limit). */
export async function loadStateView() {
  const views = await importDist('mock/control/views.js');
  return (mock, app) => views.stateView(simOf(mock), { appid: app.appid });
}
