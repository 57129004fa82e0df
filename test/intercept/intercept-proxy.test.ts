/** Intercept mode's proxy in-process: what it serves, what it refuses, and that nothing leaves the mock. */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import dns from 'node:dns';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_APPID, DEFAULT_INTERCEPT_HOSTS, DEFAULT_SECRET, startMockServer, type MockServer } from '../../mock/index.js';
import { NODE_PRELOAD } from '../../mock/intercept/intercept-env.js';
import { dialProxy, openTunnel, requestOn, sendConnect } from './proxy-client.js';

const TOKEN_PATH = `/cgi-bin/token?grant_type=client_credential&appid=${DEFAULT_APPID}&secret=${DEFAULT_SECRET}`;

let mock: MockServer;
let ca: string;

/** A plain-HTTP proxy request: the absolute-form URL on the request line, as a client with HTTP_PROXY sends it. */
async function absoluteForm(url: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(mock.url);
  const req = request({ host: hostname, port, method, path: url, headers: { host: new URL(url).host } });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let body = '';
  for await (const chunk of res) body += (chunk as Buffer).toString();
  return { status: res.statusCode ?? 0, body };
}

beforeAll(async () => {
  mock = await startMockServer({ clock: { mode: 'manual' }, seed: 7, validateResponses: true, intercept: true, caDir: join(mkdtempSync(join(tmpdir(), 'wxmock-intercept-')), 'ca') });
  ca = mock.intercept!.caPem;
});

afterAll(() => mock.close());

afterEach(async () => {
  vi.restoreAllMocks();
  await mock.control.clearRequests();
});

describe('intercept mode: served', () => {
  it('answers a token request for api.weixin.qq.com through a CONNECT tunnel, with a certificate the CA signed for that host', async () => {
    const tunnel = await openTunnel(mock.url, 'api.weixin.qq.com:443', { servername: 'api.weixin.qq.com', ca });
    expect(tunnel.authorized).toBe(true);
    expect(tunnel.getPeerCertificate().subjectaltname).toBe('DNS:api.weixin.qq.com');
    const answer = await requestOn(tunnel, 'api.weixin.qq.com', TOKEN_PATH);
    expect(answer.status).toBe(200);
    expect(answer.headers).toContain('Content-Type: application/json; encoding=utf-8');
    expect(JSON.parse(answer.body)).toMatchObject({ access_token: expect.any(String), expires_in: 7200 });
  });

  it('journals a tunnelled call under the token\'s appid, with the real path and the host the client asked for', async () => {
    const tunnel = await openTunnel(mock.url, 'sh.api.weixin.qq.com:443', { servername: 'sh.api.weixin.qq.com', ca });
    await requestOn(tunnel, 'sh.api.weixin.qq.com', TOKEN_PATH);
    const [entry] = await mock.control.requests({ operation: 'getAccessToken' });
    expect(entry).toMatchObject({ direction: 'in', appid: DEFAULT_APPID, method: 'GET', path: '/cgi-bin/token', host: 'sh.api.weixin.qq.com', errcode: 0 });
    expect(entry!.query.secret).toBe('[redacted]');
  });

  it('serves a client that sends its ClientHello together with the CONNECT', async () => {
    const tunnel = await openTunnel(mock.url, 'api2.weixin.qq.com:443', { servername: 'api2.weixin.qq.com', ca, pipelined: true });
    expect((await requestOn(tunnel, 'api2.weixin.qq.com', TOKEN_PATH)).status).toBe(200);
  });

  it('issues each host its own leaf once, and serves it again to the next tunnel', async () => {
    const serial = async (host: string) => {
      const tunnel = await openTunnel(mock.url, `${host}:443`, { servername: host, ca });
      const certificate = tunnel.getPeerCertificate();
      tunnel.destroy();
      return { serial: certificate.serialNumber, san: certificate.subjectaltname };
    };
    const first = await serial('hk.api.weixin.qq.com');
    expect(await serial('hk.api.weixin.qq.com')).toEqual(first);
    const other = await serial('sz.api.weixin.qq.com');
    expect(other.san).toBe('DNS:sz.api.weixin.qq.com');
    expect(other.serial).not.toBe(first.serial);
  });

  it('negotiates http/1.1 when a client offers h2 first, and refuses a client that offers h2 alone', async () => {
    const tunnel = await openTunnel(mock.url, 'api.weixin.qq.com:443', { servername: 'api.weixin.qq.com', ca, ALPNProtocols: ['h2', 'http/1.1'] });
    expect(tunnel.alpnProtocol).toBe('http/1.1');
    tunnel.destroy();
    await expect(openTunnel(mock.url, 'api.weixin.qq.com:443', { servername: 'api.weixin.qq.com', ca, ALPNProtocols: ['h2'] })).rejects.toThrow(/no application protocol/i);
  });

  it('serves an absolute-form plain-HTTP request for file.api.weixin.qq.com as if sent to the mock, and journals its host', async () => {
    const answer = await absoluteForm(`http://file.api.weixin.qq.com${TOKEN_PATH}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).access_token).toEqual(expect.any(String));
    const [entry] = await mock.control.requests({ operation: 'getAccessToken' });
    expect(entry).toMatchObject({ path: '/cgi-bin/token', host: 'file.api.weixin.qq.com', appid: DEFAULT_APPID });
  });

  it('keeps the control API off the WeChat hosts: a tunnelled /__mock path answers 404', async () => {
    const tunnel = await openTunnel(mock.url, 'api.weixin.qq.com:443', { servername: 'api.weixin.qq.com', ca });
    const answer = await requestOn(tunnel, 'api.weixin.qq.com', '/__mock/state');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error).toBe('not_found');
    expect((await absoluteForm('http://api.weixin.qq.com/__mock/reset', 'POST')).status).toBe(404);
  });
});

describe('intercept mode: refused', () => {
  it('refuses a CONNECT to another host with 403 host_not_intercepted, journals it, and never resolves or dials it', async () => {
    // The test's own connection to the mock is made first: from here on, nothing may resolve or dial anything.
    const socket = await dialProxy(mock.url);
    const spies = [
      vi.spyOn(dns, 'lookup'),
      vi.spyOn(dns.promises, 'lookup'),
      vi.spyOn(dns, 'resolve'),
      vi.spyOn(net, 'connect'),
      vi.spyOn(net, 'createConnection'),
      vi.spyOn(tls, 'connect'),
    ];
    const answer = await sendConnect(socket, 'wechat-escape.invalid:443');
    const absolute = await absoluteForm('http://wechat-escape.invalid/cgi-bin/token');
    for (const spy of spies.slice(0, 3)) expect(spy).not.toHaveBeenCalled();
    // absoluteForm's own request dials the mock; nothing else may be dialled.
    for (const spy of spies.slice(3)) for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain('invalid');

    expect(answer.status).toBe(403);
    expect(answer.headers).toContain('Content-Type: application/json');
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({ error: 'host_not_intercepted', host: 'wechat-escape.invalid' });
    expect(body.message).toContain('--intercept-hosts');
    expect(absolute.status).toBe(403);
    expect(JSON.parse(absolute.body)).toMatchObject({ error: 'host_not_intercepted', host: 'wechat-escape.invalid' });
    expect(await mock.control.requests({ direction: 'refused' })).toEqual([
      expect.objectContaining({ direction: 'refused', operation: null, appid: null, method: 'CONNECT', path: 'wechat-escape.invalid:443', host: 'wechat-escape.invalid', status: 403 }),
      expect.objectContaining({ direction: 'refused', method: 'GET', path: 'wechat-escape.invalid:80', host: 'wechat-escape.invalid', query: {} }),
    ]);
  });

  it.each([
    ['CONNECT to port 80 of a WeChat host', 'api.weixin.qq.com:80'],
    ['CONNECT to port 8443 of a WeChat host', 'api.weixin.qq.com:8443'],
    ['CONNECT to an IP address', '127.0.0.1:443'],
    ['CONNECT to an IPv6 address', '[::1]:443'],
    ['CONNECT to a name below a WeChat host', 'x.api.weixin.qq.com:443'],
  ])('refuses a %s with 403', async (_what, authority) => {
    const answer = await sendConnect(await dialProxy(mock.url), authority);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toBe('host_not_intercepted');
    const [entry] = await mock.control.requests({ direction: 'refused' });
    expect(entry!.path).toBe(authority);
  });

  it.each([
    ['another port of a WeChat host', 'http://api.weixin.qq.com:8080/cgi-bin/token', 'api.weixin.qq.com:8080'],
    ['an https URL in absolute form', 'https://api.weixin.qq.com/cgi-bin/token', 'api.weixin.qq.com:443'],
    ['an IPv6 address', 'http://[::1]/cgi-bin/token', '[::1]:80'],
  ])('refuses an absolute-form request to %s with 403', async (_what, url, path) => {
    const answer = await absoluteForm(url);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toBe('host_not_intercepted');
    expect((await mock.control.requests({ direction: 'refused' }))[0]!.path).toBe(path);
  });

  it('refuses a TLS client whose server name differs from the CONNECT host, and journals the name it sent', async () => {
    await expect(openTunnel(mock.url, 'api.weixin.qq.com:443', { servername: 'wechat-escape.invalid', ca })).rejects.toThrow();
    expect(await mock.control.requests({ direction: 'refused' })).toEqual([
      expect.objectContaining({ method: 'CONNECT', path: 'api.weixin.qq.com:443', host: 'wechat-escape.invalid', status: null }),
    ]);
  });

  it('survives clients that reset a tunnel while its leaf is being made, during the handshake, or after it', async () => {
    // A mock of its own, so no leaf is cached yet: the reset lands while the proxy is still making it.
    const fresh = await startMockServer({ clock: { mode: 'manual' }, intercept: true, caDir: join(mkdtempSync(join(tmpdir(), 'wxmock-intercept-')), 'ca') });
    try {
      for (const host of ['api.weixin.qq.com', 'api2.weixin.qq.com', 'file.api.weixin.qq.com']) {
        const early = await dialProxy(fresh.url);
        early.write(`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        early.resetAndDestroy();
      }

      const handshake = await dialProxy(fresh.url);
      expect((await sendConnect(handshake, 'api.weixin.qq.com:443')).status).toBe(200);
      handshake.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01]));
      handshake.resetAndDestroy();

      const established = await dialProxy(fresh.url);
      expect((await sendConnect(established, 'api.weixin.qq.com:443')).status).toBe(200);
      const secured = tls.connect({ socket: established, servername: 'api.weixin.qq.com', ca: fresh.intercept!.caPem });
      await once(secured, 'secureConnect');
      secured.write('GET /cgi-bin/tok');
      established.resetAndDestroy();

      await new Promise((resolve) => setTimeout(resolve, 100));
      const tunnel = await openTunnel(fresh.url, 'api.weixin.qq.com:443', { servername: 'api.weixin.qq.com', ca: fresh.intercept!.caPem });
      expect((await requestOn(tunnel, 'api.weixin.qq.com', TOKEN_PATH)).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('intercept mode: what a client is told', () => {
  it('exposes the hosts, the CA folder and the environment as mock.intercept, and the same over GET /__mock/intercept', async () => {
    const info = mock.intercept!;
    expect(info.hosts).toEqual([...DEFAULT_INTERCEPT_HOSTS].sort());
    expect(info.env).toMatchObject({ HTTPS_PROXY: mock.url, http_proxy: mock.url, NO_PROXY: 'localhost,127.0.0.1,::1', REQUESTS_CA_BUNDLE: info.files.bundle, NODE_EXTRA_CA_CERTS: info.files.ca });
    expect(info.env.NODE_OPTIONS).toBe(`--require "${NODE_PRELOAD}"`);
    expect(existsSync(NODE_PRELOAD)).toBe(true);
    expect(info.env.PHP_INI_SCAN_DIR).toBe(`:${dirname(info.files.ini)}`);
    const { port } = new URL(mock.url);
    expect(info.env.JAVA_TOOL_OPTIONS!.split(' ')).toEqual([
      '-Dhttps.proxyHost=127.0.0.1',
      `-Dhttps.proxyPort=${port}`,
      '-Dhttp.proxyHost=127.0.0.1',
      `-Dhttp.proxyPort=${port}`,
      `-Djavax.net.ssl.trustStore=${info.files.truststore}`,
      '-Djavax.net.ssl.trustStorePassword=changeit',
      '-Djavax.net.ssl.trustStoreType=PKCS12',
    ]);
    const view = await (await fetch(`${mock.url}/__mock/intercept`)).json();
    expect(view).toEqual({ enabled: true, hosts: info.hosts, ca_dir: info.caDir, files: info.files, env: info.env });
  });

  it('serves ca.pem at GET /__mock/intercept/ca.pem, the same certificate as the file', async () => {
    const res = await fetch(`${mock.url}/__mock/intercept/ca.pem`);
    expect(res.headers.get('content-type')).toBe('application/x-pem-file');
    expect(await res.text()).toBe(readFileSync(mock.intercept!.files.ca, 'utf8'));
  });

  it('writes an env.sh that a POSIX shell sources into exactly mock.intercept.env', () => {
    const names = Object.keys(mock.intercept!.env);
    const printed = execFileSync('sh', ['-c', `. "$1" && for name in ${names.join(' ')}; do eval "printf '%s=%s\\n' \\"\\$name\\" \\"\\$$name\\""; done`, 'sh', mock.intercept!.files.env], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(Object.fromEntries(printed.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))).toEqual(mock.intercept!.env);
  });

  it('writes a PHP ini naming ca-bundle.pem as curl.cainfo and openssl.cafile, alone in its folder', () => {
    const { ini, bundle } = mock.intercept!.files;
    expect(readdirSync(dirname(ini))).toEqual(['wechat-mass-mock.ini']);
    const settings = readFileSync(ini, 'utf8').split('\n').filter((line) => line.includes('='));
    expect(settings).toEqual([`curl.cainfo = "${bundle}"`, `openssl.cafile = "${bundle}"`]);
  });

  it('writes truststore.p12 with keytool: a PKCS12 store whose one trusted entry is ca.pem', () => {
    const listed = execFileSync('keytool', ['-list', '-rfc', '-storetype', 'PKCS12', '-keystore', mock.intercept!.files.truststore!, '-storepass', 'changeit'], { encoding: 'utf8' });
    expect(listed).toContain('Your keystore contains 1 entry');
    expect(listed).toContain('Entry type: trustedCertEntry');
    const stored = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(listed)![0];
    expect(new X509Certificate(stored).fingerprint256).toBe(new X509Certificate(ca).fingerprint256);
  });

  it('writes ca-bundle.pem as Node\'s root certificates plus the CA', () => {
    const bundle = readFileSync(mock.intercept!.files.bundle, 'utf8');
    expect(bundle.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(tls.rootCertificates.length + 1);
    expect(bundle).toContain(ca.trim());
  });
});

describe('intercept mode off, or beyond loopback', () => {
  it('answers {"enabled":false} and a 404 for the CA, and refuses nothing, when intercept mode is off', async () => {
    const plain = await startMockServer({ clock: { mode: 'manual' } });
    try {
      expect(plain.intercept).toBeUndefined();
      expect(await (await fetch(`${plain.url}/__mock/intercept`)).json()).toEqual({ enabled: false });
      expect((await fetch(`${plain.url}/__mock/intercept/ca.pem`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('refuses to start intercept mode beyond loopback without a control token', async () => {
    await expect(startMockServer({ intercept: true, host: '0.0.0.0', caDir: mkdtempSync(join(tmpdir(), 'wxmock-ca-')) })).rejects.toThrow(/controlToken/);
  });
});
