// End to end on real NATS with separate processes: a nats-server of the test's own, one
// `millwright node` process each for the production, actors and connectors groups, and the
// frame source (support/frame-source.ts): the plant simulator with the plant demo in a process
// of its own (OPC UA with SignAndEncrypt and mutual trust, UNS JSON and Sparkplug B on its aedes
// broker with TLS and logins) and `millwright node --services edge --config <its template>` in
// another. The demo releases 3 orders on each of 3 work centers and keeps the oracle by the
// simulator's own counts. Afterwards the ERP simulator holds exactly one confirmation per
// operation, one goods issue per consumed component line and one goods receipt per produced lot
// with the oracle's quantities (expected = posted, duplicates 0, lost 0), and per work center
// the parts the simulator made = the parts its actor counted = the parts booked to the orders.
import { describeWithServers } from '../support/servers/index.ts';
import { sleep, waitFor } from '../support/wait-for.ts';
import { startClusterPlant, type ClusterPlant } from './support/cluster-plant.ts';
import { expectedPostings, heldPostings, postingsOracle } from './support/erp-postings-oracle.ts';
import { FRAME_SOURCE, type FrameSourceRun } from './support/frame-source.ts';
import { expectExactTally } from './support/plant-tally.ts';

describeWithServers(['nats-server'], 'plant to ERP (cluster: nats-server, 5 processes)', () => {
  let cluster: ClusterPlant | undefined;
  let source: FrameSourceRun | undefined;

  afterAll(async () => {
    await source?.stop();
    await cluster?.stop();
  }, 60_000);

  it('posts one confirmation per operation, one goods issue per line and one receipt per lot, equal to the simulator', async () => {
    cluster = await startClusterPlant();
    const { erp } = cluster;
    source = await FRAME_SOURCE.run({ natsUrl: cluster.nats.url }, 240_000);
    const { report } = source;
    expect(report.orders).toHaveLength(9);
    expect(new Set(report.orders.map((o) => o.workCenter)).size).toBe(3);
    expect(report.orders.every((o) => o.good === o.target && o.consumed > 0)).toBe(true);
    expectExactTally('plant to ERP, cluster', report.workCenters);

    await waitFor(
      `every posting in ERP (${FRAME_SOURCE.name})`,
      () => {
        const c = erp.counts();
        return c.confirmations >= 9 && c.materialDocuments >= 18;
      },
      120_000,
      100,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${JSON.stringify(erp.counts())}\n${cluster?.output()}`);
    });
    await sleep(1_500); // a late duplicate would land now
    expect(erp.counts()).toMatchObject({ confirmations: 9, materialDocuments: 18, rejected: 0 });

    const postings = postingsOracle(
      'plant to ERP, cluster',
      expectedPostings(report.orders),
      heldPostings(erp.ledger.all('confirmations'), erp.ledger.all('material_documents')),
    );
    expect(postings).toEqual({
      test: 'plant to ERP, cluster',
      expected: 27,
      posted: 27,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
    });
    // One document per posting reference (event id): the connector, not ERP, kept it once.
    expect([...erp.documentsByReference().values()].filter((n) => n !== 1)).toEqual([]);
  }, 480_000);
});
