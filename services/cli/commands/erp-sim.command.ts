// `millwright erp-sim`: runs the ERP simulator on its own (SAP S/4HANA-shaped OData endpoints
// over a SQLite ledger) until Ctrl-C, for a cluster demo or a connector under test. Faults can
// be scripted at start (`--fault error500:20000`) or later through POST /sim/faults.
import {
  DEMO_MATERIALS,
  ErpSimulator,
  FAULT_KINDS,
  type FaultKind,
} from '../../../connectors/index.ts';
import { MillwrightError } from '../../../contracts/index.ts';
import { untilStopSignal } from '../../runtime/run-node.ts';
import type { Command, ParsedOptions } from '../command.ts';

function invalid(message: string): MillwrightError {
  return new MillwrightError(
    'MW_PLATFORM_COMMAND_INVALID',
    `${message} (see \`millwright erp-sim --help\`)`,
    {
      command: 'erp-sim',
    },
  );
}

function text(values: ParsedOptions['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function port(value: string | undefined): number {
  const parsed = Number(value ?? '4300');
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535)
    throw invalid(`--port must be 0-65535, got "${value ?? ''}"`);
  return parsed;
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function fault(value: string): { kind: FaultKind; forMs: number; delayMs?: number } {
  const [kind, forMs, delayMs] = value.split(':');
  if (!FAULT_KINDS.includes(kind as FaultKind))
    throw invalid(`--fault kind must be one of ${FAULT_KINDS.join(', ')}, got "${kind ?? ''}"`);
  const window = Number(forMs);
  if (!Number.isInteger(window) || window <= 0) throw invalid('--fault needs kind:forMs[:delayMs]');
  return delayMs === undefined
    ? { kind: kind as FaultKind, forMs: window }
    : { kind: kind as FaultKind, forMs: window, delayMs: Number(delayMs) };
}

export const erpSimCommand: Command = {
  name: 'erp-sim',
  summary: 'Run the ERP simulator (SAP S/4HANA-shaped endpoints) until Ctrl-C.',
  usage: 'millwright erp-sim [options]',
  options: {
    port: { type: 'string', description: 'TCP port, 0 for any free one', default: '4300' },
    host: { type: 'string', description: 'address to listen on', default: '127.0.0.1' },
    db: { type: 'string', description: 'SQLite file of the books', default: ':memory:' },
    materials: {
      type: 'string',
      description: 'comma-separated materials ERP knows',
      default: DEMO_MATERIALS.join(','),
    },
    'closed-periods': { type: 'string', description: 'comma-separated closed periods, YYYY-MM' },
    'ignore-repeatability': {
      type: 'boolean',
      description: 'ignore Repeatability-Request-ID (an ERP API without idempotency)',
    },
    fault: {
      type: 'string',
      description: `kind:forMs[:delayMs] from start; kinds: ${FAULT_KINDS.join(', ')}`,
    },
  },
  async run({ values }) {
    const startFault = text(values, 'fault');
    const scripted = startFault === undefined ? undefined : fault(startFault);
    const db = text(values, 'db');
    const periods = list(text(values, 'closed-periods'));
    const simulator = await ErpSimulator.start({
      port: port(text(values, 'port')),
      host: text(values, 'host') ?? '127.0.0.1',
      materials: list(text(values, 'materials')) ?? DEMO_MATERIALS,
      repeatability: values['ignore-repeatability'] !== true,
      ...(db === undefined ? {} : { dbPath: db }),
      ...(periods === undefined ? {} : { closedPeriods: periods }),
    });
    if (scripted !== undefined) simulator.fault(scripted);
    console.log(
      [
        `ERP simulator listening on ${simulator.url}`,
        '  confirmations:      POST/GET /sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV/ProdnOrdConf2',
        '  material documents: POST/GET /sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader',
        '  control:            GET /sim/counts, POST /sim/faults, POST /sim/materials, POST /sim/periods',
        `  repeatability:      ${simulator.repeatability ? 'honoured' : 'ignored'}`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await untilStopSignal(() => process.exit(1));
    console.log(`stopping; counts: ${JSON.stringify(simulator.counts())}`);
    await simulator.close();
    return 0;
  },
};
