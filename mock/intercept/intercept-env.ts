import { dirname } from 'node:path';
import { packageFile } from '../../contracts/package-file.js';
import type { InterceptFiles } from './intercept-files.js';
import { TRUSTSTORE_PASSWORD } from './write-java-truststore.js';

/** Shipped as is (package.json `files`), beside this module's source, so its path is the same from source and from dist/. */
export const NODE_PRELOAD = packageFile('mock/intercept/node-preload.cjs');

/** `-Dname=value`, quoted where needed as the JVM splits JAVA_TOOL_OPTIONS: on white space outside quotes, with no escapes. */
function javaProperty(name: string, value: string): string {
  if (!/[\s"']/.test(value)) return `-D${name}=${value}`;
  const quote = value.includes('"') ? "'" : '"';
  return `-D${name}=${quote}${value}${quote}`;
}

/** Java reads no proxy variable: the JDK's default ProxySelector reads these system properties. */
function javaToolOptions(proxy: URL, truststore: string): string {
  const host = proxy.hostname.replace(/^\[(.*)\]$/, '$1');
  return [
    javaProperty('https.proxyHost', host),
    javaProperty('https.proxyPort', proxy.port),
    javaProperty('http.proxyHost', host),
    javaProperty('http.proxyPort', proxy.port),
    javaProperty('javax.net.ssl.trustStore', truststore),
    javaProperty('javax.net.ssl.trustStorePassword', TRUSTSTORE_PASSWORD),
    // Java 8's default store type is JKS; from Java 9 on it is PKCS12 anyway.
    javaProperty('javax.net.ssl.trustStoreType', 'PKCS12'),
  ].join(' ');
}

/**
 * The variables, upper and lower case where stacks differ on which they read: the proxy for HTTPS
 * (CONNECT) and plain HTTP (absolute form), loopback never proxied, and the CA for Python requests,
 * Go and OpenSSL, curl, and Node (which adds NODE_EXTRA_CA_CERTS to its roots, so ca.pem alone); then
 * what the stacks that ignore those need: Node's preload, PHP's ini folder (after PHP's own, which the
 * leading empty entry stands for) and Java's system properties.
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
    // Node parses NODE_OPTIONS with double quotes and backslash escapes, as JSON writes a string.
    NODE_OPTIONS: `--require ${JSON.stringify(NODE_PRELOAD)}`,
    PHP_INI_SCAN_DIR: `:${dirname(files.ini)}`,
    ...(files.truststore === undefined ? {} : { JAVA_TOOL_OPTIONS: javaToolOptions(new URL(proxyUrl), files.truststore) }),
  };
}
