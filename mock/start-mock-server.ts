/**
 * startMockServer: createApp plus a listening HTTP server, on 127.0.0.1 and a free port unless told
 * otherwise, with the control client pointed at it; with `intercept`, also the proxy and the CA
 * that make it WeChat's hosts for a client process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type MockApp, type MockOptions } from './create-app.js';
import { StateWriteError } from './domain/changes.js';
import { createControlClient, type ControlClient } from './control/control-client.js';
import { isLoopbackAddress } from './http/is-loopback-address.js';
import type { InterceptInfo, InterceptSetup } from './intercept/prepare-intercept.js';

export interface ServerOptions extends MockOptions {
  /** Default 0: a free port. */
  port?: number;
  /**
   * Receives one line per request (time, method, path, status, duration): never the query or the
   * body, so no token or secret. Off by default; the CLI's --log-level debug turns it on.
   */
  requestLog?: (line: string) => void;
  /**
   * Intercept mode: the server is also a forward proxy that answers for WeChat's hosts (HTTPS by
   * CONNECT, with certificates from its own name-constrained CA; plain HTTP by absolute form) and
   * refuses every other host. Beyond loopback it needs `controlToken`.
   */
  intercept?: boolean;
  /** Where the CA and the client files live; default ~/.wechat-mass-mock/ca. */
  caDir?: string;
  /** The intercepted hosts, replacing the default list (WeChat's API hosts). */
  interceptHosts?: string[];
}

export interface MockServer {
  url: string;
  app: MockApp;
  server: Server;
  control: ControlClient;
  /** With `intercept`: the hosts, the CA folder and files, and the environment a client process needs. */
  intercept: InterceptInfo | undefined;
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

/** Loaded only in intercept mode: the certificate library is the largest thing the mock would load. */
async function prepareIntercept(options: ServerOptions, app: MockApp): Promise<InterceptSetup> {
  const { prepareIntercept } = await import('./intercept/prepare-intercept.js');
  return prepareIntercept({ hosts: options.interceptHosts, caDir: options.caDir, journal: app.mock.journal });
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Where a client on this machine reaches the server: loopback when it is bound to every address. */
function proxyUrl(host: string, port: number): string {
  return urlOf(host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host, port);
}

export async function startMockServer(options: ServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.intercept && !isLoopbackAddress(host) && options.controlToken === undefined) {
    throw new Error(`intercept mode on ${host} would answer for WeChat's hosts beyond this machine: give controlToken too, or bind 127.0.0.1`);
  }
  const app = createApp(options);
  const { listener } = app.mock;
  // A start that fails lets go of the state file it opened.
  const failed = (err: unknown): never => {
    app.mock.stateFile?.close();
    throw err;
  };
  const intercept = options.intercept ? await prepareIntercept(options, app).catch(failed) : undefined;
  const proxy = intercept?.proxy;
  // The listener itself, not the Express shell around it: Express's router would cost about a third of the throughput.
  // Node checks those timeouts every connectionsCheckingInterval (30 s by default); every second drops a staller on time.
  const { requestLog } = options;
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 }, (req, res) => {
    if (requestLog) logRequest(req, res, requestLog);
    if (proxy && !proxy.admit(req, res)) return;
    listener(req, res);
  });
  proxy?.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      // Here, before the server reads any request: env.sh is whole before the first answer.
      if (intercept) app.mock.intercept = intercept.publish(proxyUrl(host, (server.address() as AddressInfo).port));
      resolve();
    });
  }).catch(failed);
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
  const url = urlOf(host, port);
  return {
    url,
    app,
    server,
    control: createControlClient(url, options.controlToken),
    intercept: app.mock.intercept,
    close: async () => {
      clearInterval(ticker);
      proxy?.close();
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
