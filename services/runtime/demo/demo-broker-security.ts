// Security of the demo's embedded MQTT broker: a self-signed TLS certificate for 127.0.0.1 that
// the edge verifies (its caFile), and two logins made for this run: the edge's, whose password
// goes to a file only the owner reads (the template's passwordFile), and the simulator's
// publishers', kept in memory. Nothing here is reused across runs; no secret is logged.
import { randomBytes, type webcrypto } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CertificatePurpose,
  createSelfSignedCertificate,
  generatePrivateKey,
  privateKeyToPEM,
} from 'node-opcua-crypto';
import type { BrokerCredentials } from '../../../edge/simulator/index.ts';

export interface DemoBrokerSecurity {
  /** The broker's key and certificate (PEM). */
  readonly tls: { readonly keyPem: string; readonly certPem: string };
  /** The certificate as a file: the edge's tls.caFile. */
  readonly caFile: string;
  /** The edge's login; its password is also in `passwordFile`. */
  readonly edge: BrokerCredentials;
  readonly passwordFile: string;
  /** What the simulator's publishers log in with. */
  readonly publisher: BrokerCredentials;
}

const password = (): string => randomBytes(24).toString('base64url');

export async function demoBrokerSecurity(dir: string): Promise<DemoBrokerSecurity> {
  const folder = join(dir, 'broker');
  mkdirSync(folder, { recursive: true });
  // Typed here: node-opcua-crypto's declarations name the DOM's CryptoKey, which lint cannot see.
  const key = (await generatePrivateKey(2048)) as webcrypto.CryptoKey;
  const { privPem } = await privateKeyToPEM(key);
  const now = Date.now();
  const { cert } = await createSelfSignedCertificate({
    privateKey: key,
    subject: '/CN=millwright demo broker',
    ip: ['127.0.0.1'],
    dns: ['localhost'],
    applicationUri: 'urn:millwright:demo:mqtt-broker',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 30 * 86_400_000),
    purpose: CertificatePurpose.ForApplication,
  });
  const caFile = join(folder, 'certificate.pem');
  writeFileSync(caFile, cert);
  const edge = { username: 'millwright-edge', password: password() };
  const passwordFile = join(folder, 'edge.password');
  writeFileSync(passwordFile, `${edge.password}\n`, { mode: 0o600 });
  chmodSync(passwordFile, 0o600); // an older file keeps its mode through writeFileSync
  return {
    tls: { keyPem: privPem, certPem: cert },
    caFile,
    edge,
    passwordFile,
    publisher: { username: 'plant-simulator', password: password() },
  };
}
