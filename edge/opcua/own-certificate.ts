// The edge's own OPC UA application instance certificate (Part 4 §6.1.2), self-signed in the
// client PKI folder the first time it is needed. Made ahead of a first connection, it can be
// given to the server's administrator to trust, as SignAndEncrypt servers require.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OPCUAClient } from 'node-opcua';
import { certificateManager, describeCertificate, type PkiCertificate } from './pki-folder.ts';

/** Application name of the edge's client: part of its certificate's application URI. */
export const EDGE_APPLICATION_NAME = 'millwright-edge';

export const ownCertificateFile = (pkiFolder: string): string =>
  join(pkiFolder, 'own', 'certs', 'client_certificate.pem');

/** Creates the certificate unless it exists; returns its description (thumbprint, subject). */
export async function ensureOwnCertificate(
  pkiFolder: string,
  applicationName = EDGE_APPLICATION_NAME,
): Promise<PkiCertificate> {
  const file = ownCertificateFile(pkiFolder);
  if (!existsSync(file)) {
    const manager = certificateManager(pkiFolder);
    await manager.initialize();
    // The client builds the certificate for its own application URI (from the host name and
    // the application name), the one a later session presents.
    const client = OPCUAClient.create({ applicationName, clientCertificateManager: manager });
    try {
      await client.createDefaultCertificate();
    } finally {
      await manager.dispose();
    }
  }
  const described = describeCertificate(file, 'own');
  if (described === undefined) throw new Error(`no certificate in ${file}`);
  return described;
}
