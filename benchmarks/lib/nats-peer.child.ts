// The peer process of the NATS suites (nats-rig.ts): counts what arrives on `bench.sub`
// (reporting its count every `every` messages so the publisher can keep a bounded window in
// flight) and echoes requests on `bench.echo`. Raw nats.js callbacks: nothing between socket
// and handler, so what it answers is the transport's ceiling.
import { connect } from 'nats';
import { readyForParent } from './child-process.ts';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: nats-peer.child.ts <nats-url>');
const nc = await connect({ servers: url, name: 'bench-nats-peer' });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let received = 0;
let every = 1000;
let target = Number.POSITIVE_INFINITY;
const report = () => {
  nc.publish('bench.sub.progress', encoder.encode(String(received)));
};

nc.subscribe('bench.sub', {
  callback: () => {
    received += 1;
    if (received % every === 0 || received === target) report();
  },
});
nc.subscribe('bench.sub.target', {
  callback: (_error, msg) => {
    const [total, interval] = decoder.decode(msg.data).split(' ').map(Number);
    target = total ?? target;
    every = Math.max(1, interval ?? every);
    msg.respond();
    if (received >= target) report();
  },
});
nc.subscribe('bench.echo', {
  callback: (_error, msg) => {
    msg.respond(msg.data);
  },
});
await nc.flush();

process.once('SIGTERM', () => {
  void nc.close().then(() => process.exit(0));
});
readyForParent();
