// REPL command `trace <correlationId|documentNumber>`: the chain from the source (order release,
// frames) through the work-center actor's events to the ERP documents, via platform.trace.
// Rendering is pure (tested); the action only calls and prints, and throws on bad input.
import type { TraceChain } from '../../../connectors/index.ts';
import { MillwrightError } from '../../../contracts/index.ts';
import { padTable, type ReplCommand } from './table.ts';

interface AuditLine {
  readonly seq?: number;
  readonly at?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly outcome?: string;
}

export function renderTrace(chain: TraceChain): string {
  const found = chain.foundBy === 'erpDocument' ? ` (found by ERP document ${chain.query})` : '';
  const lines = [`trace of ${chain.correlationId}${found}`, 'source:'];
  for (const o of chain.source.orders)
    lines.push(
      `  order ${o.plant}/${o.order} released under ${o.correlationId}${o.dispatched ? ', dispatched' : ''}`,
    );
  if (chain.source.inputs.length > 0) lines.push(`  inputs: ${chain.source.inputs.join(', ')}`);
  if (chain.source.orders.length + chain.source.inputs.length === 0) lines.push('  (none known)');
  const postings = new Map(chain.postings.map((p) => [p.eventId, p]));
  const rows = chain.events.map((e) => {
    const posting = postings.get(e.eventId);
    return [
      String(e.sequence),
      `${e.plant}/${e.workCenter}`,
      e.type,
      e.productionOrder === undefined ? '-' : `${e.productionOrder}/${e.operation ?? '-'}`,
      e.occurredAt,
      posting === undefined ? '-' : `${posting.state} ${posting.documents.join(', ')}`.trim(),
    ];
  });
  lines.push(`events (${chain.events.length}):`);
  const header = ['SEQ', 'WORK CENTER', 'TYPE', 'ORDER/OP', 'OCCURRED AT', 'ERP'];
  lines.push(
    ...padTable([header, ...rows])
      .split('\n')
      .map((l) => `  ${l}`),
  );
  const audit = chain.audit as readonly AuditLine[];
  if (audit.length > 0) {
    lines.push(`audit (${audit.length}):`);
    for (const a of audit)
      lines.push(
        `  #${a.seq ?? '?'} ${a.at ?? ''} ${a.actor ?? ''} ${a.action ?? ''} ${a.outcome ?? ''}`,
      );
  }
  return lines.join('\n');
}

export const traceReplCommand: ReplCommand = {
  command: 'trace [id]',
  description:
    'The chain of a correlation id or ERP document number: source, events, ERP documents, audit',
  options: [{ option: '--json', description: 'print the chain as JSON' }],
  async action(broker, args) {
    const id = args['id'];
    if (typeof id !== 'string' || id === '')
      throw new MillwrightError(
        'MW_PLATFORM_COMMAND_INVALID',
        'usage: trace <correlationId|erpDocument> [--json]',
        {},
      );
    const chain = await broker.call<TraceChain, object>('platform.trace', { id });
    console.log(
      args.options['json'] === true ? JSON.stringify(chain, null, 2) : renderTrace(chain),
    );
  },
};
