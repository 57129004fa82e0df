/**
 * startMockServer: createApp plus a listening HTTP server, on 127.0.0.1 and a free port unless told
 * otherwise, with the control client pointed at it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type MockApp, type MockOptions } from './app.js';
import { createControlClient, type ControlClient } from './control-client.js';

export interface ServerOptions extends MockOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface MockServer {
  url: string;
  app: MockApp;
  server: Server;
  control: ControlClient;
  close(): Promise<void>;
}

/** Slow or stalled clients cannot hold the server: headers within 10 s, a whole request within 30 s. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export async function startMockServer(options: ServerOptions = {}): Promise<MockServer> {
  const app = createApp(options);
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    app,
    server,
    control: createControlClient(url, options.controlToken),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
