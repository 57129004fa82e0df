/**
 * The dashboard: GET /__mock/ serves mock/dashboard/index.html, GET /__mock/dashboard/<file> its
 * script and stylesheet. Plain files shipped as they are (no build step), read once on first use.
 * The page calls the control API itself, with the control token it asks for when one is set.
 */
import { readFileSync } from 'node:fs';
import { Router, type Response } from 'express';
import { packageFile } from '../../contracts/package-file.js';
import { sendError } from '../http/send-json.js';

/** The only files served, with their types: nothing else under mock/ can be read through here. */
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

const SECURITY_HEADERS = {
  // Everything comes from the mock itself; no inline script, so injected text can never run.
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The page changes with the mock's version; always revalidate.
  'Cache-Control': 'no-cache',
};

export function dashboardRouter(): Router {
  const router = Router();
  const cache = new Map<string, Buffer>();

  const send = (res: Response, name: string) => {
    const type = ASSETS[name];
    if (type === undefined) return sendError(res, 404, 'not_found', `the dashboard has no file ${name}`);
    let content = cache.get(name);
    if (content === undefined) {
      content = readFileSync(packageFile(`mock/dashboard/${name}`));
      cache.set(name, content);
    }
    res.status(200).set({ ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(content.length) }).end(content);
  };

  router.get('/', (_req, res) => send(res, 'index.html'));
  router.get('/dashboard/:file', (req, res) => send(res, String(req.params.file)));
  return router;
}
