/**
 * Which connections arrived through a proxy tunnel (CONNECT), and for which host: whoever terminates
 * the tunnel marks its socket, and every request read from it carries that host.
 */
import type { Socket } from 'node:net';

const tunnels = new WeakMap<Socket, { host: string }>();

export function markTunnel(socket: Socket, host: string): void {
  tunnels.set(socket, { host });
}

export function tunnelOf(socket: Socket | null): { host: string } | undefined {
  return socket ? tunnels.get(socket) : undefined;
}
