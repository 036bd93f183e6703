// ISO 22400 OEE on known state sequences; every expected value is computed by hand in the
// comments, in minutes, from the shift 06:00-14:00 with a 10:00-10:30 break.
import {
  computeOee,
  ShiftCalendar,
  StateTimeline,
  type StateChange,
} from '../../../connectors/analytics/index.ts';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);
const MIN = 60_000;
const calendar = new ShiftCalendar({
  utcOffsetMinutes: 0,
  shifts: [
    { name: 'early', start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }] },
    { name: 'late', start: '14:00', end: '22:00', breaks: [] },
    { name: 'night', start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:20' }] },
  ],
});

function oeeOf(changes: StateChange[], produced: number, good: number) {
  const shift = calendar.shiftAt(at('09:00'));
  if (shift === undefined) throw new Error('no shift');
  const timeline = new StateTimeline();
  for (const change of changes) timeline.record(change);
  return computeOee({
    shift,
    plannedDowntime: shift.breaks,
    states: timeline.intervals(shift.startMs, shift.endMs),
    producedQuantity: produced,
    goodQuantity: good,
    idealCycleTimeMs: 60_000,
  });
}

describe('OEE (ISO 22400-2)', () => {
  it('computes availability, effectiveness, quality and OEE for a shift with a jam and idle time', () => {
    // running 06:00-08:00 (120), down 08:00-08:45 (45), running 08:45-10:00 (75),
    // planned stop 10:00-10:30 (the break), running 10:30-13:00 (150), idle 13:00-13:20 (20),
    // running 13:20-14:00 (40).  POT 480, PDOT 30, PBT 450, APT 385.
    const result = oeeOf(
      [
        { atMs: at('06:00'), state: 'running' },
        { atMs: at('08:00'), state: 'down', reason: 'JAM' },
        { atMs: at('08:45'), state: 'running' },
        { atMs: at('10:00'), state: 'planned-stop', reason: 'BREAK' },
        { atMs: at('10:30'), state: 'running' },
        { atMs: at('13:00'), state: 'idle' },
        { atMs: at('13:20'), state: 'running' },
      ],
      350,
      340,
    );
    expect(result.plannedOperationTimeMs).toBe(480 * MIN);
    expect(result.plannedDowntimeMs).toBe(30 * MIN);
    expect(result.plannedBusyTimeMs).toBe(450 * MIN);
    expect(result.actualProductionTimeMs).toBe(385 * MIN);
    expect(result.unplannedDowntimeMs).toBe(45 * MIN);
    expect(result.availability).toBeCloseTo(385 / 450, 12); // 0.8556
    expect(result.effectiveness).toBeCloseTo(350 / 385, 12); // 350 parts x 1 min / 385 min
    expect(result.qualityRatio).toBeCloseTo(340 / 350, 12);
    expect(result.oee).toBeCloseTo(340 / 450, 12); // = GQ x PRI / PBT = 0.7556
  });

  it('does not count running through a calendar break as production time', () => {
    // running all shift: APT = 480 - 30 (break) = 450 = PBT, availability 1.
    const result = oeeOf([{ atMs: at('06:00'), state: 'running' }], 450, 450);
    expect(result.actualProductionTimeMs).toBe(450 * MIN);
    expect(result.availability).toBe(1);
    expect(result.oee).toBe(1);
  });

  it('treats a planned stop reported by the machine (changeover) as planned downtime', () => {
    // running, changeover 12:00-12:20 planned: PDOT 30 + 20 = 50, PBT 430, APT 430.
    const result = oeeOf(
      [
        { atMs: at('06:00'), state: 'running' },
        { atMs: at('12:00'), state: 'planned-stop', reason: 'CHANGEOVER' },
        { atMs: at('12:20'), state: 'running' },
      ],
      430,
      400,
    );
    expect(result.plannedBusyTimeMs).toBe(430 * MIN);
    expect(result.availability).toBe(1);
    expect(result.qualityRatio).toBeCloseTo(400 / 430, 12);
  });

  it('clips states that started before the shift', () => {
    // running since 05:00, down 06:30-07:30: APT = 480 - 30 - 60 = 390 of PBT 450.
    const result = oeeOf(
      [
        { atMs: at('05:00'), state: 'running' },
        { atMs: at('06:30'), state: 'down', reason: 'JAM' },
        { atMs: at('07:30'), state: 'running' },
      ],
      300,
      300,
    );
    expect(result.actualProductionTimeMs).toBe(390 * MIN);
    expect(result.availability).toBeCloseTo(390 / 450, 12);
  });

  it('gives zeros, not NaN, for a shift without production', () => {
    const result = oeeOf([{ atMs: at('06:00'), state: 'idle' }], 0, 0);
    expect(result).toMatchObject({ availability: 0, effectiveness: 0, qualityRatio: 0, oee: 0 });
  });

  it('refuses good quantity above produced quantity', () => {
    expect(() => oeeOf([{ atMs: at('06:00'), state: 'running' }], 10, 11)).toThrow(RangeError);
  });
});

describe('state timeline', () => {
  it('refuses a change earlier than the previous one (no overlapping intervals)', () => {
    const timeline = new StateTimeline();
    timeline.record({ atMs: at('08:00'), state: 'running' });
    expect(() => {
      timeline.record({ atMs: at('07:59'), state: 'down' });
    }).toThrow(RangeError);
  });
});

describe('shift calendar', () => {
  it('finds the shift of a moment, including one that crosses midnight', () => {
    expect(calendar.shiftAt(at('09:00'))).toMatchObject({ name: 'early', date: '2026-12-01' });
    expect(calendar.shiftAt(at('23:30'))).toMatchObject({
      name: 'night',
      date: '2026-12-01',
      endMs: Date.parse('2026-12-02T06:00:00Z'),
    });
    const night = calendar.shiftAt(Date.parse('2026-12-02T03:00:00Z'));
    expect(night).toMatchObject({
      name: 'night',
      date: '2026-12-01',
      breaks: [
        { startMs: Date.parse('2026-12-02T02:00:00Z'), endMs: Date.parse('2026-12-02T02:20:00Z') },
      ],
    });
  });

  it('applies the plant UTC offset', () => {
    const cet = new ShiftCalendar({
      utcOffsetMinutes: 60,
      shifts: [{ name: 'early', start: '06:00', end: '14:00', breaks: [] }],
    });
    expect(cet.shiftAt(Date.parse('2026-12-01T05:30:00Z'))).toMatchObject({
      startMs: Date.parse('2026-12-01T05:00:00Z'),
    });
    expect(cet.shiftAt(Date.parse('2026-12-01T04:30:00Z'))).toBeUndefined();
  });
});
