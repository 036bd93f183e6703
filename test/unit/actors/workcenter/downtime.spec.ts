// Machine states on a work-center actor, no broker and a fake clock: a down or planned-stop
// interval that ends is recorded once with its reason path and duration; states arrive in
// order, once per input; a stop without its reason is refused at the boundary.
import { isMillwrightError, parseContract } from '../../../../contracts/index.ts';
import { workCenterKind } from '../runtime/imports.ts';
import { at, Line, release } from './support/line.ts';

let seq = 0;
function machine(state: string, minute: number, reason?: string[], source = 'plc-1') {
  seq += 1;
  return {
    kind: 'machine.stateChanged',
    source,
    sourceSeq: seq,
    state,
    occurredAt: at(minute),
    ...(reason === undefined ? {} : { reason: reason.at(-1), reasonPath: reason }),
  };
}

describe('work-center actor: machine state and downtime', () => {
  let line: Line;
  beforeEach(() => {
    line = new Line('P100/WC-CUT');
    seq = 0;
  });
  afterEach(() => line.stop());

  it('records a down interval when it ends, with reason path, duration and the running order', async () => {
    await line.ok(release());
    await line.ok(machine('running', 0));
    await line.ok(machine('down', 10, ['DOWN', 'JAM']));
    expect(line.events).toEqual([]);
    const reply = await line.ok(machine('running', 25));
    expect(reply).toMatchObject({ downtime: { durationMs: 15 * 60_000 } });
    const [downtime] = line.ofType('downtime.recorded.v1');
    expect(downtime).toMatchObject({
      productionOrder: '1000123',
      operation: '0010',
      correlationId: 'erp-rel-1',
      origin: { kind: 'device', id: 'plc-1' },
      occurredAt: at(25),
      payload: {
        startedAt: at(10),
        endedAt: at(25),
        durationMs: 900_000,
        reason: 'JAM',
        reasonPath: ['DOWN', 'JAM'],
        planned: false,
      },
    });
    if (downtime !== undefined) parseContract(downtime.type, downtime);
  });

  it('marks a planned stop as planned and splits a stop whose reason changes', async () => {
    await line.ok(machine('planned-stop', 0, ['DOWN', 'BREAK']));
    await line.ok(machine('down', 30, ['DOWN', 'JAM']));
    await line.ok(machine('idle', 40));
    expect(line.ofType('downtime.recorded.v1').map((e) => e.payload)).toEqual([
      expect.objectContaining({ reason: 'BREAK', planned: true, durationMs: 30 * 60_000 }),
      expect.objectContaining({ reason: 'JAM', planned: false, durationMs: 10 * 60_000 }),
    ]);
  });

  it('records nothing for a repeated state, a re-sent input or running to idle', async () => {
    await line.ok(machine('down', 0, ['DOWN', 'JAM']));
    await line.ok(machine('down', 5, ['DOWN', 'JAM']));
    const resent = await line.send({ ...machine('running', 9), sourceSeq: 2 });
    expect(resent).toMatchObject({ committed: false, reply: { duplicate: true } });
    await line.ok(machine('running', 10));
    await line.ok(machine('idle', 12));
    await line.ok(machine('running', 14));
    expect(line.ofType('downtime.recorded.v1').map((e) => e.payload)).toEqual([
      expect.objectContaining({ startedAt: at(0), endedAt: at(10) }),
    ]);
  });

  it('refuses a state dated before the current one: no negative interval', async () => {
    await line.ok(machine('down', 10, ['DOWN', 'JAM']));
    expect(await line.refusal(machine('running', 5))).toEqual({
      type: 'MW_WORKCENTER_STATE_OUT_OF_ORDER',
      committed: false,
    });
    expect(line.events).toEqual([]);
  });

  it.each([
    ['a stop without reason', { state: 'down' }],
    [
      'a path that does not end with the reason',
      { state: 'down', reason: 'JAM', reasonPath: ['DOWN'] },
    ],
    ['a reason on a running machine', { state: 'running', reason: 'JAM', reasonPath: ['JAM'] }],
  ])('rejects %s at the boundary with the zod issues', (_name, fields) => {
    let error: unknown;
    try {
      workCenterKind.parseMessage({
        kind: 'machine.stateChanged',
        source: 'plc-1',
        sourceSeq: 1,
        occurredAt: at(0),
        ...fields,
      });
    } catch (e) {
      error = e;
    }
    expect(isMillwrightError(error, 'MW_ACTOR_MESSAGE_INVALID')).toBe(true);
    expect((error as { data: { issues: unknown[] } }).data.issues.length).toBeGreaterThan(0);
  });
});
