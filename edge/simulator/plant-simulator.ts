// The plant simulator behind `millwright simulate` and embedded mode: machine models driving an
// OPC UA server, a UNS JSON publisher and a Sparkplug B edge node, on an MQTT broker it starts
// (aedes) unless given one. Deterministic from a seed; keeps the oracle of what it produced;
// injects faults on request.
import {
  startEmbeddedBroker,
  type BrokerCredentials,
  type EmbeddedBroker,
  type EmbeddedBrokerOptions,
} from './embedded-broker.ts';
import { MachineModel, type MachineSnapshot } from './machine-model.ts';
import { OpcuaPlantServer, type SimulatorSecurityMode } from './opcua-plant-server.ts';
import type { PublisherLink } from './publisher-link.ts';
import { SparkplugEdgeNode } from './sparkplug-edge-node.ts';
import { UnsPublisher } from './uns-publisher.ts';

export interface PlantSimulatorOptions {
  readonly seed?: number;
  /** Cycle period; 0 drives it by `tick()` only (tests). */
  readonly tickMs?: number;
  readonly opcuaPort: number;
  /** PKI of the OPC UA server: its certificate and the edge certificates it trusts. */
  readonly opcuaPkiFolder?: string;
  /** Default SignAndEncrypt only; see OpcuaPlantServerOptions. */
  readonly opcuaSecurityModes?: readonly SimulatorSecurityMode[];
  /** An external broker (mosquitto); none starts the embedded aedes broker on `mqttPort`. */
  readonly mqttUrl?: string;
  readonly mqttPort?: number;
  readonly mqttVersion?: 4 | 5;
  /** What the simulator's own publishers log in with (to the embedded or an external broker). */
  readonly mqttCredentials?: BrokerCredentials;
  /** The embedded broker admits only these users, plus `mqttCredentials`; unset: anyone. */
  readonly mqttUsers?: readonly BrokerCredentials[];
  /** The embedded broker serves mqtts:// with this key and certificate; the publishers trust it. */
  readonly mqttTls?: EmbeddedBrokerOptions['tls'];
  readonly presses?: readonly string[];
  readonly cells?: readonly string[];
  readonly packers?: readonly string[];
}

export const SIMULATOR_FAULTS = ['restart', 'stall', 'seq-gap', 'bad-values'] as const;
export type SimulatorFault = (typeof SIMULATOR_FAULTS)[number];

const PACKER_METRICS = {
  'Counters/Good': 'Int64',
  'Counters/Scrap': 'Int64',
  State: 'Int32',
  Pressure: 'Double',
} as const;

export class PlantSimulator {
  readonly options: PlantSimulatorOptions;
  readonly models = new Map<string, MachineModel>();
  readonly opcua: OpcuaPlantServer;
  readonly uns = new UnsPublisher();
  readonly sparkplug: SparkplugEdgeNode;
  #broker: EmbeddedBroker | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> = Promise.resolve();
  #mqttUrl = '';

  constructor(options: PlantSimulatorOptions) {
    this.options = options;
    const seed = options.seed ?? 1;
    const presses = options.presses ?? ['Press1', 'Press2'];
    const all = [
      ...presses,
      ...(options.cells ?? ['WC-ASSY-1', 'WC-ASSY-2']),
      ...(options.packers ?? ['WC-PACK-1', 'WC-PACK-2']),
    ];
    all.forEach((name, i) => this.models.set(name, new MachineModel(seed * 1_000 + i)));
    this.opcua = new OpcuaPlantServer({
      port: options.opcuaPort,
      machines: presses,
      ...(options.opcuaPkiFolder === undefined ? {} : { pkiFolder: options.opcuaPkiFolder }),
      ...(options.opcuaSecurityModes === undefined
        ? {}
        : { securityModes: options.opcuaSecurityModes }),
    });
    this.sparkplug = new SparkplugEdgeNode(
      'P100',
      'line-3',
      (options.packers ?? ['WC-PACK-1', 'WC-PACK-2']).map((id) => ({
        id,
        metrics: PACKER_METRICS,
        initial: { State: 1, Pressure: 2 },
      })),
    );
  }

  get urls(): { opcua: string; mqtt: string } {
    return { opcua: this.opcua.endpointUrl, mqtt: this.#mqttUrl };
  }

  async start(): Promise<void> {
    const { mqttCredentials, mqttUsers, mqttTls } = this.options;
    if (this.options.mqttUrl === undefined) {
      this.#broker = await startEmbeddedBroker({
        port: this.options.mqttPort ?? 0,
        ...(mqttUsers === undefined
          ? {}
          : { users: [...mqttUsers, ...(mqttCredentials === undefined ? [] : [mqttCredentials])] }),
        ...(mqttTls === undefined ? {} : { tls: mqttTls }),
      });
      this.#mqttUrl = this.#broker.url;
    } else this.#mqttUrl = this.options.mqttUrl;
    const link: PublisherLink = {
      protocolVersion: this.options.mqttUrl === undefined ? 4 : (this.options.mqttVersion ?? 5),
      ...(mqttCredentials ?? {}),
      ...(mqttTls === undefined ? {} : { ca: mqttTls.certPem }),
    };
    await this.opcua.start();
    await this.uns.connect(this.#mqttUrl, link);
    await this.sparkplug.connect(this.#mqttUrl, link);
    const tickMs = this.options.tickMs ?? 0;
    if (tickMs > 0) {
      this.#timer = setInterval(() => {
        this.#ticking = this.#ticking.then(() => this.tick()).catch(() => undefined);
      }, tickMs);
    }
  }

  /** One cycle of every machine (or of the named ones: the others stand still), written to its protocol. */
  async tick(machines?: readonly string[]): Promise<void> {
    const stamp = Date.now();
    for (const [name, model] of this.models) {
      if (machines !== undefined && !machines.includes(name)) continue;
      const before = model.snapshot;
      const now = model.step();
      if (this.opcua.options.machines.includes(name)) this.opcua.write(name, now);
      else if (this.sparkplug.devices.some((d) => d.id === name))
        await this.#packer(name, before, now, stamp);
      else await this.uns.publish('assembly', name, now, before, stamp);
    }
  }

  async #packer(
    name: string,
    before: MachineSnapshot,
    now: MachineSnapshot,
    stamp: number,
  ): Promise<void> {
    const values: Record<string, number> = {};
    if (before.good !== now.good) values['Counters/Good'] = now.good;
    if (before.scrap !== now.scrap) values['Counters/Scrap'] = now.scrap;
    if (before.state !== now.state) values['State'] = now.state;
    if (before.pressureBar !== now.pressureBar) values['Pressure'] = now.pressureBar;
    if (Object.keys(values).length > 0) await this.sparkplug.data(name, values, stamp);
  }

  /**
   * Publishes every MQTT machine's current readings again (UNS: each signal; Sparkplug: a new
   * NBIRTH / DBIRTH), for a host that subscribed after the simulator started: the first reading
   * of a stream is its zero point, so it must be the machine at rest, not its first part.
   * OPC UA needs nothing: a new monitored item reports the current value.
   */
  async announce(): Promise<void> {
    const stamp = Date.now();
    for (const [name, model] of this.models) {
      if (this.opcua.options.machines.includes(name)) continue;
      if (this.sparkplug.devices.some((d) => d.id === name)) continue;
      await this.uns.publish('assembly', name, model.snapshot, undefined, stamp);
    }
    if (this.sparkplug.devices.length > 0) await this.sparkplug.birth();
  }

  /** What each machine produced so far: the oracle tests compare against. */
  oracle(): Record<string, MachineSnapshot> {
    return Object.fromEntries([...this.models].map(([name, model]) => [name, model.snapshot]));
  }

  /** Fault: the OPC UA server goes away for `downMs` and comes back (same port, new sessions). */
  async restartOpcua(downMs: number): Promise<void> {
    await this.opcua.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.opcua.start();
    for (const name of this.opcua.options.machines) {
      const model = this.models.get(name);
      if (model !== undefined) this.opcua.write(name, model.snapshot);
    }
  }

  /**
   * Injects one fault: `restart` (OPC UA server away for 10 s), `stall` (OPC UA subscriptions go
   * silent), `seq-gap` (the Sparkplug node skips a seq number), `bad-values` (malformed JSON and a
   * wrong type on a UNS topic). Returns what it did, for the log.
   */
  async injectFault(kind: SimulatorFault): Promise<string> {
    switch (kind) {
      case 'restart':
        await this.restartOpcua(10_000);
        return 'OPC UA server was down for 10 s';
      case 'stall':
        return `${this.opcua.stall()} OPC UA subscription(s) stalled`;
      case 'seq-gap':
        this.sparkplug.skipSeq();
        return 'Sparkplug edge node skipped a seq number';
      case 'bad-values': {
        const cell =
          [...this.models.keys()].find((name) => name.startsWith('WC-ASSY')) ?? 'WC-ASSY-1';
        await this.uns.send(`${this.uns.root}/assembly/${cell}/good`, '{"value": ');
        await this.uns.send(`${this.uns.root}/assembly/${cell}/temperature`, '{"value": "hot"}');
        return `malformed JSON and a wrong type published for ${cell}`;
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#ticking;
    await this.sparkplug.disconnect().catch(() => undefined);
    await this.uns.disconnect();
    await this.opcua.stop();
    await this.#broker?.close();
  }
}
