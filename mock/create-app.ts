/**
 * createApp: one mock, with its own simulator, as an Express app whose every request goes through
 * the one request path (`mock.listener`). No side effects: nothing listens, nothing reads the
 * environment; the CLI and startMockServer do the wiring.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { validateExchange } from '../contracts/validate-exchange.js';
import type { Violation } from '../contracts/violations.js';
import { documentedErrcodes, operationIds } from '../contracts/load-spec.js';
import { controlRouter } from './control/control-router.js';
import type { AppInput } from './domain/app-settings.js';
import { createClock, type Clock, type ClockOptions } from './domain/clock.js';
import { createSimulator, type Simulator } from './domain/simulator.js';
import { startupTagsProblem } from './domain/tag-settings.js';
import { createFaults, type Faults } from './harness/faults.js';
import { createJournal, type Journal } from './harness/journal.js';
import type { InterceptInfo } from './intercept/prepare-intercept.js';
import { createAdmission } from './http/admit-request.js';
import { answerUnexpected } from './http/answer-unexpected.js';
import { createRequestListener, type RequestListener } from './http/request-listener.js';
import { sendError } from './http/send-json.js';
import { serveWechat } from './http/serve-wechat.js';
import { attachStateFile, type StateFileHandle } from './persistence/attach-state-file.js';
import type { StateFileIo } from './persistence/state-log.js';
import { CallbackConfigError, startupCallbackProblem } from './push/callback-rules.js';
import { createPushService, pushJournalRecord, type PushService } from './push/push-service.js';
import { createWechatHandler, type WechatAnswer } from './wechat/handle-wechat.js';

export interface MockOptions {
  /** A clock, or how to make one; default: the real, unscaled clock. Tests pass `{ mode: 'manual' }`. */
  clock?: Clock | ClockOptions;
  /** Seeds every id, token and rid; default: random. */
  seed?: number;
  /** Apps besides the default one (appid wx0000000000000001, secret mocksecret). */
  apps?: AppInput[];
  /** When set, the control API demands `Authorization: Bearer <token>`. */
  controlToken?: string;
  /**
   * The address the mock is served on (startMockServer binds it); default 127.0.0.1, which is also
   * what createApp under supertest counts as. On loopback, or without a control token, only the Host
   * names 127.0.0.1, localhost, [::1] and `allowedHosts` are answered (against DNS rebinding); beyond
   * loopback with a token, any Host unless `allowedHosts` is given.
   */
  host?: string;
  /** Host names answered besides the loopback ones (the CLI's --allowed-hosts); `.example.test` admits it and its subdomains. */
  allowedHosts?: string[];
  /**
   * Origins (`http://localhost:5173`) whose pages may change the mock through /__mock, besides the
   * mock's own page (the CLI's --allowed-origins). Requests without Origin (curl, SDKs) are not asked.
   */
  allowedOrigins?: string[];
  /**
   * Checks every /cgi-bin answer against openapi.yaml before it leaves; a violation is answered as
   * HTTP 500 {"error":"contract_violation"} and kept in `mock.violations`, so tests fail loudly.
   */
  validateResponses?: boolean;
  /** How many entries the request journal keeps, the oldest dropped first; default 10,000, 0 keeps none. */
  journalLimit?: number;
  /**
   * Lets callback URLs leave loopback (the CLI's --allow-remote-callbacks). Off: a callback URL must
   * be 127.0.0.0/8, ::1 or localhost, so the mock can never be made to POST into another network.
   */
  allowRemoteCallbacks?: boolean;
  /**
   * Keeps the state (apps, tokens, speeds, messages, clock) in this file across restarts: restored
   * at start, every change appended before its answer goes out. Without it the mock is memory only.
   */
  stateFile?: string;
  /** Where the mock says what went wrong outside a request (a state file it cannot write); default stderr. */
  warn?: (line: string) => void;
  /** For tests: the file operations the state file uses, e.g. one that fails like a full disk. */
  stateFileIo?: StateFileIo;
}

export interface ResponseViolation {
  operationId: string;
  violations: Violation[];
}

export interface MockApp extends Express {
  /** `push` delivers the MASSSENDJOBFINISH events; close it (startMockServer's close does) to cancel pending ones. */
  mock: {
    sim: Simulator;
    violations: ResponseViolation[];
    push: PushService;
    faults: Faults;
    journal: Journal;
    stateFile: StateFileHandle | undefined;
    /** The one request path (admission, then /cgi-bin or the control API); the app runs every request through it, and startMockServer serves it directly. */
    listener: RequestListener;
    /** Set by startMockServer in intercept mode; GET /__mock/intercept shows it. */
    intercept?: InterceptInfo;
  };
}

function isClock(clock: Clock | ClockOptions): clock is Clock {
  return typeof (clock as Clock).now === 'function';
}

export function createApp(options: MockOptions = {}): MockApp {
  const clock = options.clock && isClock(options.clock) ? options.clock : createClock(options.clock);
  const allowRemoteCallbacks = options.allowRemoteCallbacks ?? false;
  const callbackProblem = startupCallbackProblem(options.apps ?? [], allowRemoteCallbacks);
  if (callbackProblem) throw new CallbackConfigError(callbackProblem);
  const tagsProblem = startupTagsProblem(options.apps ?? []);
  if (tagsProblem) throw new TypeError(tagsProblem);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const sim = createSimulator({ clock, seed, apps: options.apps });
  const stateFile = options.stateFile === undefined ? undefined : attachStateFile(sim, options.stateFile, seed, { io: options.stateFileIo, warn: options.warn });
  const violations: ResponseViolation[] = [];
  const faults = createFaults({ operations: operationIds, documented: documentedErrcodes, hasApp: (appid) => sim.store.apps.has(appid) });
  const journal = createJournal({
    limit: options.journalLimit,
    now: (appid) => {
      const known = appid === null ? undefined : sim.store.apps.get(appid);
      return known ? sim.appNow(known) : clock.now();
    },
  });
  const handler = createWechatHandler(sim, documentedErrcodes, faults);
  // Subscribes to sim.onFinish; it sends nothing until a send with a callback URL ends.
  const push = createPushService({ sim });
  // Every push attempt is journaled as direction "out" (operation MASSSENDJOBFINISH).
  push.onAttempt((attempt, message) => journal.record(pushJournalRecord(attempt, message)));
  const inspect = (answer: WechatAnswer, contentType: string, text: string) => {
    const found = validateExchange(answer.operationId, { status: 200, headers: { 'content-type': contentType }, body: text });
    if (found.length === 0) return undefined;
    violations.push({ operationId: answer.operationId, violations: found });
    return { status: 500, body: { error: 'contract_violation', operationId: answer.operationId, violations: found } };
  };

  const control = express();
  control.disable('x-powered-by');
  control.disable('etag');
  control.use('/__mock', controlRouter({ sim, allowRemoteCallbacks, faults, journal, intercept: () => app.mock.intercept }));
  control.use((req: Request, res: Response) => sendError(res, 404, 'not_found', `nothing at ${req.method} ${req.path}: WeChat operations live under /cgi-bin, the control API under /__mock`));
  control.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => answerUnexpected(res, err));

  const listener = createRequestListener({
    admit: createAdmission({ host: options.host, controlToken: options.controlToken, allowedHosts: options.allowedHosts, allowedOrigins: options.allowedOrigins }),
    wechat: serveWechat({ handler, journal, inspect: options.validateResponses ? inspect : undefined, grouping: stateFile }),
    control,
  });
  // The app is only a shell around the listener, for supertest and for mounting in another Express app.
  const app = express() as unknown as MockApp;
  app.disable('x-powered-by');
  app.use((req: Request, res: Response) => listener(req, res));
  app.mock = { sim, violations, push, faults, journal, stateFile, listener };
  return app;
}
