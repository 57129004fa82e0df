/**
 * The forward proxy on the mock's own port, failing closed: `CONNECT host:443` for an intercepted
 * host is answered by terminating TLS with that host's leaf and handing the decrypted stream to the
 * same HTTP server, so its requests take the one request path; an absolute-form request
 * (`GET http://host/…`) for an intercepted host on port 80 is served as if sent to the mock. Anything
 * else is answered 403 host_not_intercepted (a TLS server name other than the CONNECT host fails the
 * handshake) and journaled as refused. Nothing here opens a connection or resolves a name: there is
 * no way out of the mock.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import type { Journal } from '../harness/journal.js';
import { sendJson } from '../http/send-json.js';
import { markProxied, markTunnel } from '../http/tunnel.js';
import type { LeafIssuer } from './issue-leaf.js';

export interface InterceptProxyOptions {
  /** Already checked and in lower case (interceptHostList). */
  hosts: readonly string[];
  issuer: LeafIssuer;
  journal: Journal;
}

export interface InterceptProxy {
  /** Answers the server's CONNECT requests. */
  attach(server: Server): void;
  /**
   * Called with every request before the request listener: an absolute-form request for an
   * intercepted host has its URL cut to the path and its host marked; false when the request was
   * refused (and answered).
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /** Ends every tunnel, so the server can close. */
  close(): void;
}

const HTTPS_PORT = 443;
const HTTP_PORT = 80;
/** A scheme and `//`: the absolute form a client uses when it talks to a proxy. */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `host:port`, with an IPv6 address in brackets, as a request line names it. */
function authority(host: string, port: number | string): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** `host:port` or `[v6]:port`, as CONNECT names its target; undefined when it is neither. */
function connectTarget(authority: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]/@\s]+)):([0-9]{1,5})$/i.exec(authority);
  if (!match) return undefined;
  return { host: (match[1] ?? match[2]!).toLowerCase().replace(/\.$/, ''), port: Number(match[3]) };
}

export function createInterceptProxy({ hosts, issuer, journal }: InterceptProxyOptions): InterceptProxy {
  const intercepted = new Set(hosts);
  const sockets = new Set<Duplex>();

  const journalRefusal = (method: string, host: string, path: string, status: 403 | null) =>
    journal.record({ direction: 'refused', operation: null, appid: null, method, path, host, errcode: null, status });

  /** Journals a refusal answered with HTTP 403, and answers its body. */
  const refuse = (method: string, host: string, path: string) => {
    journalRefusal(method, host, path, 403);
    return {
      error: 'host_not_intercepted',
      host,
      message:
        `wechat-mass-mock refused ${path}: intercept mode answers only ${hosts.join(', ')} (HTTPS on port ${HTTPS_PORT} by CONNECT, ` +
        `plain HTTP on port ${HTTP_PORT}) and forwards nothing. To intercept another host, give the whole list with --intercept-hosts (WXMOCK_INTERCEPT_HOSTS).`,
    };
  };

  const terminate = (server: Server, socket: Socket, head: Buffer, host: string) => {
    issuer.contextFor(host).then(
      (secureContext) => {
        if (socket.destroyed) return;
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        // A client may send its ClientHello with the CONNECT; the TLS socket reads what is buffered first.
        if (head.length > 0) socket.unshift(head);
        const tls = new TLSSocket(socket, {
          isServer: true,
          secureContext,
          ALPNProtocols: ['http/1.1'],
          // The name the client verifies must be the one it asked the proxy for; no SNI at all gets the CONNECT host's leaf.
          SNICallback: (servername, done) => {
            const name = servername.toLowerCase().replace(/\.$/, '');
            if (name === host) return done(null, secureContext);
            // No HTTP answer: the handshake fails.
            journalRefusal('CONNECT', name, authority(host, HTTPS_PORT), null);
            done(new Error(`TLS server name ${servername} differs from the CONNECT host ${host}`));
          },
        });
        markTunnel(tls, host);
        // From here the HTTP server owns it, with its own 'error' handling, as for any connection.
        server.emit('connection', tls);
      },
      () => socket.destroy(),
    );
  };

  return {
    attach(server) {
      server.on('connect', (req: IncomingMessage, duplex: Duplex, head: Buffer) => {
        // A CONNECT socket is always a net.Socket; the type says Duplex for custom servers.
        const socket = duplex as Socket;
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        // An ECONNRESET on a tunnel must not become an unhandled 'error' that ends the process.
        socket.on('error', () => socket.destroy());
        const asked = req.url ?? '';
        const target = connectTarget(asked);
        if (target && target.port === HTTPS_PORT && intercepted.has(target.host)) return terminate(server, socket, head, target.host);
        const text = JSON.stringify(refuse('CONNECT', target?.host ?? asked, target ? authority(target.host, target.port) : asked));
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
      });
    },

    admit(req, res) {
      const url = req.url ?? '/';
      if (!ABSOLUTE_FORM.test(url)) return true;
      const target = URL.canParse(url) ? new URL(url) : undefined;
      if (!target) {
        // Only the authority is repeated: the rest may carry a secret.
        const asked = url.replace(ABSOLUTE_FORM, '').split(/[/?#]/, 1)[0]!;
        sendJson(res, 403, refuse(req.method ?? 'GET', asked, asked));
        return false;
      }
      const host = target.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
      if (target.protocol === 'http:' && target.port === '' && intercepted.has(host)) {
        req.url = `${target.pathname}${target.search}`;
        markProxied(req, host);
        return true;
      }
      const port = target.port || (target.protocol === 'https:' ? HTTPS_PORT : HTTP_PORT);
      sendJson(res, 403, refuse(req.method ?? 'GET', host, authority(host, port)));
      return false;
    },

    close() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
