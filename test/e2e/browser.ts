// Debian's chromium driven by playwright-core for the browser tests. Where chromium is absent
// the suite says loudly that it did not run (apt-get install chromium), or fails under
// MILLWRIGHT_REQUIRE_SERVERS=1 (.ci/run installs it), like describeWithServers.
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, offline, throwaway browser (headless is added by playwright-core). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumInstalled(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function describeWithChromium(name: string, body: () => void): void {
  if (chromiumInstalled()) {
    describe(name, body);
    return;
  }
  const message = `${name}: needs ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env['MILLWRIGHT_REQUIRE_SERVERS'] === '1') {
    describe(name, () => {
      it('has chromium (MILLWRIGHT_REQUIRE_SERVERS=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`\n*** NOT RUN: ${message} ***\n\n`);
  describe.skip(name, body);
}

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless chromium with a new, empty profile folder (removed on close). */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'mw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', ...FLAGS],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
