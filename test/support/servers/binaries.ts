// Which server binaries the integration suites need, and what happens when one is missing:
// the suite reports loudly that it did not run and how to install the binary, or, with
// MILLWRIGHT_REQUIRE_SERVERS=1 (set by .ci/run), fails instead of skipping.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type ServerBinary = 'nats-server' | 'mosquitto';

const INSTALL_HINT = 'apt-get install nats-server mosquitto';
const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** Full path of a binary on PATH (or in the sbin folders Debian installs servers to). */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export function requireBinary(name: ServerBinary): string {
  const path = findBinary(name);
  if (path === undefined) throw new Error(`${name} is not on PATH; install it: ${INSTALL_HINT}`);
  return path;
}

/**
 * `describe` that runs only where the servers it needs can be started. Where they cannot, the
 * suite is reported as not run (stderr, loud) or, under MILLWRIGHT_REQUIRE_SERVERS=1, fails.
 */
export function describeWithServers(
  needs: readonly ServerBinary[],
  name: string,
  body: () => void,
): void {
  const missing = needs.filter((binary) => findBinary(binary) === undefined);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const message = `${name}: needs ${missing.join(' and ')} on PATH (${INSTALL_HINT})`;
  if (process.env['MILLWRIGHT_REQUIRE_SERVERS'] === '1') {
    describe(name, () => {
      it('has the servers it needs (MILLWRIGHT_REQUIRE_SERVERS=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`\n*** NOT RUN: ${message} ***\n\n`);
  describe.skip(name, body);
}
