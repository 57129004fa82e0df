/**
 * The files a client process needs besides ca.pem: ca-bundle.pem (Node's root certificates plus the
 * CA, for stacks whose CA variable replaces the roots instead of adding to them), php/wechat-mass-mock.ini
 * (PHP's HTTP clients read their CA from php.ini only), truststore.p12 for Java (write-java-truststore.ts)
 * and env.sh, the export lines that point every common HTTP stack at the running mock.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { CA_FILE } from './load-ca.js';
import { replaceFile } from './replace-file.js';

export interface InterceptFiles {
  ca: string;
  bundle: string;
  /** An ini file alone in its folder, which PHP_INI_SCAN_DIR adds to PHP's own. */
  ini: string;
  /** Absent where keytool was not found, and with it env.sh's Java line. */
  truststore?: string;
  env: string;
}

export function interceptFiles(caDir: string): Required<InterceptFiles> {
  return {
    ca: join(caDir, CA_FILE),
    bundle: join(caDir, 'ca-bundle.pem'),
    ini: join(caDir, 'php', 'wechat-mass-mock.ini'),
    truststore: join(caDir, 'truststore.p12'),
    env: join(caDir, 'env.sh'),
  };
}

export function writeCaBundle(files: InterceptFiles, caPem: string): void {
  replaceFile(files.bundle, `${[...rootCertificates, caPem.trim()].join('\n')}\n`, 0o644);
}

/**
 * Guzzle and Symfony HttpClient ignore SSL_CERT_FILE and CURL_CA_BUNDLE: curl's handle takes its CA from
 * curl.cainfo, PHP's stream wrappers from openssl.cafile. Both name the bundle, since each replaces the roots.
 */
export function writePhpIni(files: InterceptFiles): void {
  mkdirSync(dirname(files.ini), { recursive: true });
  const lines = ['; wechat-mass-mock intercept mode: PHP trusts the mock\'s CA besides the usual roots.', `curl.cainfo = "${files.bundle}"`, `openssl.cafile = "${files.bundle}"`];
  replaceFile(files.ini, `${lines.join('\n')}\n`, 0o644);
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
    ...(env.JAVA_TOOL_OPTIONS === undefined ? ['# No JAVA_TOOL_OPTIONS: keytool was not on the PATH of the mock, which needs it to write truststore.p12. Install a JDK and restart the mock.'] : []),
    ...Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
  ];
  replaceFile(files.env, `${lines.join('\n')}\n`, 0o644);
}
