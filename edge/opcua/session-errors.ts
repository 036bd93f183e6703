// Turns a failed OPC UA connect into the error a person can act on: a server offering none of
// the demanded security (with what it does offer, read by GetEndpoints, Part 4 §5.4.4), a
// server certificate this edge does not trust, this edge's certificate refused by the server,
// or anything else as MW_EDGE_OPCUA_CONNECT_FAILED.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageSecurityMode, OPCUAClient, type EndpointDescription } from 'node-opcua';
import { MillwrightError } from '../../contracts/index.ts';
import type { OpcuaSecurity } from '../template/index.ts';
import { EDGE_APPLICATION_NAME, ownCertificateFile } from './own-certificate.ts';
import { certificateManager, describeCertificate, listCertificates } from './pki-folder.ts';

interface Attempt {
  readonly endpoint: string;
  readonly security: OpcuaSecurity;
  readonly pkiFolder: string | undefined;
}

const policyName = (uri: string | null) => (uri ?? '').split('#').pop() ?? '';

/** `Mode/Policy` of every endpoint the server lists; empty when even discovery fails. */
export async function offeredSecurity(endpoint: string, pkiFolder?: string): Promise<string[]> {
  // Discovery runs on a None channel (Part 4 §5.4.4: GetEndpoints needs no security); nothing
  // but the endpoint list is read over it. The edge's own PKI, so node-opcua's default one (in
  // the home folder, accepting every certificate) is never created.
  const client = OPCUAClient.create({
    applicationName: EDGE_APPLICATION_NAME,
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 100 },
    clientCertificateManager: certificateManager(
      pkiFolder ?? join(tmpdir(), 'millwright-discovery-pki'),
    ),
  });
  try {
    await client.connect(endpoint);
    const endpoints: EndpointDescription[] = await client.getEndpoints();
    const offered = endpoints.map(
      (e) => `${MessageSecurityMode[e.securityMode]}/${policyName(e.securityPolicyUri)}`,
    );
    return [...new Set(offered)];
  } catch {
    return [];
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

export async function explainConnectFailure(
  cause: Error,
  { endpoint, security, pkiFolder }: Attempt,
): Promise<MillwrightError> {
  const demanded = `${security.mode}/${security.policy}`;
  if (
    /cannot find an endpoint matching|cannot find endpoint for securityMode/i.test(cause.message)
  ) {
    const offered = await offeredSecurity(endpoint, pkiFolder);
    return new MillwrightError(
      'MW_EDGE_OPCUA_NO_SECURE_ENDPOINT',
      `the server at ${endpoint} offers no ${demanded} endpoint (it offers ${offered.join(', ') || 'nothing this edge could read'}); the template demands ${demanded}: enable it on the server. SecurityMode None is for a local simulator only, and only when the template writes security: { mode: None }`,
      { endpoint, demanded, offered },
      { cause },
    );
  }
  const untrusted = /BadCertificateUntrusted|BadSecurityChecksFailed|BadCertificate/.test(
    cause.message,
  );
  if (untrusted && pkiFolder !== undefined) {
    const rejected = listCertificates(pkiFolder).filter((c) => c.status === 'rejected');
    const shown = rejected.map((c) => `${c.thumbprint} "${c.subject}"`).join(', ');
    if (rejected.length > 0)
      return new MillwrightError(
        'MW_EDGE_OPCUA_CERT_UNTRUSTED',
        `the server at ${endpoint} presented a certificate that is not trusted (rejected: ${shown}); check it, then run \`millwright certs trust <thumbprint> --pki ${pkiFolder}\``,
        {
          endpoint,
          pkiFolder,
          rejected: rejected.map((c) => ({ thumbprint: c.thumbprint, subject: c.subject })),
        },
        { cause },
      );
    // Nothing rejected on this side: the server refused this edge's certificate.
    const own = describeCertificate(ownCertificateFile(pkiFolder), 'own');
    return new MillwrightError(
      'MW_EDGE_OPCUA_CONNECT_FAILED',
      `the server at ${endpoint} did not accept this edge's certificate${own === undefined ? '' : ` (${own.file}, thumbprint ${own.thumbprint})`}: trust it on the server, then start again`,
      { endpoint, mode: security.mode, policy: security.policy, certificate: own?.thumbprint },
      { cause },
    );
  }
  return new MillwrightError(
    'MW_EDGE_OPCUA_CONNECT_FAILED',
    `cannot open an OPC UA session on ${endpoint}: ${cause.message}`,
    { endpoint, mode: security.mode, policy: security.policy },
    { cause },
  );
}
