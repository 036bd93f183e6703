// A throwaway PKI for security tests, made with the openssl binary in a temp folder: a CA, a
// server certificate for 127.0.0.1 / localhost, client certificates, and a second CA whose
// certificates no server here trusts. EC P-256 keys keep generation fast.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertificatePair {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TestCa {
  readonly caFile: string;
  issue(name: string, usage: 'server' | 'client'): CertificatePair;
}

export interface TestPki {
  readonly dir: string;
  createCa(name: string): TestCa;
  dispose(): void;
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function createPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'mw-pki-'));
  // Servers may drop root privileges (mosquitto runs as its own user): let them read the files.
  chmodSync(dir, 0o755);
  return {
    dir,
    createCa(caName) {
      const caKey = join(dir, `${caName}.key`);
      const caFile = join(dir, `${caName}.pem`);
      openssl(dir, [
        'req',
        '-x509',
        ...EC,
        '-keyout',
        caKey,
        '-out',
        caFile,
        '-days',
        '2',
        '-subj',
        `/CN=${caName} test CA`,
      ]);
      return {
        caFile,
        issue(name, usage) {
          const keyFile = join(dir, `${name}.key`);
          const certFile = join(dir, `${name}.pem`);
          const csr = join(dir, `${name}.csr`);
          const ext = join(dir, `${name}.ext`);
          writeFileSync(
            ext,
            usage === 'server'
              ? 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
              : 'extendedKeyUsage=clientAuth\n',
          );
          openssl(dir, ['req', ...EC, '-keyout', keyFile, '-out', csr, '-subj', `/CN=${name}`]);
          openssl(dir, [
            'x509',
            '-req',
            '-in',
            csr,
            '-CA',
            caFile,
            '-CAkey',
            caKey,
            '-CAcreateserial',
            '-out',
            certFile,
            '-days',
            '2',
            '-extfile',
            ext,
          ]);
          chmodSync(keyFile, 0o644);
          return { certFile, keyFile };
        },
      };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
