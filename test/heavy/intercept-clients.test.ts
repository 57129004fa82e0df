/**
 * Intercept mode as other languages meet it: the CLI started with --intercept, then unmodified Python
 * (Debian's python3-requests) and Go (standard library) programs run under its env.sh; and the CA
 * and its leaves checked by OpenSSL's strict verifier and Go's. Every name a client asks for is
 * answered by the mock on loopback or refused there: nothing is resolved or reached beyond it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../cli-process.js';
import { openTunnel } from '../intercept/proxy-client.js';
import { freePort } from '../prism-process.js';
import { clientEnv, underEnvSh as underShell } from './client-shell.js';

const CLIENTS = fileURLToPath(new URL('./intercept-clients/', import.meta.url));
const PYTHON = '/usr/bin/python3';
const APPID = 'wx0000000000000001';
const TOKEN_URL = `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=mocksecret`;

let work: string;
let caDir: string;
let goClient: string;
let mock: ReturnType<typeof startCli>;
let url: string;

/** Runs `command` in a shell that sourced this mock's env.sh first, as a user does. */
const underEnvSh = (command: string[], after = '') => underShell(join(caDir, 'env.sh'), work, command, after);

/** OpenSSL's answer to `openssl <args>`, output and exit status together. */
function openssl(args: string[]): { status: number | null; out: string } {
  const res = spawnSync('openssl', args, { encoding: 'utf8', timeout: 30_000 });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

/** A leaf for `san` (DNS:… or IP:…) signed by OpenSSL with the CA's own key, with every extension a strict verifier wants. */
function signWithCaKey(name: string, san: string): string {
  const key = join(work, `${name}-key.pem`);
  const csr = join(work, `${name}.csr`);
  const extensions = join(work, `${name}.cnf`);
  const leaf = join(work, `${name}.pem`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-subj', `/CN=${name}`, '-out', csr], { stdio: 'ignore' });
  writeFileSync(extensions, ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid', `subjectAltName=${san}`].join('\n'));
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', join(caDir, 'ca.pem'), '-CAkey', join(caDir, 'ca-key.pem'), '-set_serial', '0x1c0ffee', '-days', '1', '-extfile', extensions, '-out', leaf], { stdio: 'ignore' });
  return leaf;
}

async function journal(query: string): Promise<Array<Record<string, unknown>>> {
  return ((await (await fetch(`${url}/__mock/requests?${query}`)).json()) as { requests: Array<Record<string, unknown>> }).requests;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wxmock-clients-'));
  caDir = join(work, 'ca');
  // Compiled once for the whole file, offline, with its caches in the temporary folder.
  goClient = join(work, 'go-client');
  execFileSync('go', ['build', '-o', goClient, join(CLIENTS, 'main.go')], {
    cwd: CLIENTS,
    env: { ...clientEnv(work), GOCACHE: join(work, 'gocache'), GOPATH: join(work, 'gopath'), GOPROXY: 'off', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    stdio: 'pipe',
  });
  mock = startCli(['--intercept', '--port', '0', '--clock', 'manual', '--ca-dir', caDir]);
  url = await mock.ready;
});

afterAll(async () => {
  mock?.child.kill('SIGTERM');
  await mock?.exited;
});

describe('clients in other languages under env.sh', () => {
  it('a Python program using requests gets the mock\'s token from https://api.weixin.qq.com/cgi-bin/token, and the call is journaled', async () => {
    const { status, out: token } = underEnvSh([PYTHON, join(CLIENTS, 'wechat_token.py'), 'token', APPID, 'mocksecret']);
    expect(status, token).toBe(0);
    // The mock's token: the mock itself accepts it.
    const speed = await (await fetch(`${url}/cgi-bin/message/mass/speed/get?access_token=${token}`, { method: 'POST' })).json();
    expect(speed).toEqual({ speed: 0, realspeed: 80 });
    expect(await journal('operation=getAccessToken')).toEqual([expect.objectContaining({ direction: 'in', appid: APPID, path: '/cgi-bin/token', host: 'api.weixin.qq.com', errcode: 0 })]);
  });

  it('a Python request for a host outside the list fails with ProxyError, and is journaled as refused', async () => {
    const { out } = underEnvSh([PYTHON, join(CLIENTS, 'wechat_token.py'), 'get', 'https://wechat-escape.invalid/cgi-bin/token']);
    expect(out).toBe('ProxyError');
    expect(await journal('direction=refused')).toContainEqual(expect.objectContaining({ method: 'CONNECT', path: 'wechat-escape.invalid:443', host: 'wechat-escape.invalid', status: 403 }));
  });

  it('a Go program using only the standard library reaches the mock through env.sh, with certificate verification on', () => {
    const served = underEnvSh([goClient, 'get', TOKEN_URL]);
    expect(served.status, served.out).toBe(0);
    expect(served.out).toMatch(/^200 \{"access_token":"[^"]+","expires_in":7200\}$/);
    // The same call without the CA in its roots fails: Go checked the mock's certificate.
    const roots = join(work, 'node-roots.pem');
    writeFileSync(roots, rootCertificates.join('\n'));
    const untrusted = underEnvSh([goClient, 'get', TOKEN_URL], `SSL_CERT_FILE='${roots}'`);
    expect(untrusted.status).toBe(1);
    expect(untrusted.out).toContain('certificate signed by unknown authority');
  });
});

describe('the CA and its leaves, as OpenSSL and Go verify them', () => {
  it('openssl x509 -text shows critical name constraints: the intercepted hosts permitted, every IPv4 and IPv6 address excluded', () => {
    const text = openssl(['x509', '-in', join(caDir, 'ca.pem'), '-noout', '-text']).out;
    const section = /X509v3 Name Constraints: critical\n\s+Permitted:\n([\s\S]*?)\s+Excluded:\n([\s\S]*?)\n\s+X509v3/.exec(text);
    expect(section, text).not.toBeNull();
    expect(section![1]!.trim().split(/\s+/)).toEqual(['api.weixin.qq.com', 'api2.weixin.qq.com', 'file.api.weixin.qq.com', 'hk.api.weixin.qq.com', 'sh.api.weixin.qq.com', 'sz.api.weixin.qq.com'].map((host) => `DNS:${host}`));
    expect(section![2]!.trim().split(/\s+/)).toEqual(['IP:0.0.0.0/0.0.0.0', 'IP:0:0:0:0:0:0:0:0/0:0:0:0:0:0:0:0']);
    expect(openssl(['verify', '-x509_strict', '-CAfile', join(caDir, 'ca.pem'), join(caDir, 'ca.pem')]).status).toBe(0);
  });

  it('the leaf the proxy serves for api.weixin.qq.com passes openssl verify -x509_strict and Go\'s verifier', async () => {
    const tunnel = await openTunnel(url, 'api.weixin.qq.com:443', { servername: 'api.weixin.qq.com', ca: readFileSync(join(caDir, 'ca.pem')) });
    const served = join(work, 'served.pem');
    writeFileSync(served, new X509Certificate(tunnel.getPeerCertificate().raw).toString());
    tunnel.destroy();
    const strict = openssl(['verify', '-x509_strict', '-purpose', 'sslserver', '-verify_hostname', 'api.weixin.qq.com', '-CAfile', join(caDir, 'ca.pem'), served]);
    expect(strict.out.trim()).toBe(`${served}: OK`);
    const go = spawnSync(goClient, ['verify', join(caDir, 'ca.pem'), served, 'api.weixin.qq.com'], { encoding: 'utf8' });
    expect(go.stdout.trim()).toBe('ok');
  });

  it.each([
    ['a host outside the constraints', 'wechat-escape.invalid', 'DNS:wechat-escape.invalid', /permitted subtree violation/, /not permitted by any constraint/],
    ['an IPv4 address', '127.0.0.1', 'IP:127.0.0.1', /excluded subtree violation/, /excluded by constraint "0\.0\.0\.0\/0"/],
    ['an IPv6 address', '::1', 'IP:::1', /excluded subtree violation/, /excluded by constraint "::\/0"/],
  ])('a leaf signed with the CA\'s own key for %s fails openssl verify -x509_strict and Go\'s verifier', (_what, name, san, opensslError, goError) => {
    const leaf = signWithCaKey(name.replaceAll(':', '_'), san);
    const strict = openssl(['verify', '-x509_strict', '-CAfile', join(caDir, 'ca.pem'), leaf]);
    expect(strict.status).not.toBe(0);
    expect(strict.out).toMatch(opensslError);
    const go = spawnSync(goClient, ['verify', join(caDir, 'ca.pem'), leaf, name], { encoding: 'utf8' });
    expect(go.status).toBe(1);
    expect(go.stdout).toMatch(goError);
  });
});

describe('the CLI in intercept mode', () => {
  it('writes every file before /__mock/health first answers, says "source <dir>/env.sh", and reuses its CA and Java truststore across a restart', async () => {
    const dir = join(work, 'restart-ca');
    const port = await freePort();
    const first = startCli(['--intercept', '--port', String(port), '--ca-dir', dir]);
    // Polled as fast as the loop allows: the first answer must find env.sh already naming this port.
    let envSh: string | undefined;
    const deadline = Date.now() + 20_000;
    while (envSh === undefined) {
      if (Date.now() > deadline) throw new Error(`the mock did not come up: ${first.errors()}`);
      const up = await fetch(`http://127.0.0.1:${port}/__mock/health`).then((res) => res.ok, () => false);
      if (up) envSh = readFileSync(join(dir, 'env.sh'), 'utf8');
    }
    expect(envSh).toContain(`export HTTPS_PROXY='http://127.0.0.1:${port}'`);
    for (const file of ['ca.pem', 'ca-key.pem', 'ca-bundle.pem', 'truststore.p12', 'php/wechat-mass-mock.ini']) expect(statSync(join(dir, file)).size).toBeGreaterThan(0);
    await first.ready;
    expect(first.output()).toContain(`intercept CA ${join(dir, 'ca.pem')}: created`);
    expect(first.output()).toContain(`source ${join(dir, 'env.sh')}`);
    const ca = readFileSync(join(dir, 'ca.pem'), 'utf8');
    // keytool takes a second: a restart with the same CA keeps the truststore written for it.
    const truststoreWritten = statSync(join(dir, 'truststore.p12')).mtimeMs;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = startCli(['--intercept', '--port', '0', '--ca-dir', dir]);
    await second.ready;
    expect(second.output()).toContain(`intercept CA ${join(dir, 'ca.pem')}: reused`);
    expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toBe(ca);
    expect(statSync(join(dir, 'truststore.p12')).mtimeMs).toBe(truststoreWritten);
    expect(statSync(join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
