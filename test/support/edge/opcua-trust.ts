// Explicit trust between a test's edge (the OPC UA client) and the simulated server, both ways,
// as administrators set it up: the edge's certificate is made first and copied into the
// server's trusted/certs, the server's certificate into the edge's once the server made it.
// Nothing is ever accepted automatically on either side.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOwnCertificate } from '../../../edge/opcua/index.ts';
import type { OpcuaPlantServer } from '../../../edge/simulator/index.ts';

/**
 * Starts the server through `start` (the server's own, or a simulator's) with the edge whose
 * PKI is `clientPki` trusted, then trusts the server's certificate in `clientPki`.
 */
export async function startTrusted(
  server: OpcuaPlantServer,
  clientPki: string,
  start: () => Promise<void> = () => server.start(),
): Promise<void> {
  const own = await ensureOwnCertificate(clientPki);
  server.trustClient(own.file);
  await start();
  trustServer(server, clientPki);
}

/** Copies the server's certificate into the edge's trusted/certs. */
export function trustServer(server: OpcuaPlantServer, clientPki: string): void {
  const folder = join(clientPki, 'trusted', 'certs');
  mkdirSync(folder, { recursive: true });
  copyFileSync(server.certificateFile, join(folder, 'millwright-simulator.pem'));
}
