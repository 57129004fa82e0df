/** The intercept CA and its leaves: name-constrained, kept private, reused, and replaced when it no longer fits. */
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { issueLeaf } from '../../mock/intercept/issue-leaf.js';
import { CA_MIN_REMAINING_MS, loadCa } from '../../mock/intercept/load-ca.js';
import { x509 } from '../../mock/intercept/x509.js';

const HOSTS = ['api.weixin.qq.com', 'file.api.weixin.qq.com'];

function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'wxmock-ca-')), 'ca');
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the intercept CA', () => {
  it('carries critical name constraints: the intercepted hosts permitted, every IPv4 and IPv6 address excluded', async () => {
    const { cert } = await loadCa(freshDir(), HOSTS);
    const extension = cert.getExtension(id_ce_nameConstraints)!;
    expect(extension.critical).toBe(true);
    const constraints = AsnConvert.parse(extension.value, NameConstraints);
    expect(constraints.permittedSubtrees!.map((subtree) => subtree.base.dNSName)).toEqual(HOSTS);
    expect(constraints.excludedSubtrees!.map((subtree) => subtree.base.iPAddress)).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('is a CA that signs leaves only: critical basicConstraints with path length 0, keyCertSign, and a subject key identifier', async () => {
    const { cert } = await loadCa(freshDir(), HOSTS);
    const basic = cert.getExtension(x509.BasicConstraintsExtension)!;
    expect({ ca: basic.ca, pathLength: basic.pathLength, critical: basic.critical }).toEqual({ ca: true, pathLength: 0, critical: true });
    expect(cert.getExtension(x509.KeyUsagesExtension)!.usages & x509.KeyUsageFlags.keyCertSign).toBeTruthy();
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('creates its folder 0700 and ca-key.pem 0600', async () => {
    const dir = freshDir();
    await loadCa(dir, HOSTS);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'ca-key.pem'))).toBe(0o600);
  });

  it('is created in an existing empty folder, which keeps its own mode', async () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o750 });
    chmodSync(dir, 0o750);
    expect((await loadCa(dir, HOSTS)).status).toBe('created');
    expect(mode(dir)).toBe(0o750);
  });

  it('is reused across a restart, and a widened ca-key.pem is put back to 0600', async () => {
    const dir = freshDir();
    const first = await loadCa(dir, HOSTS);
    chmodSync(join(dir, 'ca-key.pem'), 0o644);
    const again = await loadCa(dir, [...HOSTS].reverse());
    expect(again.status).toBe('reused');
    expect(again.cert.serialNumber).toBe(first.cert.serialNumber);
    expect(again.pem).toBe(readFileSync(join(dir, 'ca.pem'), 'utf8'));
    expect(mode(join(dir, 'ca-key.pem'))).toBe(0o600);
  });

  it.each([
    ['made for other hosts', (dir: string) => loadCa(dir, ['api.weixin.qq.com']), /other hosts/],
    ['about to expire', (dir: string) => loadCa(dir, HOSTS, Date.now() + 5 * 365 * 86_400_000 - CA_MIN_REMAINING_MS + 1), /expires/],
    [
      'not matching its key',
      async (dir: string) => {
        const other = freshDir();
        await loadCa(other, HOSTS);
        writeFileSync(join(dir, 'ca-key.pem'), readFileSync(join(other, 'ca-key.pem')));
        return loadCa(dir, HOSTS);
      },
      /not the key/,
    ],
    [
      'unreadable',
      (dir: string) => {
        writeFileSync(join(dir, 'ca.pem'), 'not a certificate');
        return loadCa(dir, HOSTS);
      },
      /cannot be read/,
    ],
  ])('is replaced, saying why, when the one in the folder is %s', async (_what, restart, reason) => {
    const dir = freshDir();
    const first = await loadCa(dir, HOSTS);
    const again = await restart(dir);
    expect(again.status).toBe('replaced');
    expect(again.replacedBecause).toMatch(reason);
    expect(again.cert.serialNumber).not.toBe(first.cert.serialNumber);
    expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toBe(again.pem);
  });
});

describe('leaves', () => {
  it('carry the host as SAN, serverAuth, their own key identifier and the CA\'s as authority key identifier, and verify against the CA', async () => {
    const ca = await loadCa(freshDir(), HOSTS);
    const leaf = await issueLeaf(ca, 'file.api.weixin.qq.com');
    expect(leaf.cert.getExtension(x509.SubjectAlternativeNameExtension)!.names.items.map((name) => name.toJSON())).toEqual([{ type: 'dns', value: 'file.api.weixin.qq.com' }]);
    expect(leaf.cert.getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(leaf.cert.getExtension(x509.BasicConstraintsExtension)!.ca).toBe(false);
    expect(leaf.cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(leaf.cert.getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId).toBe(ca.cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId);
    const node = new X509Certificate(leaf.certPem);
    expect(node.verify(new X509Certificate(ca.pem).publicKey)).toBe(true);
    expect(node.checkHost('file.api.weixin.qq.com')).toBe('file.api.weixin.qq.com');
  });

  it('never outlive the CA', async () => {
    const ca = await loadCa(freshDir(), HOSTS);
    const late = ca.cert.notAfter.getTime() - 86_400_000;
    expect((await issueLeaf(ca, 'api.weixin.qq.com', late)).cert.notAfter.getTime()).toBe(ca.cert.notAfter.getTime());
  });
});
