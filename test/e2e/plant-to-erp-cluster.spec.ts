// End to end on real NATS with separate processes: a nats-server of the test's own, one
// `millwright node` process each for the production, actors and connectors groups, and the
// frame source in a process of its own (support/frame-source.ts: today the plant demo's frame
// generator) releasing 3 orders on each of 3 work centers and driving them to their targets.
// Afterwards the ERP simulator holds exactly one confirmation per operation, one goods issue
// per consumed component line and one goods receipt per produced lot, with the quantities of
// the frame source's own oracle: expected = posted, duplicates 0, lost 0.
import type { ChildNode } from '../support/child-node.ts';
import { describeWithServers } from '../support/servers/index.ts';
import { sleep, waitFor } from '../support/wait-for.ts';
import { startClusterPlant, type ClusterPlant } from './support/cluster-plant.ts';
import { expectedPostings, heldPostings, postingsOracle } from './support/erp-postings-oracle.ts';
import { FRAME_SOURCE } from './support/frame-source.ts';

describeWithServers(['nats-server'], 'plant to ERP (cluster: nats-server, 4 processes)', () => {
  let cluster: ClusterPlant | undefined;
  let source: ChildNode | undefined;

  afterAll(async () => {
    await source?.stop();
    await cluster?.stop();
  });

  it('posts one confirmation per operation, one goods issue per line and one receipt per lot, equal to the oracle', async () => {
    cluster = await startClusterPlant();
    const { erp } = cluster;
    const run = await FRAME_SOURCE.run({ natsUrl: cluster.nats.url }, 120_000);
    source = run.process;
    const { oracle } = run;
    expect(oracle).toHaveLength(9);
    expect(new Set(oracle.map((o) => o.workCenter)).size).toBe(3);
    expect(oracle.every((o) => o.good >= o.target && o.consumed > 0)).toBe(true);

    await waitFor(
      `every posting in ERP (${FRAME_SOURCE.name})`,
      () => {
        const c = erp.counts();
        return c.confirmations >= 9 && c.materialDocuments >= 18;
      },
      90_000,
      100,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${JSON.stringify(erp.counts())}\n${cluster?.output()}`);
    });
    // Let a late duplicate show up if there were one.
    await sleep(1_500);
    expect(erp.counts()).toMatchObject({ confirmations: 9, materialDocuments: 18, rejected: 0 });

    const report = postingsOracle(
      'plant to ERP, cluster',
      expectedPostings(oracle),
      heldPostings(erp.ledger.all('confirmations'), erp.ledger.all('material_documents')),
    );
    expect(report).toEqual({
      test: 'plant to ERP, cluster',
      expected: 27,
      posted: 27,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
    });
    // One document per posting reference (event id): the connector, not ERP, kept it once.
    expect([...erp.documentsByReference().values()].filter((n) => n !== 1)).toEqual([]);
  }, 300_000);
});
