/**
 * Intercept mode's set-up, in the order startMockServer needs it: before listening, the host list,
 * the CA (loaded or made), ca-bundle.pem, PHP's ini, Java's truststore, the leaf issuer and the proxy;
 * once the port is known, env.sh, written before the server answers anything.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Journal } from '../harness/journal.js';
import { interceptEnv } from './intercept-env.js';
import { interceptFiles, writeCaBundle, writeEnvScript, writePhpIni, type InterceptFiles } from './intercept-files.js';
import { DEFAULT_INTERCEPT_HOSTS, interceptHostList } from './intercept-hosts.js';
import { createInterceptProxy, type InterceptProxy } from './intercept-proxy.js';
import { createLeafIssuer } from './issue-leaf.js';
import { loadCa } from './load-ca.js';
import { writeJavaTruststore } from './write-java-truststore.js';

export const DEFAULT_CA_DIR = join(homedir(), '.wechat-mass-mock', 'ca');

/** What a running mock's intercept mode is: `mock.intercept` in the library, GET /__mock/intercept over HTTP. */
export interface InterceptInfo {
  /** The intercepted hosts, lower case, sorted. */
  hosts: string[];
  caDir: string;
  files: InterceptFiles;
  /** The variables env.sh exports: spawn a client with `{ ...process.env, ...env }`. */
  env: Record<string, string>;
  /** ca.pem's text, e.g. for the `ca` option of Node's https. */
  caPem: string;
  /** What this start did with the CA in caDir: "created", "reused", or "replaced: <why>". */
  caStatus: string;
}

export interface InterceptSetupOptions {
  /** Default: WeChat's API hosts (DEFAULT_INTERCEPT_HOSTS). */
  hosts?: readonly string[] | undefined;
  /** Default: ~/.wechat-mass-mock/ca. */
  caDir?: string | undefined;
  journal: Journal;
}

export interface InterceptSetup {
  proxy: InterceptProxy;
  /** Writes env.sh for the proxy at `proxyUrl` (synchronously) and answers the mode's description. */
  publish(proxyUrl: string): InterceptInfo;
}

export async function prepareIntercept({ hosts: given, caDir = DEFAULT_CA_DIR, journal }: InterceptSetupOptions): Promise<InterceptSetup> {
  const hosts = interceptHostList(given ?? DEFAULT_INTERCEPT_HOSTS);
  const ca = await loadCa(caDir, hosts);
  const paths = interceptFiles(caDir);
  writeCaBundle(paths, ca.pem);
  writePhpIni(paths);
  const { truststore, ...withoutJava } = paths;
  const files: InterceptFiles = (await writeJavaTruststore(truststore, paths.ca, ca.status === 'reused')) ? paths : withoutJava;
  const proxy = createInterceptProxy({ hosts, issuer: createLeafIssuer(ca), journal });
  const caStatus = ca.status === 'replaced' ? `replaced: ${ca.replacedBecause}` : ca.status;
  return {
    proxy,
    publish(proxyUrl) {
      const env = interceptEnv(proxyUrl, files);
      writeEnvScript(files, env, proxyUrl);
      return { hosts, caDir, files, env, caPem: ca.pem, caStatus };
    },
  };
}
