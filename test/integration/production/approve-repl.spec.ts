// `actor approve` through moleculer-repl's own command loop (a child process whose stdin the
// test types into), on an embedded node with a consumption held for being out of tolerance:
// the approval posts one goods issue with the corrected quantity; a second one is refused.
// The transcript is written to test/artifacts/workflow-repl-transcript.txt.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'workflow-repl.fixture.ts');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts');

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('REPL: actor approve', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-approve-repl-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('approves a held consumption with a corrected quantity once', async () => {
    const repl = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = repl;
    let output = '';
    repl.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    repl.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let transcript = '';
    const type = async (line: string, until: RegExp) => {
      const from = output.length;
      transcript += `mol $ ${line}\n`;
      repl.stdin.write(`${line}\n`);
      await waitFor(`"${line}" to print ${String(until)}\n${output}`, () =>
        until.test(output.slice(from)),
      );
      transcript += output.slice(from).replaceAll('mol $ ', '').trimEnd() + '\n';
      return output.slice(from);
    };
    await waitFor(`the held consumption and the prompt\n${output}`, () =>
      /held[\s\S]*mol \$/.test(output),
    );

    const approved = await type('actor approve P100/WC-CUT 0010 --quantity 260', /"committed"/);
    expect(approved).toContain('"committed": true');
    expect(approved).toMatch(/"value": 260/);
    const again = await type('actor approve P100/WC-CUT 0010', /error:/);
    expect(again).toContain('MW_WORKCENTER_NOTHING_HELD');
    const bad = await type('actor approve P100/WC-CUT 0010 --quantity lots', /error:/);
    expect(bad).toContain('MW_PLATFORM_COMMAND_INVALID');

    const db = new Database(join(dataDir, 'actors.sqlite'), { readonly: true });
    const issues = db
      .prepare("SELECT event FROM business_outbox WHERE type = 'material.consumed.v1'")
      .all() as { event: string }[];
    db.close();
    expect(
      issues.map((r) => (JSON.parse(r.event) as { payload: { quantity: unknown } }).payload),
    ).toEqual([expect.objectContaining({ quantity: { value: 260, unit: 'kg' } })]);
    const origin = (JSON.parse(issues[0]?.event ?? '{}') as { origin: { id: string } }).origin;
    expect(origin.id).toMatch(/^repl:/);

    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'workflow-repl-transcript.txt'), transcript);
  }, 60_000);
});
