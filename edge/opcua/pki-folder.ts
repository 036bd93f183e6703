// The client's PKI folder as a person operates it (OPC UA Part 12 §F.1 trust list layout, as
// node-opcua-pki keeps it): certificates of servers in trusted/certs/ are trusted; unknown ones
// land in rejected/. Listing, trusting and rejecting move files; nothing is ever trusted silently.
// The same layout serves a server's PKI (the simulator's): client certificates in rejected/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { OPCUACertificateManager } from 'node-opcua';
import { exploreCertificate, makeSHA1Thumbprint, readCertificateChain } from 'node-opcua-crypto';
import { MillwrightError } from '../../contracts/index.ts';

/** The certificate manager of a PKI folder: unknown certificates are rejected, never accepted. */
export function certificateManager(pkiFolder: string): OPCUACertificateManager {
  return new OPCUACertificateManager({
    rootFolder: pkiFolder,
    automaticallyAcceptUnknownCertificate: false,
  });
}

export interface PkiCertificate {
  /** `own`: the edge's own certificate (own/certs/), which servers must trust. */
  readonly status: 'trusted' | 'rejected' | 'own';
  readonly thumbprint: string;
  readonly subject: string;
  readonly validTo: string;
  readonly file: string;
}

const folders = (pki: string) => ({
  trusted: join(pki, 'trusted', 'certs'),
  rejected: join(pki, 'rejected'),
});

export function describeCertificate(
  file: string,
  status: PkiCertificate['status'],
): PkiCertificate | undefined {
  const der = readCertificateChain(file)[0];
  if (der === undefined) return undefined;
  const info = exploreCertificate(der);
  return {
    status,
    thumbprint: makeSHA1Thumbprint(der).toString('hex'),
    subject: info.tbsCertificate.subject.commonName ?? '',
    validTo: info.tbsCertificate.validity.notAfter.toISOString(),
    file,
  };
}

export function listCertificates(pki: string): PkiCertificate[] {
  const result: PkiCertificate[] = [];
  for (const [status, folder] of Object.entries(folders(pki)) as [
    PkiCertificate['status'],
    string,
  ][]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!/\.(pem|der)$/i.test(name)) continue;
      const certificate = describeCertificate(join(folder, name), status);
      if (certificate !== undefined) result.push(certificate);
    }
  }
  return result;
}

function find(pki: string, thumbprintOrFile: string): PkiCertificate {
  const wanted = thumbprintOrFile.toLowerCase();
  const match = listCertificates(pki).find(
    (c) => c.thumbprint === wanted || c.file.endsWith(thumbprintOrFile),
  );
  if (match === undefined) {
    throw new MillwrightError(
      'MW_EDGE_CERT_NOT_FOUND',
      `no certificate "${thumbprintOrFile}" in ${pki}`,
      { pki, certificate: thumbprintOrFile },
    );
  }
  return match;
}

function move(certificate: PkiCertificate, folder: string): PkiCertificate {
  mkdirSync(folder, { recursive: true });
  const name = certificate.file.split(/[\\/]/).pop() ?? `${certificate.thumbprint}.pem`;
  const target = join(folder, name);
  renameSync(certificate.file, target);
  return { ...certificate, file: target };
}

/** Trusts a server certificate (by thumbprint or file name); trusting a trusted one is a no-op. */
export function trustCertificate(pki: string, thumbprintOrFile: string): PkiCertificate {
  const certificate = find(pki, thumbprintOrFile);
  if (certificate.status === 'trusted') return certificate;
  return { ...move(certificate, folders(pki).trusted), status: 'trusted' };
}

/**
 * Trusts a certificate handed over as a file (the server's administrator gave it), before any
 * connection was refused: copied into trusted/certs, named by its thumbprint.
 */
export function trustCertificateFile(pki: string, file: string): PkiCertificate {
  const described = describeCertificate(file, 'trusted');
  if (described === undefined) {
    throw new MillwrightError('MW_EDGE_CERT_NOT_FOUND', `no certificate in ${file}`, {
      pki,
      certificate: file,
    });
  }
  const target = join(folders(pki).trusted, `${described.thumbprint}.pem`);
  mkdirSync(folders(pki).trusted, { recursive: true });
  copyFileSync(file, target);
  return { ...described, file: target };
}

/** Withdraws trust: the certificate goes back to rejected/. */
export function rejectCertificate(pki: string, thumbprintOrFile: string): PkiCertificate {
  const certificate = find(pki, thumbprintOrFile);
  if (certificate.status === 'rejected') return certificate;
  return { ...move(certificate, folders(pki).rejected), status: 'rejected' };
}
