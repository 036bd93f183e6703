// Shift calendars from a file (MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR, YAML or JSON): one calendar
// for every plant, or a `default` plus one per plant under `plants`. Without a file every plant
// runs three 8-hour shifts (06-14, 14-22, 22-06 UTC) without breaks. Read once at start.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MillwrightError } from '../../contracts/index.ts';
import { ShiftCalendar, ShiftCalendarDefinition } from './shift-calendar.ts';

export const DEFAULT_SHIFT_CALENDAR: ShiftCalendarDefinition = {
  utcOffsetMinutes: 0,
  shifts: [
    { name: 'early', start: '06:00', end: '14:00', breaks: [] },
    { name: 'late', start: '14:00', end: '22:00', breaks: [] },
    { name: 'night', start: '22:00', end: '06:00', breaks: [] },
  ],
};

export const ShiftCalendarFile = z.union([
  ShiftCalendarDefinition,
  z.strictObject({
    default: ShiftCalendarDefinition.optional(),
    plants: z.record(z.string(), ShiftCalendarDefinition),
  }),
]);

/** The calendar of each plant: from `file` when given, else the default. */
export function readShiftCalendars(file: string | undefined): (plant: string) => ShiftCalendar {
  const fallback = new ShiftCalendar(DEFAULT_SHIFT_CALENDAR);
  if (file === undefined) return () => fallback;
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new MillwrightError(
      'MW_ANALYTICS_CALENDAR_INVALID',
      `MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR: cannot read ${file}: ${(cause as Error).message}`,
      { file },
      { cause },
    );
  }
  const parsed = ShiftCalendarFile.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MillwrightError(
      'MW_ANALYTICS_CALENDAR_INVALID',
      `MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR: ${file} is not a shift calendar${first === undefined ? '' : ` (${first.path.join('.')}: ${first.message})`}`,
      { file, issues: parsed.error.issues },
    );
  }
  const data = parsed.data;
  if ('shifts' in data) {
    const one = new ShiftCalendar(data);
    return () => one;
  }
  const byPlant = new Map(
    Object.entries(data.plants).map(([plant, d]) => [plant, new ShiftCalendar(d)]),
  );
  const other = data.default === undefined ? fallback : new ShiftCalendar(data.default);
  return (plant) => byPlant.get(plant) ?? other;
}
