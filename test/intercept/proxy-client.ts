/**
 * A client of intercept mode's proxy, as raw as the tests need: CONNECT (optionally with the TLS
 * ClientHello in the same write), TLS over the tunnel, and one HTTP/1.1 request on a socket.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';

export interface HttpAnswer {
  status: number;
  headers: string;
  body: string;
}

function parseAnswer(text: string): HttpAnswer {
  const end = text.indexOf('\r\n\r\n');
  const headers = end === -1 ? text : text.slice(0, end);
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1] ?? 0), headers, body: end === -1 ? '' : text.slice(end + 4) };
}

/** Opens a TCP connection to the proxy; the tests that spy on net and dns open it before they spy. */
export async function dialProxy(proxyUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(proxyUrl);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  return socket;
}

/** Sends `CONNECT authority` on `socket`; answers the proxy's whole answer when it refuses, the head alone on 200 (the socket is then the tunnel). */
export function sendConnect(socket: Socket, authority: string): Promise<HttpAnswer> {
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      socket.off('data', onData);
      socket.off('end', done);
      socket.off('error', reject);
      socket.pause();
      resolve(parseAnswer(text));
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.startsWith('HTTP/1.1 200') && text.includes('\r\n\r\n')) done();
    };
    socket.on('data', onData);
    socket.once('end', done);
    socket.once('error', reject);
  });
}

/**
 * CONNECT, then TLS over the tunnel. `pipelined` sends the ClientHello in the same write as the
 * CONNECT, before the proxy has answered, as some clients do.
 */
export async function openTunnel(proxyUrl: string, authority: string, tls: ConnectionOptions & { pipelined?: boolean }): Promise<TLSSocket> {
  const { pipelined, ...options } = tls;
  const socket = await dialProxy(proxyUrl);
  if (!pipelined) {
    const answer = await sendConnect(socket, authority);
    if (answer.status !== 200) throw new Error(`CONNECT answered ${answer.status}`);
    return secure(connectTls({ ...options, socket }));
  }
  // The TLS client writes through `wire`: its first write (the ClientHello) goes out behind the CONNECT; the 200's head is cut from what comes back.
  let sent = false;
  let head = '';
  const wire = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      socket.write(sent ? chunk : Buffer.concat([Buffer.from(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`), chunk]), done);
      sent = true;
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (head.endsWith('\r\n\r\n')) return wire.push(chunk);
    for (let i = 0; i < chunk.length; i++) {
      head += String.fromCharCode(chunk[i]!);
      if (head.endsWith('\r\n\r\n')) return wire.push(chunk.subarray(i + 1));
    }
  });
  socket.on('end', () => wire.push(null));
  socket.on('close', () => wire.destroy());
  return secure(connectTls({ ...options, socket: wire as unknown as Socket }));
}

async function secure(tls: TLSSocket): Promise<TLSSocket> {
  await once(tls, 'secureConnect');
  return tls;
}

/** One request with `Connection: close`, read to the end. */
export async function requestOn(socket: Duplex, host: string, path: string, method = 'GET'): Promise<HttpAnswer> {
  socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  let text = '';
  for await (const chunk of socket) text += (chunk as Buffer).toString('utf8');
  return parseAnswer(text);
}
