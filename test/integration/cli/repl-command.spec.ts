// `millwright repl` against a real nats-server and a `millwright node --services actors`: it
// joins the plant's cluster as a REPL-only node, `actors` shows the other node's placement
// table, bad input gets MW_PLATFORM_COMMAND_INVALID and is counted (Prometheus and the exit
// summary) without ending the session, and `quit` leaves with exit code 0. The transcript is
// written to test/artifacts/millwright-repl-transcript.txt.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';
import { spawnRepl, type ReplProcess } from '../../support/repl-process.ts';
import {
  describeWithServers,
  freePort,
  startNatsServer,
  type TestNatsServer,
} from '../../support/servers/index.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts');
const PROMPT = 'mw P100 $';
const counts = (source: string, sourceSeq: number) =>
  `'{"kind":"counts.reported","source":"${source}","sourceSeq":${sourceSeq},"good":12,"scrap":2,"occurredAt":"2026-01-01T06:00:00.000Z"}'`;

describeWithServers(['nats-server'], 'millwright repl', () => {
  let nats: TestNatsServer | undefined;
  let node: ChildNode | undefined;
  let repl: ReplProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-repl-'));
  afterAll(async () => {
    await repl?.kill();
    await node?.stop('SIGKILL');
    await nats?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the cluster through Millwright commands, refuses bad input with MW codes and quits with 0', async () => {
    nats = await startNatsServer();
    node = spawnNode(
      ['bin/millwright.js', 'node', '--services', 'actors', '--node-id', 'host-1'],
      { TRANSPORTER: nats.url, MILLWRIGHT_DATA_DIR: dataDir },
      false,
    );
    await node.waitFor('Press Ctrl-C to stop.', 60_000);
    const metricsPort = await freePort();
    repl = await spawnRepl(
      ['--transporter', nats.url, '--node-id', 'repl-test', '--metrics-port', String(metricsPort)],
      {},
      PROMPT,
    );
    expect(repl.output()).toContain('REPL node "repl-test" joined');

    // A REPL-only node: platform only, no actors of its own.
    const nodes = await repl.type('nodes', /host-1[\s\S]*repl-test|repl-test[\s\S]*host-1/);
    expect(nodes).toContain('host-1');
    const tell = await repl.type(
      `actor tell P100/WC-07 ${counts('plc-7', 1)}`,
      /"committed": true/,
    );
    expect(tell).toContain('"sequence": 1');
    const table = await repl.type('actors', /actor\(s\) active/);
    expect(table).toMatch(/P100\/WC-07\s+host-1\s+0\s+1\s/);
    expect(table).toContain('1 actor(s) active (host-1: 1)');

    // Bad input: a clear MW_* message each time, and the session goes on.
    const unknown = await repl.type('frobnicate --now', /error:/);
    expect(unknown).toContain(
      'error: MW_PLATFORM_COMMAND_INVALID: unknown command "frobnicate"; type "help" for the commands',
    );
    const notJson = await repl.type('actor tell P100/WC-07 {kind:counts}', /error:/);
    expect(notJson).toContain(
      'error: MW_PLATFORM_COMMAND_INVALID: actor tell: the message is not JSON',
    );
    const noId = await repl.type('dlq replay', /error:/);
    expect(noId).toContain(
      "error: MW_PLATFORM_COMMAND_INVALID: dlq replay needs the dead letter's id",
    );
    const refusedByActor = await repl.type(`actor tell P100/WC-07 '{"kind":"nonsense"}'`, /error:/);
    expect(refusedByActor).toContain('error: MW_ACTOR_MESSAGE_INVALID');
    const still = await repl.type('actor P100/WC-07', /"owner": "host-1"/);
    expect(still).toContain('"good": 12');

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const counted = (code: string) =>
      new RegExp(`mw_repl_rejected_total\\{[^}]*code="${code}"[^}]*\\} (\\d+)`).exec(metrics)?.[1];
    expect(counted('MW_PLATFORM_COMMAND_INVALID')).toBe('3');
    expect(counted('MW_ACTOR_MESSAGE_INVALID')).toBe('1');

    repl.process.stdin.write('quit\n');
    expect(await repl.exited()).toBe(0);
    expect(repl.output()).toContain(
      'repl: 4 input(s) refused this session (MW_PLATFORM_COMMAND_INVALID: 3, MW_ACTOR_MESSAGE_INVALID: 1)',
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'millwright-repl-transcript.txt'), repl.transcript());
  }, 120_000);
});

describe('millwright repl without a transporter', () => {
  it('refuses to open a REPL that could reach no node, naming the option', async () => {
    const repl = spawnNode(['bin/millwright.js', 'repl'], { TRANSPORTER: '' }, false);
    expect(await repl.exited()).toBe(2);
    expect(repl.output()).toContain('MW_PLATFORM_COMMAND_INVALID');
    expect(repl.output()).toContain('repl needs --transporter (or TRANSPORTER)');
  });
});
