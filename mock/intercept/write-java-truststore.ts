/**
 * truststore.p12 for Java, which reads no CA variable: -Djavax.net.ssl.trustStore must name a keystore.
 * It is made by the JDK's own keytool, since a certificate-only PKCS12 written by another tool
 * (node-forge) loads as empty in JDK 17: keytool marks the entry with the trust attribute the JDK reads.
 * It holds the CA alone, so a Java process under env.sh trusts no other server, as the proxy answers no other host.
 */
import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';

/** keytool wants a password of 6 characters or more; it guards one public certificate, so it is the JDK's own default. */
export const TRUSTSTORE_PASSWORD = 'changeit';

const run = promisify(execFile);

/**
 * Writes `path` from `caFile` with keytool (about a second, for the JVM's start), or keeps it when the CA
 * was reused and it exists. Resolves false, leaving no truststore behind, when keytool is not on PATH.
 */
export async function writeJavaTruststore(path: string, caFile: string, caReused: boolean): Promise<boolean> {
  if (caReused && existsSync(path)) return true;
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  try {
    await run('keytool', ['-importcert', '-noprompt', '-storetype', 'PKCS12', '-alias', 'wechat-mass-mock-ca', '-file', caFile, '-keystore', tmp, '-storepass', TRUSTSTORE_PASSWORD]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    rmSync(path, { force: true });
    return false;
  }
  renameSync(tmp, path);
  return true;
}
