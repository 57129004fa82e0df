/**
 * The control API under /__mock: each route parses, calls one simulator operation, and sends.
 * Errors are HTTP 4xx {"error","message"}; the inputs are checked against mock/control.yaml.
 */
import { readFileSync } from 'node:fs';
import { Router, type Request, type Response } from 'express';
import { packageFile } from '../../contracts/package-file.js';
import { checkControlInput } from './check-control-input.js';
import type { AppInput } from '../domain/app-settings.js';
import type { Simulator } from '../domain/simulator.js';
import type { MassMessage } from '../domain/store.js';
import { appView, clockView, messageView, stateView } from './views.js';
import type { Faults } from '../harness/faults.js';
import type { Journal } from '../harness/journal.js';
import { faultJournalRoutes } from './fault-journal-routes.js';
import { interceptRoutes } from './intercept-routes.js';
import type { InterceptInfo } from '../intercept/prepare-intercept.js';
import type { AppPatch } from '../domain/update-app.js';
import { createAppChecked, updateAppChecked, type AppSetup } from './set-up-app.js';
import { dashboardRouter } from './dashboard-router.js';
import { jsonBody, queryParams } from './read-control-input.js';
import { sendError, sendJson, sendText } from '../http/send-json.js';
import { reply } from './send-refusal.js';

/** GET /__mock/state lists at most this many messages per app (the newest) unless ?messages= says otherwise: a mock holding a million would otherwise answer hundreds of MB. */
const DEFAULT_STATE_MESSAGES = 1000;

export interface ControlRouterOptions {
  sim: Simulator;
  /** The faults and the request journal (/__mock/faults, /__mock/requests); a reset clears them too. */
  faults?: Faults | undefined;
  journal?: Journal | undefined;
  /** Callback URLs may leave loopback (--allow-remote-callbacks). */
  allowRemoteCallbacks?: boolean | undefined;
  /** Intercept mode's description, once startMockServer has one (GET /__mock/intercept). */
  intercept?: (() => InterceptInfo | undefined) | undefined;
}

function queryString(req: Request, name: string): string | undefined {
  return queryParams(req)[name];
}

function msgIdParam(req: Request, res: Response): number | undefined {
  const raw = typeof req.params.msg_id === 'string' ? req.params.msg_id : '';
  if (/^[0-9]{1,16}$/.test(raw)) return Number(raw);
  sendError(res, 400, 'invalid_request', `msg_id must be digits, got "${raw}"`);
  return undefined;
}

export function controlRouter({ sim, allowRemoteCallbacks = false, faults, journal, intercept = () => undefined }: ControlRouterOptions): Router {
  const router = Router();
  const setup: AppSetup = { sim, allowRemoteCallbacks };
  const yamlFile = (name: string) => readFileSync(packageFile(name), 'utf8');

  router.get('/health', (_req, res) => sendJson(res, 200, { ok: true }));

  router.post('/reset', (req, res) => {
    const appid = queryString(req, 'appid');
    const result = sim.reset(appid);
    if (result.ok) {
      faults?.clear(appid);
      journal?.clear(appid);
    }
    reply(res, result, (value) => value);
  });

  if (faults && journal) router.use(faultJournalRoutes({ faults, journal }));
  router.use(interceptRoutes(intercept));

  router.get('/state', (req, res) => {
    const appid = queryString(req, 'appid');
    const limit = queryString(req, 'messages');
    if (limit !== undefined && !/^[0-9]{1,9}$/.test(limit)) return sendError(res, 400, 'invalid_request', 'messages must be a non-negative integer');
    if (appid !== undefined && !sim.store.apps.has(appid)) return sendError(res, 404, 'not_found', `no app ${appid}`);
    sendJson(res, 200, stateView(sim, { appid, messages: limit === undefined ? DEFAULT_STATE_MESSAGES : Number(limit) }));
  });

  router.post('/apps', async (req, res) => {
    const body = await jsonBody(req, res);
    if (!body) return;
    const problem = checkControlInput('AppInput', body);
    if (problem) return sendError(res, 400, 'invalid_request', problem);
    // A callback_url is verified (a GET the handler must echo) before the app exists.
    reply(res, await createAppChecked(setup, body as AppInput), (app) => appView(sim, app), 201);
  });

  router.patch('/apps/:appid', async (req, res) => {
    const body = await jsonBody(req, res);
    if (!body) return;
    const problem = checkControlInput('AppPatch', body);
    if (problem) return sendError(res, 400, 'invalid_request', problem);
    reply(res, await updateAppChecked(setup, String(req.params.appid), body as AppPatch), (app) => appView(sim, app));
  });

  router.get('/clock', (req, res) => {
    const appid = queryString(req, 'appid');
    const app = appid === undefined ? undefined : sim.store.apps.get(appid);
    if (appid !== undefined && !app) return sendError(res, 404, 'not_found', `no app ${appid}`);
    sendJson(res, 200, clockView(sim, app));
  });

  router.post('/clock', async (req, res) => {
    const body = await jsonBody(req, res);
    if (!body) return;
    const problem = checkControlInput('ClockMove', body);
    if (problem) return sendError(res, 400, 'invalid_request', problem);
    const { advance_ms, now, appid } = body as { advance_ms?: number; now?: string; appid?: string };
    if ((advance_ms === undefined) === (now === undefined)) return sendError(res, 400, 'invalid_request', 'give exactly one of advance_ms or now');
    const result = advance_ms !== undefined ? sim.advance(advance_ms, appid) : sim.setNow(Date.parse(now ?? ''), appid);
    reply(res, result, () => clockView(sim, appid === undefined ? undefined : sim.store.apps.get(appid)));
  });

  const viewOf = (message: MassMessage) => {
    const app = sim.store.apps.get(message.appid)!;
    return messageView(message, app, sim.appNow(app));
  };
  const end = (action: 'approve' | 'reject') =>
    router.post(`/messages/:msg_id/${action}`, (req, res) => {
      const msgId = msgIdParam(req, res);
      if (msgId === undefined) return;
      reply(res, sim[action](msgId), viewOf);
    });
  end('approve');
  end('reject');

  router.post('/messages/:msg_id/fail', async (req, res) => {
    const msgId = msgIdParam(req, res);
    if (msgId === undefined) return;
    const body = await jsonBody(req, res);
    if (!body) return;
    const problem = checkControlInput('FailInput', body);
    if (problem) return sendError(res, 400, 'invalid_request', `${problem}: status is "send fail" or err(N), e.g. err(20001)`);
    reply(res, sim.fail(msgId, (body as { status?: string }).status), viewOf);
  });

  // GET / and /dashboard/*: the dashboard page, exempt from the token (the page asks for it).
  router.use(dashboardRouter());

  router.get('/openapi.yaml', (_req, res) => sendText(res, 'application/yaml; charset=utf-8', yamlFile('openapi.yaml')));
  router.get('/control.yaml', (_req, res) => sendText(res, 'application/yaml; charset=utf-8', yamlFile('mock/control.yaml')));

  return router;
}
