// `millwright certs list|trust|reject|own`: operates the OPC UA client PKI folder, so an ops
// person can see which server certificates were rejected and trust one explicitly by
// thumbprint, and hand the edge's own certificate to a server that must trust it.
import { join } from 'node:path';
import { MillwrightError } from '../../../contracts/index.ts';
import {
  ensureOwnCertificate,
  listCertificates,
  rejectCertificate,
  trustCertificate,
  type PkiCertificate,
} from '../../../edge/opcua/index.ts';
import type { Command } from '../command.ts';

const line = (c: PkiCertificate) =>
  `${c.status.padEnd(8)} ${c.thumbprint}  ${c.subject}  (valid to ${c.validTo.slice(0, 10)})`;

export const certsCommand: Command = {
  name: 'certs',
  summary:
    "List, trust or reject OPC UA server certificates in the client PKI folder; show the edge's own.",
  usage: 'millwright certs list|trust <thumbprint>|reject <thumbprint>|own [--pki <folder>]',
  options: {
    pki: {
      type: 'string',
      description: 'the client PKI folder of the OPC UA source',
      default: './data/pki',
    },
  },
  async run({ values, positionals }) {
    const pki = typeof values['pki'] === 'string' ? values['pki'] : join('data', 'pki');
    const [action, target] = positionals;
    if (action === 'own') {
      // Created on first use; a SignAndEncrypt server must trust it before the edge connects.
      const own = await ensureOwnCertificate(pki);
      console.log(`${line(own)}\n${own.file}`);
      return 0;
    }
    if (action === 'list') {
      const certificates = listCertificates(pki);
      console.log(
        certificates.length === 0 ? `no certificates in ${pki}` : certificates.map(line).join('\n'),
      );
      return 0;
    }
    if ((action === 'trust' || action === 'reject') && target !== undefined) {
      const result =
        action === 'trust' ? trustCertificate(pki, target) : rejectCertificate(pki, target);
      console.log(line(result));
      return 0;
    }
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      'usage: millwright certs list | trust <thumbprint> | reject <thumbprint> | own',
      { command: 'certs' },
    );
  },
};
