// The simulated OPC UA plant: a node-opcua server exposing per machine Good, Scrap, State,
// Reason and Temperature (ns=1;s=<machine>.<name>), advanced one deterministic cycle per tick.
// It counts what it produced (its oracle) and injects faults: stop/restart, a silent stall.
// Secure like a real server: SignAndEncrypt, client certificates trusted explicitly (its PKI
// folder's trusted/certs), never accepted automatically; None only when asked for.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  type UAVariable,
} from 'node-opcua';
import { describeCertificate } from '../opcua/index.ts';
import type { MachineSnapshot } from './machine-model.ts';

export type SimulatorSecurityMode = 'None' | 'Sign' | 'SignAndEncrypt';

export interface OpcuaPlantServerOptions {
  readonly port: number;
  readonly machines: readonly string[];
  /**
   * The server's PKI: its own certificate (created on first start) and the client certificates
   * it trusts (trusted/certs; unknown ones land in rejected/). Needed unless only None is offered.
   */
  readonly pkiFolder?: string;
  /**
   * Security modes offered; default SignAndEncrypt only (policies Basic256Sha256 and
   * Aes128_Sha256_RsaOaep). ['None'] makes an insecure server, for tests that it is refused.
   */
  readonly securityModes?: readonly SimulatorSecurityMode[];
  /** Accepted user name / password pairs, besides anonymous sessions. */
  readonly users?: readonly { readonly username: string; readonly password: string }[];
}

interface Machine {
  readonly vars: Record<'Good' | 'Scrap' | 'State' | 'Reason' | 'Temperature', UAVariable>;
}

export class OpcuaPlantServer {
  readonly options: OpcuaPlantServerOptions;
  /** Cycles run: machine m's Good counter equals ticks after `tick()` was called `ticks` times. */
  ticks = 0;
  #server: OPCUAServer | undefined;
  #machines = new Map<string, Machine>();

  constructor(options: OpcuaPlantServerOptions) {
    this.options = options;
  }

  get endpointUrl(): string {
    return `opc.tcp://127.0.0.1:${this.options.port}/millwright/sim`;
  }

  /** The server's own certificate, for a client to trust (after the first start). */
  get certificateFile(): string {
    return join(this.#pki(), 'own', 'certs', 'certificate.pem');
  }

  /** Trusts a client certificate explicitly, as an administrator copies it into trusted/certs. */
  trustClient(certificateFile: string): void {
    const folder = join(this.#pki(), 'trusted', 'certs');
    mkdirSync(folder, { recursive: true });
    // Named by thumbprint: every edge's file is called client_certificate.pem.
    const thumbprint = describeCertificate(certificateFile, 'trusted')?.thumbprint;
    if (thumbprint === undefined) throw new Error(`no certificate in ${certificateFile}`);
    copyFileSync(certificateFile, join(folder, `${thumbprint}.pem`));
  }

  #pki(): string {
    const { pkiFolder } = this.options;
    if (pkiFolder === undefined) throw new Error('the simulated OPC UA server has no pkiFolder');
    return pkiFolder;
  }

  async start(): Promise<void> {
    const { port, pkiFolder } = this.options;
    const modes = this.options.securityModes ?? ['SignAndEncrypt'];
    const secure = modes.some((mode) => mode !== 'None');
    if (secure && pkiFolder === undefined)
      throw new Error('a secure simulated OPC UA server needs a pkiFolder (trusted client certs)');
    const server = new OPCUAServer({
      port,
      hostname: '127.0.0.1',
      resourcePath: '/millwright/sim',
      alternateHostname: ['127.0.0.1'],
      securityModes: modes.map((mode) => MessageSecurityMode[mode]),
      securityPolicies: [
        ...(modes.includes('None') ? [SecurityPolicy.None] : []),
        ...(secure ? [SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep] : []),
      ],
      allowAnonymous: true,
      userManager: {
        isValidUser: (username: string, password: string) => {
          return (this.options.users ?? []).some(
            (u) => u.username === username && u.password === password,
          );
        },
      },
      ...(pkiFolder === undefined
        ? {}
        : {
            serverCertificateManager: new OPCUACertificateManager({
              rootFolder: pkiFolder,
              automaticallyAcceptUnknownCertificate: false,
            }),
          }),
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace;
    if (addressSpace === null) throw new Error('OPC UA server has no address space');
    const namespace = addressSpace.getOwnNamespace();
    const objects = addressSpace.rootFolder.objects;
    for (const name of this.options.machines) {
      const folder = namespace.addObject({ organizedBy: objects, browseName: name });
      const variable = (field: string, dataType: DataType, value: number) =>
        namespace.addVariable({
          componentOf: folder,
          browseName: field,
          nodeId: `s=${name}.${field}`,
          dataType,
          minimumSamplingInterval: 10,
          value: { dataType, value },
        });
      this.#machines.set(name, {
        vars: {
          Good: variable('Good', DataType.UInt32, this.ticks),
          Scrap: variable('Scrap', DataType.UInt32, Math.floor(this.ticks / 10)),
          State: variable('State', DataType.Int32, 1),
          Reason: variable('Reason', DataType.Int32, 0),
          Temperature: variable('Temperature', DataType.Double, 150),
        },
      });
    }
    await server.start();
    this.#server = server;
  }

  /** One production cycle on every machine: Good +1, Scrap +1 every 10th, temperature moves. */
  tick(): void {
    this.ticks += 1;
    const t = this.ticks;
    for (const { vars } of this.#machines.values()) {
      vars.Good.setValueFromSource({ dataType: DataType.UInt32, value: t });
      if (t % 10 === 0) vars.Scrap.setValueFromSource({ dataType: DataType.UInt32, value: t / 10 });
      vars.Temperature.setValueFromSource({ dataType: DataType.Double, value: 150 + (t % 20) });
    }
  }

  /** Writes a machine's snapshot from the machine model (unchanged values are not re-sent). */
  write(machine: string, snapshot: MachineSnapshot): void {
    const vars = this.#machines.get(machine)?.vars;
    if (vars === undefined) throw new Error(`unknown machine ${machine}`);
    const set = (v: UAVariable, dataType: DataType, value: number) => {
      if (v.readValue().value.value !== value) v.setValueFromSource({ dataType, value });
    };
    set(vars.Good, DataType.UInt32, snapshot.good);
    set(vars.Scrap, DataType.UInt32, snapshot.scrap);
    set(vars.State, DataType.Int32, snapshot.state);
    set(vars.Reason, DataType.Int32, snapshot.reason);
    set(vars.Temperature, DataType.Double, snapshot.temperatureF);
  }

  /** Fault: every subscription stops publishing (no data, no keep-alive); sessions stay. */
  stall(): number {
    let stalled = 0;
    for (const session of this.#server?.engine.getSessions() ?? []) {
      for (const subscription of session.publishEngine.subscriptions) {
        (subscription as unknown as { _stop_timer(): void })._stop_timer();
        stalled += 1;
      }
    }
    return stalled;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#machines = new Map();
    await server?.shutdown(0);
  }
}
