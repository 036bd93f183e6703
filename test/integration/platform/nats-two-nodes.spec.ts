// Two brokers in two processes over a real nats-server, with the msgpackr serializer:
// an action call, an event each way, a regenerated MillwrightError and the correlation id.
import { ServiceBroker, type Context } from 'moleculer';
import { MillwrightError } from '../../../contracts/index.ts';
import {
  createBrokerOptions,
  loadConfig,
  type CorrelationMeta,
} from '../../../services/platform/index.ts';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';

interface EchoReply {
  params: { frame: Uint8Array; n: number };
  correlationId: string;
  nodeID: string;
  serializer: string;
}

describeWithServers(['nats-server'], 'two nodes over NATS', () => {
  let nats: TestNatsServer;
  let remote: ChildNode;
  let broker: ServiceBroker;
  const pongs: { n: number; from: string; correlationId: unknown }[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    remote = spawnNode(['test/fixtures/probe-node.ts'], {
      TRANSPORTER: nats.url,
      MILLWRIGHT_NODE_ID: 'probe-node',
    });
    await remote.waitFor('ready');
    const config = loadConfig({
      TRANSPORTER: nats.url,
      MILLWRIGHT_NODE_ID: 'test-node',
      LOG_LEVEL: 'warn',
      MILLWRIGHT_METRICS_PORT: '0',
    });
    broker = new ServiceBroker(createBrokerOptions(config));
    broker.createService({
      name: 'listener',
      events: {
        'probe.ponged'(ctx: Context<{ n: number; from: string }, CorrelationMeta>) {
          pongs.push({ ...ctx.params, correlationId: ctx.meta.correlationId });
        },
      },
    });
    await broker.start();
    await broker.waitForServices(['probe'], 20_000);
    await untilRemoteKnows('test-node');
  });

  /** Discovery is asynchronous on both sides: wait until the remote registry lists our node. */
  async function untilRemoteKnows(nodeID: string): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const nodes = await broker.call<{ id: string; available: boolean }[], object>(
        '$node.list',
        {},
        { nodeID: 'probe-node' },
      );
      if (nodes.some((node) => node.id === nodeID && node.available)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`probe-node never listed ${nodeID}`);
  }

  afterAll(async () => {
    await broker.stop();
    await remote.stop();
    await nats.dispose();
  });

  it('calls an action on the other process and gets binary data back intact', async () => {
    const frame = Buffer.from([0, 1, 2, 254, 255]);
    const reply = await broker.call<EchoReply, object>(
      'probe.echo',
      { frame, n: 7 },
      { meta: { correlationId: 'corr-123' } },
    );
    expect(reply.nodeID).toBe('probe-node');
    expect(reply.serializer).toBe('MsgpackrSerializer');
    expect(Buffer.from(reply.params.frame).equals(frame)).toBe(true);
    expect(reply.params.n).toBe(7);
    expect(reply.correlationId).toBe('corr-123');
  });

  it('gives a root call without a correlation id its request id', async () => {
    const reply = await broker.call<{ correlationId: string }, object>('probe.echo', {});
    expect(typeof reply.correlationId).toBe('string');
    expect(reply.correlationId.length).toBeGreaterThan(0);
  });

  it('regenerates a MillwrightError thrown on the other node', async () => {
    const error: unknown = await broker.call('probe.fail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MillwrightError);
    expect(error).toMatchObject({
      type: 'MW_UOM_UNKNOWN_UNIT',
      code: 422,
      retryable: false,
      data: { unit: 'furlong' },
    });
  });

  it('delivers an event to the other process and its answer back, with the correlation id', async () => {
    await broker.emit('probe.pinged', { n: 41 }, { meta: { correlationId: 'corr-ping' } });
    const deadline = Date.now() + 10_000;
    while (pongs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(pongs).toEqual([{ n: 41, from: 'probe-node', correlationId: 'corr-ping' }]);
  });
});
