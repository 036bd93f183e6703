// The remote end of the moleculer suite, in its own process: one broker per serializer, each
// with a `remote.echo` action, and a raw nats.js responder on `bench.echo` for the baseline.
import { connect } from 'nats';
import { ServiceBroker } from 'moleculer';
import { readyForParent } from '../lib/index.ts';
import { brokerOptions, type SerializerName } from './brokers.ts';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: remote-node.child.ts <nats-url>');

const serializers: readonly SerializerName[] = ['json', 'msgpackr'];
const brokers = serializers.map((name) => {
  const broker = new ServiceBroker(brokerOptions(url, name, `remote-${name}`));
  broker.createService({
    name: 'remote',
    actions: { echo: (ctx: { params: unknown }) => ctx.params },
  });
  return broker;
});
await Promise.all(brokers.map((broker) => broker.start()));

const nc = await connect({ servers: url, name: 'bench-moleculer-responder' });
nc.subscribe('bench.echo', {
  callback: (_error, msg) => {
    msg.respond(msg.data);
  },
});
await nc.flush();

process.once('SIGTERM', () => {
  void Promise.all([nc.close(), ...brokers.map((broker) => broker.stop())]).then(() =>
    process.exit(0),
  );
});
readyForParent();
