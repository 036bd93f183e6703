// frame.applied on a work-center actor, no broker and a fake clock: frames of a stream count
// once whatever their arrival order, every frame joins the seen-set (counts or not), a machine
// state older than the current one changes nothing, and lastInputAt never moves back.
import { workCenterKind } from '../runtime/imports.ts';
import { at, Line, release } from './support/line.ts';

function frame(
  seq: number,
  minute: number,
  good: number,
  scrap = 0,
  state?: { state: 'running' | 'idle'; minute: number },
) {
  return {
    kind: 'frame.applied',
    source: 'uns',
    sourceSeq: seq,
    good,
    scrap,
    ...(state === undefined ? {} : { state: state.state, stateAt: at(state.minute) }),
    occurredAt: at(minute),
    correlationId: `P100/WC-CUT/uns/${seq}`,
  };
}

describe('work-center actor: frame.applied', () => {
  let line: Line;
  beforeEach(() => {
    line = new Line('P100/WC-CUT');
  });
  afterEach(() => line.stop());

  it('counts backlog frames that arrive after newer live frames, each once', async () => {
    // live 4, 5 first; then the backlog 1..3; then the edge re-sends 3 and 5
    const order = [4, 5, 1, 2, 3, 3, 5];
    const replies = [];
    for (const seq of order) replies.push(await line.ok(frame(seq, seq, seq, seq % 2)));
    expect(replies.map((r) => r['duplicate'])).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    const state = await line.state();
    expect({ good: state.good, scrap: state.scrap, inputs: state.inputs }).toEqual({
      good: 1 + 2 + 3 + 4 + 5,
      scrap: 3,
      inputs: 5,
    });
    expect(state.sources['uns']).toEqual({ highWater: 5, above: [], good: 15, scrap: 3 });
    // The newest source time, not the last one to arrive.
    expect(state.lastInputAt).toBe(at(5));
  });

  it('takes every frame into the seen-set, with or without counts', async () => {
    await line.ok(frame(2, 2, 0));
    expect((await line.state()).sources['uns']).toMatchObject({ highWater: 0, above: [[2, 2]] });
    await line.ok(frame(1, 1, 0));
    expect((await line.state()).sources['uns']).toMatchObject({ highWater: 2, above: [] });
    expect(line.events).toEqual([]);
  });

  it('applies a machine state only if it is not older than the current one', async () => {
    await line.ok(frame(2, 10, 1, 0, { state: 'idle', minute: 9 }));
    // A backlog frame: running since minute 5 is older than idle since 9.
    const late = await line.ok(frame(1, 6, 2, 0, { state: 'running', minute: 5 }));
    expect(late).toMatchObject({ accepted: true });
    expect(late['machine']).toBeUndefined();
    expect((await line.state()).machine).toEqual({ state: 'idle', since: at(9) });
    const live = await line.ok(frame(3, 12, 1, 0, { state: 'running', minute: 11 }));
    expect(live['machine']).toEqual({ state: 'running', since: at(11) });
    expect((await line.state()).good).toBe(4);
  });

  it('completes the running order and declares scrap as counts.reported does', async () => {
    await line.ok(release({ targetQuantity: { value: 10, unit: 'ea' } }));
    await line.ok(frame(2, 2, 6, 1));
    const reply = await line.ok(frame(1, 1, 4));
    expect(reply['completed']).toMatchObject({ order: '1000123' });
    expect(line.types()).toContain('scrap.declared.v1');
    expect(line.types()).toContain('operation.confirmed.v1');
  });

  it('refuses frame number 0 and a state without its time at the boundary', () => {
    expect(() => workCenterKind.parseMessage(frame(0, 1, 1))).toThrow(/not a work-center message/);
    const { stateAt: _stateAt, ...noTime } = frame(1, 1, 1, 0, { state: 'idle', minute: 1 });
    expect(() => workCenterKind.parseMessage(noTime)).toThrow(/not a work-center message/);
  });
});
