/**
 * The files a client process needs besides ca.pem: ca-bundle.pem (Node's root certificates plus the
 * CA, for stacks whose CA variable replaces the roots instead of adding to them) and env.sh, the
 * export lines that point every common HTTP stack at the running mock.
 */
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { CA_FILE } from './load-ca.js';
import { replaceFile } from './replace-file.js';

export interface InterceptFiles {
  ca: string;
  bundle: string;
  env: string;
}

export function interceptFiles(caDir: string): InterceptFiles {
  return { ca: join(caDir, CA_FILE), bundle: join(caDir, 'ca-bundle.pem'), env: join(caDir, 'env.sh') };
}

export function writeCaBundle(files: InterceptFiles, caPem: string): void {
  replaceFile(files.bundle, `${[...rootCertificates, caPem.trim()].join('\n')}\n`, 0o644);
}

/**
 * The variables, upper and lower case where stacks differ on which they read: the proxy for HTTPS
 * (CONNECT) and plain HTTP (absolute form), loopback never proxied, and the CA for Python requests,
 * Go and OpenSSL, curl, and Node (which adds NODE_EXTRA_CA_CERTS to its roots, so ca.pem alone).
 */
export function interceptEnv(proxyUrl: string, files: InterceptFiles): Record<string, string> {
  const noProxy = 'localhost,127.0.0.1,::1';
  return {
    HTTPS_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    HTTP_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    REQUESTS_CA_BUNDLE: files.bundle,
    SSL_CERT_FILE: files.bundle,
    CURL_CA_BUNDLE: files.bundle,
    NODE_EXTRA_CA_CERTS: files.ca,
  };
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** POSIX export lines; written synchronously, so the file is whole before the mock answers anything. */
export function writeEnvScript(files: InterceptFiles, env: Readonly<Record<string, string>>, mockUrl: string): void {
  const lines = [
    `# wechat-mass-mock intercept mode, for the mock at ${mockUrl}; rewritten at each start.`,
    `# In the shell that runs your client: . ${shellQuote(files.env)}`,
    '# The intercepted WeChat hosts then reach the mock; any other host through this proxy is refused.',
    ...Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
  ];
  replaceFile(files.env, `${lines.join('\n')}\n`, 0o644);
}
