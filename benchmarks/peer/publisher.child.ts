// The plant's side of the peer comparison, in a process of its own so neither side pays for
// it: publishes a seeded schedule of UNS counter samples over MQTT (QoS 1, persistent
// session), paced on the schedule's clock (each sample stamped with its scheduled time, so a
// late publisher shows as latency, not hidden) or as a burst. Answers when the broker acked all.
import { connectAsync } from 'mqtt';
import { readyForParent } from '../lib/index.ts';
import { epochNow } from './receiver.ts';
import {
  buildSchedule,
  payloadOf,
  topicOf,
  type ScheduledSample,
  type ScheduleOptions,
} from './schedule.ts';

export interface PublishCommand {
  readonly type: 'publish';
  readonly id: number;
  readonly root: string;
  readonly schedule: ScheduleOptions;
  /** Publish each sample at its timestamp (epoch ms); false publishes all at once. */
  readonly paced: boolean;
}

export interface PublishedReply {
  readonly type: 'published';
  readonly id: number;
  readonly samples: number;
  readonly failed: number;
  /** How late the publisher sent at worst (paced mode). */
  readonly maxLagMs: number;
}

const url = process.argv[2];
if (url === undefined) throw new Error('usage: publisher.child.ts <mqtt-url>');
const client = await connectAsync(url, {
  clientId: 'mw-peer-publisher',
  clean: false,
  reconnectPeriod: 1000,
  protocolVersion: 4,
});

function publishAll(command: PublishCommand, schedule: readonly ScheduledSample[]) {
  return new Promise<PublishedReply>((resolve) => {
    let sent = 0;
    let settled = 0;
    let failed = 0;
    let maxLagMs = 0;
    const settle = (error?: Error | null) => {
      settled++;
      if (error) failed++;
      if (settled === schedule.length) {
        resolve({ type: 'published', id: command.id, samples: sent, failed, maxLagMs });
      }
    };
    const send = (sample: ScheduledSample) => {
      sent++;
      client.publish(topicOf(command.root, sample), payloadOf(sample), { qos: 1 }, settle);
    };
    const tick = () => {
      const now = epochNow();
      let burst = 0;
      while (sent < schedule.length && burst < 2_000) {
        const sample = schedule[sent];
        if (sample === undefined) break;
        if (command.paced) {
          if (sample.timestamp > now) break;
          maxLagMs = Math.max(maxLagMs, now - sample.timestamp);
        }
        send(sample);
        burst++;
      }
      if (sent >= schedule.length) return;
      const wait = command.paced ? (schedule[sent]?.timestamp ?? now) - epochNow() : 0;
      if (wait >= 1) setTimeout(tick, Math.floor(wait));
      else setImmediate(tick); // lets PUBACKs in between bursts
    };
    if (schedule.length === 0)
      resolve({ type: 'published', id: command.id, samples: 0, failed, maxLagMs });
    else tick();
  });
}

process.on('message', (message: { readonly type?: unknown }) => {
  if (message.type !== 'publish') return;
  const command = message as PublishCommand;
  void publishAll(command, buildSchedule(command.schedule)).then((reply) => process.send?.(reply));
});
process.once('SIGTERM', () => {
  void client.endAsync().then(() => process.exit(0));
});
readyForParent();
