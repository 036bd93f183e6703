// The REPL commands against a running two-node cluster, driven through moleculer-repl's own
// command loop (a child process whose stdin the test types into). The transcript is written
// to test/artifacts/actors-repl-transcript.txt.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeWithServers,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';
import { NodeProcess, waitFor } from './support/cluster.ts';

const REPL_FIXTURE = join(import.meta.dirname, 'fixtures', 'repl.fixture.ts');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts');

describeWithServers(['nats-server'], 'actor REPL commands', () => {
  let nats: TestNatsServer | undefined;
  let repl: ChildProcess | undefined;
  const nodes: NodeProcess[] = [];
  afterAll(async () => {
    repl?.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.kill()));
    await nats?.dispose();
  });

  it('lists, inspects, tells and plans a rebalance through the REPL', async () => {
    nats = await startNatsServer();
    nodes.push(
      new NodeProcess('r1', { TRANSPORTER: nats.url }),
      new NodeProcess('r2', { TRANSPORTER: nats.url }),
    );
    await Promise.all(nodes.map((n) => n.ready));
    const child = spawn(process.execPath, ['--import', 'tsx', REPL_FIXTURE], {
      env: { ...process.env, TRANSPORTER: nats.url, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    repl = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let transcript = '';
    const type = async (line: string, until: RegExp) => {
      const from = output.length;
      transcript += `mol $ ${line}\n`;
      child.stdin.write(`${line}\n`);
      await waitFor(
        `"${line}" to print ${String(until)}\n${output.slice(from)}`,
        () => until.test(output.slice(from)),
        15_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      transcript += output.slice(from).replaceAll('mol $ ', '').trimEnd() + '\n';
      return output.slice(from);
    };

    await waitFor('REPL prompt', () => output.includes('mol $'), 20_000);
    await type('nodes', /r1[\s\S]*r2|r2[\s\S]*r1/);
    const tell = await type(
      `actor tell P100/WC-07 '{"kind":"counts.reported","source":"plc-7","sourceSeq":1,"good":12,"scrap":2,"occurredAt":"2026-01-01T06:00:00.000Z"}'`,
      /"committed": true/,
    );
    expect(tell).toContain('"sequence": 1');
    await type(
      `actor tell P100/WC-08 '{"kind":"counts.reported","source":"plc-8","sourceSeq":1,"good":3,"scrap":0,"occurredAt":"2026-01-01T06:00:00.000Z"}'`,
      /"committed": true/,
    );
    const state = await type('actor P100/WC-07', /"highWater": 1/);
    expect(state).toContain('"good": 12');
    expect(state).toMatch(/"owner": "r[12]"/);
    const table = await type('actors', /2 actor\(s\) active/);
    expect(table).toMatch(/P100\/WC-07\s+r[12]\s+0\s+1/);
    const plan = await type('actors rebalance --dry-run --join r3', /would move/);
    expect(plan).toContain('members after: r1, r2, r3');
    const refused = await type(`actor tell P100/WC-07 '{"kind":"nonsense"}'`, /error:/);
    expect(refused).toContain('MW_ACTOR_MESSAGE_INVALID');

    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'actors-repl-transcript.txt'), transcript);
  }, 60_000);
});
