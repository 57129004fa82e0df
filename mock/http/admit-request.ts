/**
 * The admission step: what every request passes before it is routed, whichever way it came in.
 * Today: with a control token set, every /__mock route but the health check and the dashboard page
 * demands `Authorization: Bearer <token>` (the page asks for the token, then sends it on every call).
 */
import type { IncomingMessage } from 'node:http';

export interface AdmissionOptions {
  controlToken?: string | undefined;
}

export interface Refusal {
  status: number;
  error: string;
  message: string;
}

/** The path under /__mock as Express's router matches it (case-insensitive, a trailing slash ignored); undefined elsewhere. */
function controlPath(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower !== '/__mock' && !lower.startsWith('/__mock/')) return undefined;
  const rest = lower.slice('/__mock'.length);
  return rest.length > 1 && rest.endsWith('/') ? rest.slice(0, -1) : rest;
}

function isOpenToAll(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path === '/health' || path === '' || path === '/' || path.startsWith('/dashboard/');
}

export function createAdmission({ controlToken }: AdmissionOptions): (req: IncomingMessage, path: string) => Refusal | undefined {
  return (req, path) => {
    if (controlToken === undefined) return undefined;
    const control = controlPath(path);
    if (control === undefined || isOpenToAll(req.method ?? 'GET', control)) return undefined;
    if (req.headers.authorization === `Bearer ${controlToken}`) return undefined;
    return { status: 401, error: 'unauthorized', message: 'this mock has a control token: send Authorization: Bearer <token>' };
  };
}
