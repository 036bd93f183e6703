// The demo's plant: the edge plant simulator (OPC UA server, UNS and Sparkplug publishers on its
// embedded aedes broker) on free loopback ports, secured as a real plant would be, and the
// plant template that points the edge at it. The demo owns both ends, so it sets up the trust
// an administrator would (decision 0853): the edge's OPC UA certificate in the server's trust
// list and the server's in the edge's, the broker's TLS certificate and the edge's login.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOwnCertificate, trustCertificateFile } from '../../../edge/opcua/index.ts';
import { PlantSimulator } from '../../../edge/simulator/index.ts';
import { freeLoopbackPort } from '../../platform/free-port.ts';
import { demoBrokerSecurity } from './demo-broker-security.ts';
import { demoTemplateText } from './demo-template.ts';

export interface DemoPlantOptions {
  /** Folder of the demo's files: PKI folders, broker certificate, password, template. */
  readonly dir: string;
  readonly seed?: number;
}

export interface DemoPlant {
  readonly simulator: PlantSimulator;
  /** The plant template of the edge group (MILLWRIGHT_PLANT_TEMPLATE). */
  readonly templateFile: string;
  readonly dir: string;
  /** When the simulator started: this run's first readings are not older. */
  readonly startedAt: number;
  stop(): Promise<void>;
}

export async function startDemoPlant(options: DemoPlantOptions): Promise<DemoPlant> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const edgePki = join(dir, 'edge-pki');
  const edgeCertificate = await ensureOwnCertificate(edgePki);
  const broker = await demoBrokerSecurity(dir);
  const simulator = new PlantSimulator({
    seed: options.seed ?? 1,
    tickMs: 0, // the demo ticks the machines itself
    opcuaPort: await freeLoopbackPort(),
    opcuaPkiFolder: join(dir, 'simulator-pki'),
    mqttPort: 0,
    mqttTls: broker.tls,
    mqttUsers: [broker.edge],
    mqttCredentials: broker.publisher,
  });
  simulator.opcua.trustClient(edgeCertificate.file);
  const startedAt = Date.now();
  await simulator.start();
  try {
    // The server made its certificate on its first start; from then on it is the same one.
    trustCertificateFile(edgePki, simulator.opcua.certificateFile);
    const templateFile = join(dir, 'p100-demo.yaml');
    writeFileSync(
      templateFile,
      demoTemplateText({
        opcuaEndpoint: simulator.urls.opcua,
        pkiFolder: edgePki,
        mqttUrl: simulator.urls.mqtt,
        caFile: broker.caFile,
        username: broker.edge.username,
        passwordFile: broker.passwordFile,
      }),
    );
    return { simulator, templateFile, dir, startedAt, stop: () => simulator.stop() };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}
