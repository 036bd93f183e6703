// The weakened-security choices a template made explicitly (OPC UA None or Sign, MQTT TLS
// verification off, MQTT passwords over plain TCP), worded for a log line at start and for
// `millwright check`. It refuses nothing: the schema already made these explicit opt-ins.
import type { ErrorCode } from '../../contracts/index.ts';
import { SECURE_URL } from './link-security.schema.ts';
import type { SourceDefinition } from './plant-template.schema.ts';

export interface SecurityWarning {
  readonly source: string;
  readonly path: readonly string[];
  readonly message: string;
}

export function securityWarnings(source: string, def: SourceDefinition): SecurityWarning[] {
  const warnings: SecurityWarning[] = [];
  const at = (path: string[], message: string) => {
    warnings.push({ source, path: ['sources', source, ...path], message });
  };
  if (def.protocol === 'opcua') {
    if (def.security.mode === 'None')
      at(
        ['security', 'mode'],
        'OPC UA SecurityMode None: tag values and writes travel unauthenticated and in clear text; use it only against a local simulator',
      );
    else if (def.security.mode === 'Sign')
      at(
        ['security', 'mode'],
        'OPC UA SecurityMode Sign: messages are signed but not encrypted, anyone on the network reads the values',
      );
    return warnings;
  }
  if (def.tls?.insecureSkipVerify === true)
    at(
      ['tls', 'insecureSkipVerify'],
      "TLS verification of the broker's certificate is OFF: anyone on the path can impersonate the broker",
    );
  if (
    !SECURE_URL.test(def.url) &&
    (def.passwordFile !== undefined || def.passwordEnv !== undefined)
  )
    at(['url'], 'the MQTT password travels in clear text: use mqtts:// with tls');
  return warnings;
}

/** Logs each warning of a source as MW_EDGE_SECURITY_WEAKENED; adapters call it at start. */
export function logSecurityWarnings(
  logger: { warn(obj: object, msg?: string): void },
  source: string,
  def: SourceDefinition,
): void {
  for (const warning of securityWarnings(source, def)) {
    logger.warn(
      {
        code: 'MW_EDGE_SECURITY_WEAKENED' satisfies ErrorCode,
        source,
        option: warning.path.join('.'),
      },
      warning.message,
    );
  }
}
