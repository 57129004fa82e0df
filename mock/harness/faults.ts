/**
 * Faults: standing instructions to break the next N calls of one operation, for every app or one.
 * An errcode fault answers WeChat's body for that code; http_status answers that status instead of
 * WeChat's; delay_ms holds the real answer; reset drops the connection without answering. Plain
 * data, no HTTP: the WeChat handler takes a matching fault, the transport applies it.
 */
import type { components } from '../generated/control.js';
import { done, refuse, type ControlResult } from '../domain/control-result.js';
import { isCatalogued } from '../domain/errors.js';

export type FaultInput = components['schemas']['FaultInput'];
export type FaultView = components['schemas']['Fault'];

/** What a fault does, exactly one of the input's four fields. */
export type FaultAction = { kind: 'errcode'; errcode: number } | { kind: 'http_status'; status: number } | { kind: 'delay_ms'; ms: number } | { kind: 'reset' };

export interface Fault {
  /** `fault_<n>`, in creation order. */
  id: string;
  operation: string;
  /** Only this app's calls; null for every app. */
  appid: string | null;
  action: FaultAction;
  /** Calls it still breaks; the fault is gone at 0. */
  times: number;
}

export interface FaultsOptions {
  /** The operationIds a fault may name (openapi.yaml's). */
  operations: readonly string[];
  /** The errcodes an operation documents: the only ones an errcode fault may answer. */
  documented: (operation: string) => readonly number[];
  /** Whether an app exists, so a fault cannot name an appid nobody will ever call with. */
  hasApp: (appid: string) => boolean;
}

export interface Faults {
  /** Active faults; the WeChat handler looks no further when this is 0, so faults cost nothing unused. */
  readonly count: number;
  add(input: FaultInput): ControlResult<Fault>;
  /** The first fault (in creation order) for `operation` and this app or every app; uses one of its times. */
  take(operation: string, appid: string): Fault | undefined;
  list(): Fault[];
  /** Removes every fault, or those naming `appid` (faults for every app stay); answers how many went. */
  clear(appid?: string): number;
}

const ACTIONS = ['errcode', 'http_status', 'delay_ms', 'reset'] as const;

export function createFaults(options: FaultsOptions): Faults {
  let faults: Fault[] = [];
  let serial = 0;

  const actionOf = (input: FaultInput): ControlResult<FaultAction> => {
    const given = ACTIONS.filter((name) => input[name] !== undefined);
    if (given.length !== 1) {
      return refuse('invalid_request', `give exactly one of errcode, http_status, delay_ms or reset${given.length ? `, not ${given.join(' and ')}` : ''}`);
    }
    if (input.errcode !== undefined) {
      const documented = options.documented(input.operation);
      if (!documented.includes(input.errcode) || !isCatalogued(input.errcode)) {
        return refuse(
          'invalid_request',
          `errcode ${input.errcode} is not one ${input.operation} documents (openapi.yaml lists ${documented.join(', ')}); use http_status, delay_ms or reset for failures outside WeChat's answers`,
        );
      }
      return done({ kind: 'errcode', errcode: input.errcode });
    }
    if (input.http_status !== undefined) return done({ kind: 'http_status', status: input.http_status });
    if (input.delay_ms !== undefined) return done({ kind: 'delay_ms', ms: input.delay_ms });
    return done({ kind: 'reset' });
  };

  return {
    get count() {
      return faults.length;
    },
    add(input) {
      if (!options.operations.includes(input.operation)) {
        return refuse('invalid_request', `no operation "${input.operation}"; known: ${options.operations.join(', ')}`);
      }
      if (input.appid !== undefined && !options.hasApp(input.appid)) return refuse('not_found', `no app ${input.appid}`);
      const action = actionOf(input);
      if (!action.ok) return action;
      serial += 1;
      const fault: Fault = { id: `fault_${serial}`, operation: input.operation, appid: input.appid ?? null, action: action.value, times: input.times ?? 1 };
      faults.push(fault);
      return done(fault);
    },
    take(operation, appid) {
      const index = faults.findIndex((fault) => fault.operation === operation && (fault.appid === null || fault.appid === appid));
      const fault = faults[index];
      if (!fault) return undefined;
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(index, 1);
      return fault;
    },
    list: () => [...faults],
    clear(appid) {
      const before = faults.length;
      faults = appid === undefined ? [] : faults.filter((fault) => fault.appid !== appid);
      return before - faults.length;
    },
  };
}

/** The control API's view: the input's shape, with the id and the times still left. */
export function faultView(fault: Fault): FaultView {
  const view: FaultView = { id: fault.id, operation: fault.operation, appid: fault.appid, times: fault.times };
  const { action } = fault;
  if (action.kind === 'errcode') view.errcode = action.errcode;
  else if (action.kind === 'http_status') view.http_status = action.status;
  else if (action.kind === 'delay_ms') view.delay_ms = action.ms;
  else view.reset = true;
  return view;
}
