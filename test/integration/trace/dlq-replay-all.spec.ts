// `dlq replay --all` (issue 7: long operations show progress): after master data is fixed, every
// dead letter of one reason is replayed one by one with a progress line each and a summary; one
// that fails again is reported and the rest go on; nothing is posted twice. Real ERP simulator
// over HTTP, the real connectors group, embedded mode.
import type { DeadLetterEntry } from '../../../connectors/index.ts';
import { dlqReplCommand } from '../../../services/cli/repl/index.ts';
import { materialConsumed } from '../../support/business/events.ts';
import {
  startConnectorsNode,
  type ConnectorsNode,
} from '../../support/connectors/connectors-node.ts';
import { waitFor } from '../../support/wait-for.ts';

async function replayAll(rig: ConnectorsNode, options: Record<string, unknown>): Promise<string[]> {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    printed.push(String(line));
  });
  try {
    await dlqReplCommand.action(rig.node.broker, {
      verb: 'replay',
      options: { all: true, ...options },
    });
  } finally {
    spy.mockRestore();
  }
  return printed;
}

describe('dlq replay --all', () => {
  let rig: ConnectorsNode;
  // Three goods issues of materials ERP does not know yet: all three are dead-lettered.
  const events = ['RM-NEW-A', 'RM-NEW-B', 'RM-NEW-C'].map((material, i) =>
    materialConsumed({ workCenter: 'WC-07', sequence: 10 + i, order: '1000001', material }),
  );

  beforeAll(async () => {
    rig = await startConnectorsNode({});
    for (const event of events) await rig.lane.publish(event);
    await waitFor('three dead letters', async () => {
      const stats = await rig.call<Record<string, number>>('erp.connector.stats');
      return stats['deadLettered'] === 3;
    });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('replays every dead letter of a reason with progress, reports the one still failing, posts each once', async () => {
    rig.erp.addMaterial('RM-NEW-A');
    rig.erp.addMaterial('RM-NEW-B'); // RM-NEW-C is still missing

    const printed = await replayAll(rig, { code: 'MW_ERP_MASTER_DATA_MISSING' });

    expect(printed).toHaveLength(4);
    expect(printed[0]).toMatch(/^\[1\/3\] dead letter \d+ replayed: posted \(event /);
    expect(printed[1]).toMatch(/^\[2\/3\] dead letter \d+ replayed: posted \(event /);
    expect(printed[2]).toMatch(
      /^\[3\/3\] dead letter \d+ not replayed: MW_ERP_MASTER_DATA_MISSING/,
    );
    expect(printed[3]).toBe(
      'replayed 3 dead letter(s): 2 posted, 1 failed (MW_ERP_MASTER_DATA_MISSING)',
    );
    expect(rig.erp.counts()).toMatchObject({ materialDocuments: 2 });
    const left = await rig.call<DeadLetterEntry[]>('erp.connector.list');
    expect(left.map((e) => e.event?.eventId)).toEqual([events[2]!.eventId]);

    // Another reason filter matches nothing: nothing is replayed, the summary says so.
    expect(await replayAll(rig, { code: 'MW_ERP_PERIOD_CLOSED' })).toEqual([
      'replayed 0 dead letter(s): 0 posted',
    ]);
    expect(rig.erp.counts()).toMatchObject({ materialDocuments: 2 });
  });
});
