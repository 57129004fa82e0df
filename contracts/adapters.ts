/** Turn what HTTP clients return into the kit's Exchange: the status, the headers and the raw body text. */
import type { Exchange, HeadersLike } from './validate-exchange.js';

/** The part of a supertest (superagent) response the kit reads. */
export interface SupertestLike {
  readonly status: number;
  readonly headers: HeadersLike;
  /** Superagent leaves text unset for media types it does not buffer as text; body is then a Buffer. */
  readonly text?: string;
  readonly body?: unknown;
}

/** Reads a clone, so the caller can still read the body (`res.json()`) after checking it. */
export async function fromFetchResponse(res: Response): Promise<Exchange> {
  if (res.bodyUsed) throw new TypeError('the Response body was already read; check the contract before calling res.json() or res.text()');
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.clone().text() };
}

export function fromSupertest(res: SupertestLike): Exchange {
  const body = typeof res.text === 'string' ? res.text : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '';
  return { status: res.status, headers: res.headers, body };
}

function isFetchResponse(value: unknown): value is Response {
  return value instanceof Response;
}

/** Any of the responses the kit accepts, as an Exchange: a fetch Response (hence the Promise), a supertest response or an Exchange. */
export function toExchange(value: unknown): Exchange | Promise<Exchange> {
  if (isFetchResponse(value)) return fromFetchResponse(value);
  const candidate = value as Partial<SupertestLike & Exchange> | null;
  if (candidate && typeof candidate === 'object' && typeof candidate.status === 'number' && typeof candidate.headers === 'object') {
    if (typeof candidate.body === 'string' && candidate.text === undefined) return candidate as Exchange;
    return fromSupertest(candidate as SupertestLike);
  }
  throw new TypeError(`expected a fetch Response, a supertest response or { status, headers, body }, got ${value === null ? 'null' : typeof value}`);
}
