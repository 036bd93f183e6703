// The OPC UA transport: a node-opcua client with the template's security (Part 4 §5.4; Part 7
// security policies), the PKI folder (never node-opcua's auto-accepting default), the user
// identity with its password resolved at start, endless reconnect, and the gap report when the
// connection comes back. It knows nothing of signals or frames.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MessageSecurityMode,
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
import {
  resolvePassword,
  type EdgeLogger,
  type EdgeMetrics,
  type SecretReader,
} from '../common/index.ts';
import type { OpcuaSecurity } from '../template/index.ts';
import { EDGE_APPLICATION_NAME } from './own-certificate.ts';
import { certificateManager } from './pki-folder.ts';
import { explainConnectFailure } from './session-errors.ts';

// node-opcua writes warnings (Node 20's security warning among them) to stdout by default;
// they belong on stderr, where logs of this kind go and where test runners tolerate them.
const toStderr = (...args: unknown[]): void => {
  const text = args.filter((a) => typeof a !== 'object' || a === null).map(String);
  process.stderr.write(`${text.join(' ')}\n`);
};
setWarningLogger(toStderr);
setErrorLogger(toStderr);

export interface SessionOptions {
  /** Name of the source in the template: its options are named `sources.<source>.…`. */
  readonly source: string;
  readonly endpoint: string;
  readonly security: OpcuaSecurity;
  readonly logger: EdgeLogger;
  readonly metrics: EdgeMetrics;
  readonly applicationName?: string;
  /** Used when the template names no pkiFolder (a node passes `<data dir>/pki`). */
  readonly pkiFolder?: string | undefined;
  readonly secrets?: SecretReader | undefined;
}

/** Part 4 §7.36 user identity token; the password is read here, at session start. */
function identity(options: SessionOptions): UserIdentityInfo {
  const user = options.security.user;
  if (user === undefined) return { type: UserTokenType.Anonymous };
  if (user.username !== undefined) {
    const path = `sources.${options.source}.security.user`;
    const password = resolvePassword(user, path, options.secrets);
    return {
      type: UserTokenType.UserName,
      userName: user.username,
      password: password?.reveal() ?? '',
    };
  }
  // The schema makes certificateFile and privateKeyFile go together.
  const certificate = user.certificateFile ?? '';
  const key = user.privateKeyFile ?? '';
  return {
    type: UserTokenType.Certificate,
    certificateData: readCertificateChain(certificate)[0] ?? Buffer.alloc(0),
    keyOperations: keyOperationsFromPrivateKey(readPrivateKey(key)),
  };
}

/**
 * The PKI folder of a session; a secured session without one is refused before connecting. A
 * None session gets a scratch folder, so node-opcua's default PKI (in the home folder, accepting
 * every certificate) is never used.
 */
function pkiFolderOf(options: SessionOptions): string {
  const folder = options.security.pkiFolder ?? options.pkiFolder;
  if (folder !== undefined) return folder;
  if (options.security.mode !== 'None') {
    const path = ['sources', options.source, 'security', 'pkiFolder'];
    throw new MillwrightError(
      'MW_EDGE_TEMPLATE_INVALID',
      `${path.join('.')}: SecurityMode ${options.security.mode} needs a PKI folder for the client's certificate and the servers it trusts; name one, or run the source in a node (it uses <data dir>/pki)`,
      { issues: [{ path, message: 'a PKI folder is needed' }] },
    );
  }
  return join(tmpdir(), 'millwright-discovery-pki');
}

/** Connects and opens a session; the client reconnects by itself afterwards. */
export async function openSession(
  options: SessionOptions,
): Promise<{ client: OPCUAClient; session: ClientSession }> {
  const { security, logger, metrics, endpoint } = options;
  const pkiFolder = pkiFolderOf(options);
  const client = OPCUAClient.create({
    applicationName: options.applicationName ?? EDGE_APPLICATION_NAME,
    endpointMustExist: false,
    securityMode: MessageSecurityMode[security.mode],
    securityPolicy: SecurityPolicy[security.policy],
    keepSessionAlive: true,
    requestedSessionTimeout: 60_000,
    connectionStrategy: { initialDelay: 250, maxDelay: 2_000, maxRetry: 1_000_000 },
    clientCertificateManager: certificateManager(pkiFolder),
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
    const session = await client.createSession(identity(options));
    metrics.set('connection', 'connected');
    return { client, session };
  } catch (cause) {
    metrics.set('connection', 'offline');
    await client.disconnect().catch(() => undefined);
    if (cause instanceof MillwrightError) throw cause;
    throw await explainConnectFailure(cause as Error, { endpoint, security, pkiFolder });
  }
}
