// `millwright simulate`: runs the plant simulator alone (OPC UA server with SignAndEncrypt, UNS
// and Sparkplug B publishers, embedded aedes broker unless --mqtt-url names one) until Ctrl-C,
// then prints what it produced, so a user can point any edge at it and compare counts. The
// server trusts the edge certificates it is given (--trust-edge), never unknown ones.
import { MillwrightError } from '../../../contracts/index.ts';
import {
  PlantSimulator,
  SIMULATOR_FAULTS,
  type SimulatorFault,
} from '../../../edge/simulator/index.ts';
import { untilStopSignal } from '../../runtime/run-node.ts';
import type { Command } from '../command.ts';

function intOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      `--${name} must be a whole number from 0 to ${max}, got "${JSON.stringify(raw)}"`,
      { command: 'simulate', option: name },
    );
  }
  return value;
}

function parseFaults(raw: unknown): SimulatorFault[] {
  if (typeof raw !== 'string' || raw === '') return [];
  return raw.split(',').map((name) => {
    const kind = SIMULATOR_FAULTS.find((f) => f === name.trim());
    if (kind === undefined) {
      throw new MillwrightError(
        'MW_PLATFORM_COMMAND_INVALID',
        `--faults: "${name}" is not one of ${SIMULATOR_FAULTS.join(', ')}`,
        { command: 'simulate', option: 'faults' },
      );
    }
    return kind;
  });
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run the plant simulator (OPC UA server, MQTT UNS and Sparkplug B publishers).',
  usage: 'millwright simulate [options]',
  options: {
    'opcua-port': { type: 'string', description: 'port of the OPC UA server', default: '4840' },
    'mqtt-url': { type: 'string', description: 'publish to this broker instead of starting aedes' },
    'mqtt-port': {
      type: 'string',
      description: 'port of the embedded aedes broker',
      default: '1883',
    },
    rate: { type: 'string', description: 'machine cycles per second', default: '2' },
    seed: { type: 'string', description: 'seed of the machine models', default: '1' },
    faults: {
      type: 'string',
      description: `faults to inject in turn, comma separated: ${SIMULATOR_FAULTS.join(', ')}`,
    },
    'fault-every': {
      type: 'string',
      description: 'seconds between injected faults',
      default: '30',
    },
    pki: {
      type: 'string',
      description: "the OPC UA server's PKI folder (its certificate, trusted/ and rejected/ edges)",
      default: './data/simulator-pki',
    },
    'trust-edge': {
      type: 'string',
      description: "an edge's certificate to trust (`millwright certs own` prints it); repeatable",
      multiple: true,
    },
  },
  async run({ values }) {
    const rate = intOption(values, 'rate', 2, 1_000);
    const mqttUrl = values['mqtt-url'];
    const pki = typeof values['pki'] === 'string' ? values['pki'] : './data/simulator-pki';
    const sim = new PlantSimulator({
      opcuaPkiFolder: pki,
      seed: intOption(values, 'seed', 1, 2 ** 31),
      tickMs: rate === 0 ? 0 : Math.max(1, Math.round(1_000 / rate)),
      opcuaPort: intOption(values, 'opcua-port', 4840, 65_535),
      mqttPort: intOption(values, 'mqtt-port', 1883, 65_535),
      ...(typeof mqttUrl === 'string' ? { mqttUrl } : {}),
    });
    const trusted = values['trust-edge'];
    for (const file of (Array.isArray(trusted) ? trusted : [trusted]).filter(
      (f): f is string => typeof f === 'string',
    ))
      sim.opcua.trustClient(file);
    const faults = parseFaults(values['faults']);
    const faultEveryS = intOption(values, 'fault-every', 30, 86_400);
    await sim.start();
    let next = 0;
    let injecting: Promise<unknown> = Promise.resolve();
    const faultTimer =
      faults.length === 0
        ? undefined
        : setInterval(
            () => {
              const kind = faults[next++ % faults.length];
              if (kind === undefined) return;
              injecting = injecting
                .then(() => sim.injectFault(kind))
                .then((what) => {
                  console.log(`fault ${kind}: ${what}`);
                })
                .catch((error: unknown) => {
                  console.error(`fault ${kind} failed: ${(error as Error).message}`);
                });
            },
            Math.max(1, faultEveryS) * 1_000,
          );
    console.log(
      [
        'millwright plant simulator running (plant P100, see examples/plants/p100.yaml)',
        `  opc ua:  ${sim.urls.opcua} (SignAndEncrypt: Basic256Sha256 or Aes128_Sha256_RsaOaep)`,
        `  pki:     ${pki}: certificate own/certs/certificate.pem; a refused edge lands in rejected/`,
        `           (trust it: millwright certs trust <thumbprint> --pki ${pki})`,
        `  mqtt:    ${sim.urls.mqtt} (UNS acme/p100/#, Sparkplug spBv1.0/P100/#)`,
        `  rate:    ${rate} cycles/s`,
        `  faults:  ${faults.length === 0 ? 'none' : `${faults.join(', ')} every ${faultEveryS} s`}`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await untilStopSignal(() => process.exit(1));
    clearInterval(faultTimer);
    await injecting;
    await sim.stop();
    console.log(`produced: ${JSON.stringify(sim.oracle())}`);
    console.log(
      `uns messages: ${sim.uns.published}, sparkplug: ${JSON.stringify(Object.fromEntries(sim.sparkplug.published))}`,
    );
    return 0;
  },
};
