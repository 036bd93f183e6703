import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { waitFor } from '../../support/edge/index.ts';
import { freePort } from '../../support/servers/index.ts';

const root = join(import.meta.dirname, '../../..');

describe('millwright simulate', () => {
  it('runs the plant on an embedded broker and reports what it produced on Ctrl-C', async () => {
    const [opcuaPort, mqttPort] = [await freePort(), await freePort()];
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin/millwright.js'),
        'simulate',
        '--opcua-port',
        String(opcuaPort),
        '--mqtt-port',
        String(mqttPort),
        '--rate',
        '20',
        '--faults',
        'seq-gap,bad-values',
        '--fault-every',
        '1',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => stdout.includes('Press Ctrl-C'), 'simulator started', 30_000);
      expect(stdout).toContain(`opc.tcp://127.0.0.1:${opcuaPort}/millwright/sim`);
      const client = await connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { protocolVersion: 4 });
      let messages = 0;
      client.on('message', () => (messages += 1));
      await client.subscribeAsync('acme/p100/#');
      await waitFor(() => messages >= 5, 'UNS messages flow');
      await waitFor(
        () => stdout.includes('fault bad-values: malformed JSON'),
        'faults injected',
        10_000,
      );
      await client.endAsync();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/produced: \{"Press1":\{"good":\d+/);
  }, 60_000);
});
