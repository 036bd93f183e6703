// The Millwright side of the peer comparison as one process: an mqtt.js subscriber (QoS 1,
// persistent session) feeds the ConfirmationJob (columnar frames, native kernel, window
// store); the frames of one event-loop turn are sealed together, and each closed window is
// POSTed to the receiver over a keep-alive connection, as the flow's http request node does.
import { Agent, request } from 'node:http';
import { connectAsync } from 'mqtt';
import { readyForParent } from '../lib/index.ts';
import { ConfirmationJob, type Confirmation } from './confirmation-job.ts';

const [url, topic, postUrl, windowMs, clientId, reconnectMs, lingerMs] = process.argv.slice(2);
if (clientId === undefined) {
  throw new Error(
    'usage: millwright-side.child.ts <mqtt-url> <topic> <post-url> <window-ms> <client-id> [reconnect-ms] [linger-ms]',
  );
}
const job = new ConfirmationJob({ windowMs: Number(windowMs), native: true });
const agent = new Agent({ keepAlive: true });
const target = new URL(postUrl ?? '');
let postErrors = 0;

function post(confirmation: Confirmation): void {
  const body = JSON.stringify(confirmation);
  const req = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (response) => {
      if ((response.statusCode ?? 500) >= 300) postErrors++;
      response.resume();
    },
  );
  req.on('error', () => {
    postErrors++;
  });
  req.end(body);
}

// Frames are sealed `linger` ms after the first sample of a batch arrived (as the edge's
// frame builder does with its maxAgeMs), or with linger 0 at the end of the event-loop turn:
// what one socket read delivered becomes one frame per work center, without waiting.
const linger = Number(lingerMs ?? 0);
let sealScheduled = false;
const seal = () => {
  sealScheduled = false;
  for (const confirmation of job.seal()) post(confirmation);
};

const client = await connectAsync(url ?? '', {
  clientId,
  clean: false,
  reconnectPeriod: Number(reconnectMs ?? 1000),
  protocolVersion: 4,
});
client.on('message', (_topic, payload) => {
  job.add(_topic, payload);
  if (!sealScheduled) {
    sealScheduled = true;
    if (linger > 0) setTimeout(seal, linger);
    else setImmediate(seal);
  }
});
await client.subscribeAsync(topic ?? '', { qos: 1 });

process.on('message', (message: { type?: string }) => {
  if (message.type === 'stats') {
    process.send?.({ type: 'stats', ...job.counters, postErrors, native: job.kernel.native });
  }
});
process.once('SIGTERM', () => {
  void client.endAsync().then(() => process.exit(0));
});
readyForParent({ nativeKernel: job.kernel.native });
