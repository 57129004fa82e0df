import type { ReadForm } from './read-multipart.js';

/** One request to a WeChat operation, as the request path carries it, transport-neutral. */
export interface WechatRequest {
  method: string;
  /** The path, without the query. */
  path: string;
  /** The query string, without '?'. */
  query: string;
  /** The raw body, bytes as received (an upload is not UTF-8); empty when none was sent. */
  body: Buffer;
  /** The body as UTF-8 text ('' when empty, or when it is a multipart form). */
  text: string;
  /** The Content-Type header, when one was sent (some SDKs send none with a JSON body). */
  contentType: string | undefined;
  /** A multipart route's non-empty body as read by `readMultipart` (which is asynchronous, so the transport reads it first). */
  form?: ReadForm | undefined;
  /** The Host header, as the client sent it (with its port, if any). */
  host: string | undefined;
  /** Set when the request came through a proxy tunnel (CONNECT): the host the client asked for. */
  tunnel: { host: string } | undefined;
  /** X-Mock-Errcode, when the caller asked for one error on this call. */
  forcedErrcode: string | undefined;
}
