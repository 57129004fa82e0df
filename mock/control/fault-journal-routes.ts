/**
 * The control API's faults and request journal: POST/GET/DELETE /__mock/faults and
 * GET/DELETE /__mock/requests. Each route parses, calls the domain object once, and sends.
 */
import { Router } from 'express';
import { checkControlInput } from './check-control-input.js';
import { faultView, type FaultInput, type Faults } from '../harness/faults.js';
import type { Journal, JournalFilter } from '../harness/journal.js';
import { jsonBody, queryParams } from './read-control-input.js';
import { sendError, sendJson } from '../http/send-json.js';
import { sendRefusal } from './send-refusal.js';

export interface FaultJournalOptions {
  faults: Faults;
  journal: Journal;
}

export function faultJournalRoutes({ faults, journal }: FaultJournalOptions): Router {
  const router = Router();

  router.post('/faults', async (req, res) => {
    const body = await jsonBody(req, res);
    if (!body) return;
    const problem = checkControlInput('FaultInput', body);
    if (problem) return sendError(res, 400, 'invalid_request', problem);
    const added = faults.add(body as FaultInput);
    if (!added.ok) return sendRefusal(res, added);
    sendJson(res, 201, faultView(added.value));
  });

  router.get('/faults', (_req, res) => sendJson(res, 200, { faults: faults.list().map(faultView) }));

  router.delete('/faults', (req, res) => sendJson(res, 200, { ok: true, removed: faults.clear(queryParams(req).appid) }));

  router.get('/requests', (req, res) => {
    const filter = queryParams(req);
    const problem = checkControlInput('JournalFilter', filter, 'query');
    if (problem) return sendError(res, 400, 'invalid_request', problem.startsWith('query.since') ? `${problem}: since is an ISO time such as 2026-11-22T00:00:00Z` : problem);
    const { operation, appid, since, direction } = filter as JournalFilter;
    const requests = journal.list({ operation, appid, direction, since: since === undefined ? undefined : Date.parse(since) });
    sendJson(res, 200, { requests, dropped: journal.dropped });
  });

  router.delete('/requests', (req, res) => sendJson(res, 200, { ok: true, removed: journal.clear(queryParams(req).appid) }));

  return router;
}
