/**
 * The intercept CA: made for the intercepted hosts and nothing else. Its critical nameConstraints
 * permit only those DNS names (and, as RFC 5280 has it, names below them) and exclude every IPv4
 * and IPv6 address, so a certificate it signs for any other site fails verification, even one
 * signed with its key. Kept in the CA folder and reused while it is valid for the same hosts, so a
 * developer trusts it once.
 */
import { createPublicKey, webcrypto } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';
import { replaceFile } from './replace-file.js';
import { generateKeys, KEY_ALGORITHM, privateKeyPem, randomSerial, SIGNING_ALGORITHM, x509 } from './x509.js';

export interface InterceptCa {
  cert: x509.X509Certificate;
  /** ca.pem's text. */
  pem: string;
  privateKey: CryptoKey;
  /** What this start did: made the first CA, kept the one in the folder, or replaced one that no longer fit. */
  status: 'created' | 'reused' | 'replaced';
  /** Why the CA in the folder was replaced. */
  replacedBecause?: string;
}

export const CA_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';

const DAY_MS = 86_400_000;
/** Long enough to trust once; a CA trusted by hand should not need renewing every few months. */
const CA_VALIDITY_MS = 5 * 365 * DAY_MS;
/** A CA with less left than this is replaced at start, so the leaves it signs (30 days) never outlive it. */
export const CA_MIN_REMAINING_MS = 31 * DAY_MS;

/** The extension's DER: permitted DNS names = `hosts` (sorted), excluded 0.0.0.0/0 and ::/0. */
function nameConstraints(hosts: readonly string[]): x509.Extension {
  const subtrees = (names: GeneralName[]) => new GeneralSubtrees(names.map((base) => new GeneralSubtree({ base })));
  const value = new NameConstraints({
    permittedSubtrees: subtrees([...hosts].sort().map((dNSName) => new GeneralName({ dNSName }))),
    excludedSubtrees: subtrees(['0.0.0.0/0', '::/0'].map((iPAddress) => new GeneralName({ iPAddress }))),
  });
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(value));
}

async function createCa(hosts: readonly string[], now: number): Promise<{ cert: x509.X509Certificate; privateKey: CryptoKey }> {
  const keys = await generateKeys();
  const serialNumber = randomSerial();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    // The serial's start tells two of these CAs apart in a trust store.
    name: `CN=wechat-mass-mock intercept CA ${serialNumber.slice(0, 8)}, O=wechat-mass-mock`,
    // A day back, for clients whose clock runs a little behind.
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_VALIDITY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      // Path length 0: it signs leaves only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(hosts),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, privateKey: keys.privateKey };
}

/** The CA in the folder when it can be reused for `hosts` at `now`; otherwise why not. */
async function readCa(dir: string, hosts: readonly string[], now: number): Promise<{ cert: x509.X509Certificate; pem: string; privateKey: CryptoKey } | { problem: string } | undefined> {
  let pem: string;
  let keyPem: string;
  try {
    pem = readFileSync(join(dir, CA_FILE), 'utf8');
    keyPem = readFileSync(join(dir, CA_KEY_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const cert = new x509.X509Certificate(pem);
    const spki = createPublicKey(keyPem).export({ format: 'der', type: 'spki' });
    if (!spki.equals(Buffer.from(cert.publicKey.rawData))) return { problem: `${CA_KEY_FILE} is not the key of ${CA_FILE}` };
    if (cert.notBefore.getTime() > now || cert.notAfter.getTime() - now < CA_MIN_REMAINING_MS) return { problem: `it expires ${cert.notAfter.toISOString()}` };
    const constraints = cert.getExtension(id_ce_nameConstraints);
    if (!constraints || !Buffer.from(constraints.value).equals(Buffer.from(nameConstraints(hosts).value))) return { problem: 'it was made for other hosts' };
    const der = x509.PemConverter.decodeFirst(keyPem);
    const privateKey = await webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
    return { cert, pem, privateKey };
  } catch (err) {
    return { problem: `it cannot be read (${(err as Error).message})` };
  }
}

/** Loads the CA from `dir` (created 0700 when missing), or makes one and writes ca.pem and ca-key.pem (0600). */
export async function loadCa(dir: string, hosts: readonly string[], now = Date.now()): Promise<InterceptCa> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const found = await readCa(dir, hosts, now);
  if (found && !('problem' in found)) {
    // Made 0600; put back if someone widened it, since the key signs for WeChat's hosts.
    chmodSync(join(dir, CA_KEY_FILE), 0o600);
    return { ...found, status: 'reused' };
  }
  const { cert, privateKey } = await createCa(hosts, now);
  const pem = `${cert.toString('pem')}\n`;
  replaceFile(join(dir, CA_KEY_FILE), await privateKeyPem(privateKey), 0o600);
  replaceFile(join(dir, CA_FILE), pem, 0o644);
  return found ? { cert, pem, privateKey, status: 'replaced', replacedBecause: found.problem } : { cert, pem, privateKey, status: 'created' };
}
