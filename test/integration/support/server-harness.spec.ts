// The test harness itself: servers start on free ports, and fault tests can kill -9 and
// restart them with clients recovering (what the fault suites of later issues rely on).
import mqtt from 'mqtt';
import { connect, Events } from 'nats';
import {
  describeWithServers,
  findBinary,
  startMosquitto,
  startNatsServer,
} from '../../support/servers/index.ts';

describe('binary lookup', () => {
  it('finds nothing for a binary that does not exist', () => {
    expect(findBinary('millwright-no-such-binary')).toBeUndefined();
  });
});

describeWithServers(['nats-server'], 'test nats-server', () => {
  it('runs JetStream on a free port, survives kill -9 and restart with its data', async () => {
    const server = await startNatsServer();
    expect(server.port).not.toBe(4222);
    const nc = await connect({
      servers: server.url,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
    try {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'HARNESS', subjects: ['harness.>'] });
      await nc.jetstream().publish('harness.a', new TextEncoder().encode('1'));
      const reconnected = (async () => {
        for await (const status of nc.status()) if (status.type === Events.Reconnect) return;
      })();
      await server.process.kill();
      expect(server.process.running).toBe(false);
      await server.process.start();
      await reconnected;
      const info = await (await nc.jetstreamManager()).streams.info('HARNESS');
      expect(info.state.messages).toBe(1);
    } finally {
      await nc.close();
      await server.dispose();
    }
  });
});

describeWithServers(['mosquitto'], 'test mosquitto', () => {
  it('accepts MQTT on a free port and comes back after a restart', async () => {
    const broker = await startMosquitto();
    expect(broker.port).not.toBe(1883);
    const client = await mqtt.connectAsync(broker.url, {
      reconnectPeriod: 100,
      clientId: 'harness',
      clean: false,
    });
    try {
      await broker.process.restart();
      await new Promise<void>((resolve) =>
        client.once('connect', () => {
          resolve();
        }),
      );
      await client.publishAsync('harness/a', 'x', { qos: 1 });
    } finally {
      await client.endAsync();
      await broker.dispose();
    }
  });
});
