/** GET /__mock/intercept and /__mock/intercept/ca.pem: what intercept mode is, and its CA to trust. */
import { Router } from 'express';
import type { InterceptInfo } from '../intercept/prepare-intercept.js';
import { sendError, sendJson, sendText } from '../http/send-json.js';

/** `intercept` reads the mode at each request: startMockServer sets it once the port is known. */
export function interceptRoutes(intercept: () => InterceptInfo | undefined): Router {
  const router = Router();

  router.get('/intercept', (_req, res) => {
    const info = intercept();
    if (!info) return sendJson(res, 200, { enabled: false });
    sendJson(res, 200, { enabled: true, hosts: info.hosts, ca_dir: info.caDir, files: info.files, env: info.env });
  });

  router.get('/intercept/ca.pem', (_req, res) => {
    const info = intercept();
    if (!info) return sendError(res, 404, 'not_found', 'intercept mode is off: start the mock with --intercept (WXMOCK_INTERCEPT=1)');
    sendText(res, 'application/x-pem-file', info.caPem);
  });

  return router;
}
