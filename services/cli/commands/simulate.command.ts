// `millwright simulate`: runs the plant simulator alone (OPC UA server, UNS and Sparkplug B
// publishers, embedded aedes broker unless --mqtt-url names one) until Ctrl-C, then prints
// what it produced, so a user can point any edge at it and compare counts.
import { MillwrightError } from '../../../contracts/index.ts';
import { PlantSimulator } from '../../../edge/simulator/index.ts';
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
  },
  async run({ values }) {
    const rate = intOption(values, 'rate', 2, 1_000);
    const mqttUrl = values['mqtt-url'];
    const sim = new PlantSimulator({
      seed: intOption(values, 'seed', 1, 2 ** 31),
      tickMs: rate === 0 ? 0 : Math.max(1, Math.round(1_000 / rate)),
      opcuaPort: intOption(values, 'opcua-port', 4840, 65_535),
      mqttPort: intOption(values, 'mqtt-port', 1883, 65_535),
      ...(typeof mqttUrl === 'string' ? { mqttUrl } : {}),
    });
    await sim.start();
    console.log(
      [
        'millwright plant simulator running (plant P100, see examples/plants/p100.yaml)',
        `  opc ua:  ${sim.urls.opcua}`,
        `  mqtt:    ${sim.urls.mqtt} (UNS acme/p100/#, Sparkplug spBv1.0/P100/#)`,
        `  rate:    ${rate} cycles/s`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await untilStopSignal(() => process.exit(1));
    await sim.stop();
    console.log(`produced: ${JSON.stringify(sim.oracle())}`);
    console.log(
      `uns messages: ${sim.uns.published}, sparkplug: ${JSON.stringify(Object.fromEntries(sim.sparkplug.published))}`,
    );
    return 0;
  },
};
