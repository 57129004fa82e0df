/**
 * Which requests arrived through intercept mode's proxy, and for which host: whoever terminates a
 * CONNECT tunnel marks its decrypted socket (every request read from it carries that host); an
 * absolute-form request (`GET http://host/…`) is marked on its own, since one plain connection may
 * carry requests for several hosts.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface Tunnel {
  host: string;
}

const tunnels = new WeakMap<Socket, Tunnel>();
const proxied = new WeakMap<IncomingMessage, Tunnel>();

export function markTunnel(socket: Socket, host: string): void {
  tunnels.set(socket, { host });
}

export function markProxied(req: IncomingMessage, host: string): void {
  proxied.set(req, { host });
}

export function tunnelOf(req: IncomingMessage): Tunnel | undefined {
  return proxied.get(req) ?? (req.socket ? tunnels.get(req.socket) : undefined);
}
