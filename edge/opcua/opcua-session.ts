// The OPC UA transport: a node-opcua client with the template's security (Part 4 §5.4; Part 7
// security policies), the PKI folder, user identity, endless reconnect, and the gap report when
// the connection comes back. It knows nothing of signals or frames.
import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  setErrorLogger,
  setWarningLogger,
  UserTokenType,
  type ClientSession,
  type UserIdentityInfo,
} from 'node-opcua';
import {
  keyOperationsFromPrivateKey,
  readCertificateChain,
  readPrivateKey,
} from 'node-opcua-crypto';
import { MillwrightError } from '../../contracts/index.ts';
import type { EdgeLogger, EdgeMetrics } from '../common/index.ts';
import type { OpcuaSecurity } from '../template/index.ts';
import { listCertificates } from './pki-folder.ts';

// node-opcua writes warnings (Node 20's security warning among them) to stdout by default;
// they belong on stderr, where logs of this kind go and where test runners tolerate them.
const toStderr = (...args: unknown[]): void => {
  const text = args.filter((a) => typeof a !== 'object' || a === null).map(String);
  process.stderr.write(`${text.join(' ')}\n`);
};
setWarningLogger(toStderr);
setErrorLogger(toStderr);

export interface SessionOptions {
  readonly endpoint: string;
  readonly security: OpcuaSecurity;
  readonly logger: EdgeLogger;
  readonly metrics: EdgeMetrics;
  readonly applicationName?: string;
}

function identity(security: OpcuaSecurity): UserIdentityInfo {
  const user = security.user;
  if (user === undefined) return { type: UserTokenType.Anonymous };
  if ('username' in user)
    return { type: UserTokenType.UserName, userName: user.username, password: user.password };
  return {
    type: UserTokenType.Certificate,
    certificateData: readCertificateChain(user.certificateFile)[0] ?? Buffer.alloc(0),
    keyOperations: keyOperationsFromPrivateKey(readPrivateKey(user.privateKeyFile)),
  };
}

export function certificateManager(pkiFolder: string): OPCUACertificateManager {
  return new OPCUACertificateManager({
    rootFolder: pkiFolder,
    automaticallyAcceptUnknownCertificate: false,
  });
}

/** Connects and opens a session; the client reconnects by itself afterwards. */
export async function openSession(
  options: SessionOptions,
): Promise<{ client: OPCUAClient; session: ClientSession }> {
  const { security, logger, metrics, endpoint } = options;
  const client = OPCUAClient.create({
    applicationName: options.applicationName ?? 'millwright-edge',
    endpointMustExist: false,
    securityMode: MessageSecurityMode[security.mode],
    securityPolicy: SecurityPolicy[security.policy],
    keepSessionAlive: true,
    requestedSessionTimeout: 60_000,
    connectionStrategy: { initialDelay: 250, maxDelay: 2_000, maxRetry: 1_000_000 },
    ...(security.pkiFolder === undefined
      ? {}
      : { clientCertificateManager: certificateManager(security.pkiFolder) }),
  });
  let lostAt: number | undefined;
  client.on('connection_lost', () => {
    lostAt = Date.now();
    metrics.set('connection', 'reconnecting');
    logger.warn({ code: 'MW_EDGE_CONNECTION_LOST', endpoint }, 'opc ua connection lost');
  });
  client.on('after_reconnection', () => {
    const gapMs = lostAt === undefined ? 0 : Date.now() - lostAt;
    metrics.increment('reconnects');
    metrics.set('lastGapMs', gapMs);
    metrics.set('connection', 'connected');
    logger.warn(
      { code: 'MW_EDGE_CONNECTION_LOST', endpoint, gapMs },
      `opc ua reconnected after a ${gapMs} ms gap`,
    );
  });
  try {
    metrics.set('connection', 'connecting');
    await client.connect(endpoint);
    const session = await client.createSession(identity(security));
    metrics.set('connection', 'connected');
    return { client, session };
  } catch (cause) {
    await client.disconnect().catch(() => undefined);
    if (
      /BadCertificateUntrusted/.test((cause as Error).message) &&
      security.pkiFolder !== undefined
    ) {
      const rejected = listCertificates(security.pkiFolder).filter((c) => c.status === 'rejected');
      throw new MillwrightError(
        'MW_EDGE_OPCUA_CERT_UNTRUSTED',
        `the server at ${endpoint} presented a certificate that is not trusted; check it, then run \`millwright certs trust <thumbprint> --pki ${security.pkiFolder}\``,
        {
          endpoint,
          pkiFolder: security.pkiFolder,
          rejected: rejected.map((c) => ({ thumbprint: c.thumbprint, subject: c.subject })),
        },
        { cause },
      );
    }
    throw new MillwrightError(
      'MW_EDGE_OPCUA_CONNECT_FAILED',
      `cannot open an OPC UA session on ${endpoint}: ${(cause as Error).message}`,
      { endpoint, mode: security.mode, policy: security.policy },
      { cause },
    );
  }
}
