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

const TEMPLATE_BAD = 'test/fixtures/edge/three-mistakes.plant.yaml';
const TEMPLATE_GOOD = 'examples/plants/p100.yaml';

async function checkArgs(...args: string[]): Promise<{ code: number | string; output: string }> {
  const node = spawnNode(['bin/millwright.js', 'check', ...args], {}, false);
  const code = await node.exited();
  return { code, output: node.output() };
}

describe('millwright check --template', () => {
  it('reports all three mistakes of a plant template with file, line and path and exits 1', async () => {
    const { code, output } = await checkArgs('--template', TEMPLATE_BAD);
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toEqual([
      `${TEMPLATE_BAD}:10: crosswalks.plc-states.entries.5: "broken" is not one of running, idle, setup, planned-down, unplanned-down, blocked, starved`,
      `${TEMPLATE_BAD}:29: machineTypes.filler.signals.level.unit: unknown unit "furlong"`,
      `${TEMPLATE_BAD}:36: areas.0.workCenters.1.id: work center "WC-FILL-1" is defined twice (first at areas.0.workCenters.0)`,
      'check: 3 problem(s)',
    ]);
  });

  it('passes a correct template with exit 0', async () => {
    const { code, output } = await checkArgs('--template', TEMPLATE_GOOD);
    expect(code).toBe(0);
    expect(output).toContain(
      `${TEMPLATE_GOOD}: ok (plant template of P100, 3 sources, 6 work centers, 26 signals)`,
    );
    expect(output).toContain('check: no problems');
  });

  it('tells templates and master data apart by their keys, and names an inline password', async () => {
    const inline = 'test/fixtures/edge/inline-password.plant.yaml';
    const { code, output } = await checkArgs(
      TEMPLATE_GOOD,
      'examples/masterdata/P100.yaml',
      inline,
    );
    expect(code).toBe(1);
    expect(output).toContain(`${TEMPLATE_GOOD}: ok (plant template`);
    expect(output).toContain('examples/masterdata/P100.yaml: ok (plant P100');
    expect(output).toContain(
      `${inline}:8: sources.uns.password: MW_EDGE_TEMPLATE_INLINE_SECRET: a password is never written in a plant template; write passwordFile: <file readable only by Millwright> or passwordEnv: <ENVIRONMENT_VARIABLE> instead`,
    );
    expect(output).not.toContain('hunter2');
    expect(output).toContain('check: 1 problem(s)');
  });

  it('warns about weakened security the template chose, without failing', async () => {
    const none = 'test/fixtures/edge/opcua-none.plant.yaml';
    const { code, output } = await checkArgs(none);
    expect(code).toBe(0);
    expect(output).toContain(
      `${none}:8: sources.presses.security.mode: warning: OPC UA SecurityMode None`,
    );
  });
});
