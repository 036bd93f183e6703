// `millwright check` as ops run it before a start: every problem with file, line and path,
// and a non-zero exit; a good file passes.
import { spawnNode } from '../../support/child-node.ts';

const BAD = 'test/fixtures/production/three-mistakes.masterdata.yaml';
const MALFORMED = 'test/fixtures/production/malformed.masterdata.yaml';
const GOOD = 'examples/masterdata/P100.yaml';

async function check(...files: string[]): Promise<{ code: number | string; output: string }> {
  const node = spawnNode(
    ['bin/millwright.js', 'check', ...files.flatMap((f) => ['--masterdata', f])],
    {},
    false,
  );
  const code = await node.exited();
  return { code, output: node.output() };
}

describe('millwright check', () => {
  it('reports all three mistakes with file, line and path and exits 1', async () => {
    const { code, output } = await check(BAD);
    expect(code).toBe(1);
    expect(output).toContain(`${BAD}:7: materials.1.baseUnit: unknown unit "furlong"`);
    expect(output).toContain(
      `${BAD}:15: routings.0.operations.0.workCenter: unknown work center "WC-NOPE"`,
    );
    expect(output).toContain(`${BAD}:17: reasonCodes.0.parent: unknown parent reason "NOPE"`);
    expect(output).toContain('check: 3 problem(s)');
  });

  it('reports schema errors with their lines', async () => {
    const { code, output } = await check(MALFORMED);
    expect(code).toBe(1);
    expect(output).toMatch(new RegExp(`${MALFORMED}:2: version: `));
    expect(output).toMatch(new RegExp(`${MALFORMED}:4: materials.0.type: `));
  });

  it('passes a good file with exit 0', async () => {
    const { code, output } = await check(GOOD);
    expect(code).toBe(0);
    expect(output).toContain('check: no problems');
  });

  it('names a file it cannot read', async () => {
    const { code, output } = await check('no/such/file.yaml');
    expect(code).toBe(1);
    expect(output).toContain('no/such/file.yaml: cannot read');
  });
});
