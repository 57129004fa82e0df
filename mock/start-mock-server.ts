/**
 * startMockServer: createApp plus a listening HTTP server, on 127.0.0.1 and a free port unless told
 * otherwise, with the control client pointed at it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type MockApp, type MockOptions } from './create-app.js';
import { StateWriteError } from './domain/changes.js';
import { createControlClient, type ControlClient } from './control/control-client.js';

export interface ServerOptions extends MockOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Receives one line per request (time, method, path, status, duration): never the query or the
   * body, so no token or secret. Off by default; the CLI's --log-level debug turns it on.
   */
  requestLog?: (line: string) => void;
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
/**
 * On the real clock sends end by themselves: this often, the simulator settles what is in flight, so
 * a send ends (and its event is pushed) without anyone asking. On the manual clock, moving the clock
 * settles them instead.
 */
const TICK_MS = 250;

function logRequest(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const started = performance.now();
  res.once('finish', () => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    log(`${new Date().toISOString()} ${req.method ?? '-'} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
  });
}

export async function startMockServer(options: ServerOptions = {}): Promise<MockServer> {
  const app = createApp(options);
  const { listener } = app.mock;
  // The listener itself, not the Express shell around it: Express's router would cost about a third of the throughput.
  // Node checks those timeouts every connectionsCheckingInterval (30 s by default); every second drops a staller on time.
  const { requestLog } = options;
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 }, (req, res) => {
    if (requestLog) logRequest(req, res, requestLog);
    listener(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    app.mock.stateFile?.close();
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  const sim = app.mock.sim;
  // unref: the tick alone never keeps the process alive.
  const tick = () => {
    try {
      sim.tick();
    } catch (err) {
      // The state file could not take what the tick ended (it said why): those sends end at a later tick.
      if (!(err instanceof StateWriteError)) throw err;
    }
  };
  const ticker = sim.clock.mode === 'real' ? setInterval(tick, TICK_MS).unref() : undefined;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    app,
    server,
    control: createControlClient(url, options.controlToken),
    close: async () => {
      clearInterval(ticker);
      // Pending event pushes are cancelled (their AbortSignal fires), so none keeps the process alive.
      await app.mock.push.close();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      app.mock.stateFile?.close();
    },
  };
}
