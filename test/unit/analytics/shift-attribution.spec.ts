// Which shifts an interval touches (across midnight and UTC offsets), how a run's output is
// shared between shifts by its running time, and the calendar file's errors naming the option.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readShiftCalendars,
  shareOf,
  ShiftCalendar,
  type RunFact,
} from '../../../connectors/analytics/index.ts';
import { thrownBy } from '../../support/thrown.ts';

const calendar = new ShiftCalendar({
  utcOffsetMinutes: 60,
  shifts: [
    { name: 'day', start: '06:00', end: '18:00', breaks: [{ start: '12:00', end: '12:30' }] },
    { name: 'night', start: '18:00', end: '06:00', breaks: [] },
  ],
});
const at = (local: string) => Date.parse(`${local}+01:00`);

function run(start: string, end: string): RunFact {
  return {
    eventId: `run-${start}`,
    order: '1',
    operation: '0010',
    startMs: at(start),
    endMs: at(end),
    good: 10,
    scrap: 0,
    rework: 0,
    idealCycleTimeMs: 1_000,
  };
}

describe('shift attribution', () => {
  it('lists the shifts an interval overlaps, across midnight, named by their local start date', () => {
    const shifts = calendar.shiftsOverlapping(at('2026-03-01T17:00:00'), at('2026-03-02T07:00:00'));
    expect(shifts.map((s) => [s.date, s.name])).toEqual([
      ['2026-03-01', 'day'],
      ['2026-03-01', 'night'],
      ['2026-03-02', 'day'],
    ]);
    expect(calendar.shift('2026-03-01', 'night')).toMatchObject({
      startMs: at('2026-03-01T18:00:00'),
      endMs: at('2026-03-02T06:00:00'),
    });
    expect(calendar.shift('2026-03-01', 'evening')).toBeUndefined();
  });

  it('shares a run between shifts by its running time there, breaks and downtime excluded', () => {
    // 11:00-19:00: day 11:00-18:00 = 420 min - break 30 - jam 60 = 330; night 18:00-19:00 = 60.
    const r = run('2026-03-02T11:00:00', '2026-03-02T19:00:00');
    const jam = {
      eventId: 'jam',
      startMs: at('2026-03-02T14:00:00'),
      endMs: at('2026-03-02T15:00:00'),
      planned: false,
      reason: 'JAM',
    };
    const [day, night] = calendar.shiftsOverlapping(r.startMs, r.endMs);
    expect(shareOf(r, day!, [jam], calendar)).toBeCloseTo(330 / 390, 12);
    expect(shareOf(r, night!, [jam], calendar)).toBeCloseTo(60 / 390, 12);
  });

  it('gives a run that never ran (stopped all along) to the shift it finished in', () => {
    const r = run('2026-03-02T17:30:00', '2026-03-02T18:30:00');
    const stop = { eventId: 's', startMs: r.startMs, endMs: r.endMs, planned: false, reason: 'X' };
    const [day, night] = calendar.shiftsOverlapping(r.startMs, r.endMs);
    expect([shareOf(r, day!, [stop], calendar), shareOf(r, night!, [stop], calendar)]).toEqual([
      0, 1,
    ]);
  });

  describe('calendar file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'mw-calendar-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads a default and per-plant calendars from YAML', () => {
      const file = join(dir, 'c.yaml');
      writeFileSync(
        file,
        [
          'default: { utcOffsetMinutes: 0, shifts: [{ name: all, start: "00:00", end: "00:00" }] }',
          'plants:',
          '  P200: { utcOffsetMinutes: -300, shifts: [{ name: a, start: "07:00", end: "15:00" }] }',
        ].join('\n'),
      );
      const calendars = readShiftCalendars(file);
      expect(calendars('P200').shiftNames).toEqual(['a']);
      expect(calendars('P100').shiftNames).toEqual(['all']);
      expect(readShiftCalendars(undefined)('P1').shiftNames).toEqual(['early', 'late', 'night']);
    });

    it('refuses a missing or malformed file with MW_ANALYTICS_CALENDAR_INVALID naming the option', () => {
      expect(thrownBy(() => readShiftCalendars(join(dir, 'missing.yaml')))).toMatchObject({
        type: 'MW_ANALYTICS_CALENDAR_INVALID',
        message: expect.stringMatching(
          /^MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR: cannot read/,
        ) as string,
      });
      const file = join(dir, 'bad.yaml');
      writeFileSync(
        file,
        'utcOffsetMinutes: 0\nshifts: [{ name: x, start: "25:00", end: "06:00" }]\n',
      );
      expect(thrownBy(() => readShiftCalendars(file))).toMatchObject({
        type: 'MW_ANALYTICS_CALENDAR_INVALID',
        message: expect.stringContaining('is not a shift calendar') as string,
        data: { file, issues: expect.any(Array) as unknown },
      });
    });
  });
});
