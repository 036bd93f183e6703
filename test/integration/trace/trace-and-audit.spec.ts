// Trace and audit acceptance (issue 6): `platform.trace` returns the whole chain of a
// confirmation (order release and source frame, the actor's events, ERP postings with document
// numbers, the audit entries), found by correlation id or by an ERP document number; a dead
// letter is replayed through the REPL's `dlq` command over erp.connector; the node's audit log
// verifies, and an entry edited behind its back is detected. Real ERP simulator over HTTP, the
// real connectors group, embedded mode.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Context } from 'moleculer';
import type { DeadLetterEntry, TraceChain } from '../../../connectors/index.ts';
import { dlqReplCommand, traceReplCommand } from '../../../services/cli/repl/index.ts';
import {
  goodsReceived,
  materialConsumed,
  operationConfirmed,
} from '../../support/business/events.ts';
import {
  startConnectorsNode,
  type ConnectorsNode,
} from '../../support/connectors/connectors-node.ts';
import { rejectionOf } from '../../support/thrown.ts';
import { waitFor } from '../../support/wait-for.ts';

/** Runs a REPL command's action against the node and returns what it printed. */
async function repl(
  rig: ConnectorsNode,
  command: typeof dlqReplCommand,
  args: Record<string, unknown>,
): Promise<string> {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    printed.push(String(line));
  });
  try {
    await command.action(rig.node.broker, { options: {}, ...args });
  } finally {
    spy.mockRestore();
  }
  return printed.join('\n');
}

describe('trace and audit', () => {
  let rig: ConnectorsNode;
  // One operation completion of work center WC-01: one actor step, one correlation id.
  const step = { workCenter: 'WC-01', sequence: 5 };
  const events = [
    operationConfirmed({ ...step, order: '1000001' }),
    materialConsumed({ ...step, order: '1000001', material: 'RM-NEW' }), // not in ERP yet
    goodsReceived({ ...step, order: '1000001', lot: 'L-5', quantity: 100 }),
  ];
  const correlationId = events[0]!.correlationId;

  beforeAll(async () => {
    rig = await startConnectorsNode({
      services: [
        {
          name: 'orders',
          actions: {
            get: (ctx: Context<{ plant: string; order: string }>) =>
              ctx.params.order === '1000001'
                ? { order: {}, correlationId: 'erp-release-77', dispatched: true }
                : null,
          },
        },
      ],
    });
    await rig.node.broker.waitForServices(['orders']);
    for (const event of events) await rig.lane.publish(event);
    await waitFor('two postings settled and one dead letter', async () => {
      const stats = await rig.call<Record<string, number>>('erp.connector.stats');
      return stats['posted'] === 2 && stats['deadLettered'] === 1;
    });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('replays the dead letter through the REPL after the fix, audited, without a second document', async () => {
    const listed = await repl(rig, dlqReplCommand, { verb: 'list' });
    expect(listed).toMatch(/ID\s+EVENT TYPE\s+WORK CENTER\s+REASON\s+ATTEMPTS/);
    expect(listed).toMatch(/material\.consumed\.v1\s+P100\/WC-01\s+MW_ERP_MASTER_DATA_MISSING\s+1/);
    expect(listed).toContain('1 dead letter(s)');
    const [letter] = await rig.call<DeadLetterEntry[]>('erp.connector.list');
    expect(await repl(rig, dlqReplCommand, { verb: 'show', id: letter!.id })).toContain(
      '"code": "M3/305"',
    );

    expect(await repl(rig, dlqReplCommand, { verb: 'replay', id: letter!.id })).toMatch(
      /^error: MW_ERP_MASTER_DATA_MISSING/,
    );
    rig.erp.addMaterial('RM-NEW');
    expect(await repl(rig, dlqReplCommand, { verb: 'replay', id: letter!.id })).toMatch(
      new RegExp(
        `dead letter ${letter!.id} replayed: posted \\(event ${events[1]!.eventId}, ERP \\d{10}/\\d{4}\\)`,
      ),
    );
    expect(await repl(rig, dlqReplCommand, { verb: 'replay', id: letter!.id })).toMatch(
      /^error: MW_LANE_DEAD_LETTER_NOT_FOUND/,
    );
    expect(rig.erp.counts()).toMatchObject({ confirmations: 1, materialDocuments: 2 });
    expect([...rig.erp.documentsByReference().values()]).toEqual([1, 1, 1]);

    const replays = rig.audit.list().filter((e) => e.action === 'erp.connector.replay');
    expect(replays.map((e) => [e.outcome, e.correlationId])).toEqual([
      ['failed: MW_ERP_MASTER_DATA_MISSING', correlationId],
      ['posted', correlationId],
    ]);
    expect(replays[0]!.actor).toMatch(/^repl:/);
    expect(rig.audit.verify()).toEqual({ ok: true, entries: 2 });
  });

  it('traces a confirmation from the order release and its frame to the ERP documents', async () => {
    const chain = await rig.call<TraceChain>('platform.trace', { id: correlationId });
    expect(chain).toMatchObject({
      query: correlationId,
      foundBy: 'correlationId',
      correlationId,
      source: {
        orders: [
          { plant: 'P100', order: '1000001', correlationId: 'erp-release-77', dispatched: true },
        ],
        inputs: ['frame-5'],
      },
    });
    expect(chain.events.map((e) => [e.type, e.sequence, e.workCenter])).toEqual([
      ['operation.confirmed.v1', 5, 'WC-01'],
      ['material.consumed.v1', 5, 'WC-01'],
      ['goods.received.v1', 5, 'WC-01'],
    ]);
    expect(chain.postings.map((p) => [p.type, p.state, p.documents.length, p.replays])).toEqual([
      ['operation.confirmed.v1', 'posted', 1, 0],
      ['material.consumed.v1', 'posted', 1, 2], // replayed twice: refused, then posted
      ['goods.received.v1', 'posted', 1, 0],
    ]);
    expect(chain.postings[0]!.documents[0]).toMatch(/^\d{10}\/\d{8}$/); // confirmation group/counter
    expect(chain.audit).toHaveLength(2);

    // The same chain from either ERP document: the confirmation, or a material document number.
    const confirmation = chain.postings[0]!.documents[0]!;
    const byConfirmation = await rig.call<TraceChain>('platform.trace', { id: confirmation });
    expect(byConfirmation).toMatchObject({ foundBy: 'erpDocument', correlationId });
    expect(byConfirmation.events).toEqual(chain.events);
    const receipt = chain.postings[2]!.documents[0]!.split('/')[0]!;
    expect(await rig.call<TraceChain>('platform.trace', { id: receipt })).toMatchObject({
      foundBy: 'erpDocument',
      correlationId,
    });

    const printed = await repl(rig, traceReplCommand, { id: confirmation });
    expect(printed).toContain(`trace of ${correlationId} (found by ERP document ${confirmation})`);
    expect(printed).toContain('order P100/1000001 released under erp-release-77, dispatched');
    expect(printed).toMatch(new RegExp(`operation\\.confirmed\\.v1.*posted ${confirmation}`));

    expect(
      await rejectionOf(rig.call('platform.trace', { id: 'no-such-correlation' })),
    ).toMatchObject({
      type: 'MW_TRACE_NOT_FOUND',
    });
  });

  it('detects an audit entry edited behind the log (the replay, made to look like someone else)', () => {
    const replay = rig.audit.list().find((e) => e.outcome === 'posted')!;
    const db = new Database(join(rig.dataDir, 'audit.sqlite'));
    // The triggers refuse it; whoever bypasses them (drops them) is caught by the hash chain.
    expect(() =>
      db.prepare("UPDATE audit_log SET body = '{}' WHERE seq = ?").run(replay.seq),
    ).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_update');
    const row = db.prepare('SELECT body FROM audit_log WHERE seq = ?').get(replay.seq) as {
      body: string;
    };
    const forged = row.body.replace(/"actor":"[^"]*"/, '"actor":"repl:mallory"');
    db.prepare('UPDATE audit_log SET body = ? WHERE seq = ?').run(forged, replay.seq);
    db.close();
    expect(rig.audit.verify()).toEqual({
      ok: false,
      entries: replay.seq - 1,
      brokenAt: replay.seq,
      reason: 'content does not match its hash',
    });
  });
});
