/**
 * Leaf certificates for the intercepted hosts, signed by the intercept CA: SAN, serverAuth, and the
 * key identifiers strict verifiers demand (OpenSSL's -x509_strict, Python 3.13's VERIFY_X509_STRICT).
 * Each host's leaf is made on its first CONNECT and kept while it has a day left.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import type { InterceptCa } from './load-ca.js';
import { generateKeys, privateKeyPem, randomSerial, SIGNING_ALGORITHM, x509 } from './x509.js';

const HOUR_MS = 3_600_000;
const LEAF_VALIDITY_MS = 30 * 24 * HOUR_MS;
const RENEW_BEFORE_MS = 24 * HOUR_MS;

export interface Leaf {
  cert: x509.X509Certificate;
  /** The certificate and its private key (PKCS#8), as PEM. */
  certPem: string;
  keyPem: string;
}

/** A leaf for `host`; it verifies only when `host` is one the CA's name constraints permit. */
export async function issueLeaf(ca: InterceptCa, host: string, now = Date.now()): Promise<Leaf> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${host}`,
    issuer: ca.cert.subject,
    // An hour back, for clients whose clock runs a little behind; never past the CA.
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(Math.min(now + LEAF_VALIDITY_MS, ca.cert.notAfter.getTime())),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
    ],
  });
  return { cert, certPem: `${cert.toString('pem')}\n`, keyPem: await privateKeyPem(keys.privateKey) };
}

export interface LeafIssuer {
  /** The TLS context that serves `host`'s leaf; concurrent first CONNECTs share one issuing. */
  contextFor(host: string): Promise<SecureContext>;
}

export function createLeafIssuer(ca: InterceptCa): LeafIssuer {
  const cache = new Map<string, { context: Promise<SecureContext>; renewAt: number }>();
  return {
    contextFor(host) {
      const now = Date.now();
      const cached = cache.get(host);
      if (cached && cached.renewAt > now) return cached.context;
      const context = issueLeaf(ca, host, now).then(({ cert, certPem, keyPem }) => {
        entry.renewAt = cert.notAfter.getTime() - RENEW_BEFORE_MS;
        return createSecureContext({ cert: certPem, key: keyPem });
      });
      // Until it is made, everyone waits for this one; a failed issuing is tried again next time.
      const entry = { context, renewAt: Infinity };
      cache.set(host, entry);
      context.catch(() => {
        if (cache.get(host) === entry) cache.delete(host);
      });
      return context;
    },
  };
}
