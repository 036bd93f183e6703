// The plant's shift calendar: named shifts at local wall-clock times (a shift may cross
// midnight) with their planned breaks, in the plant's fixed UTC offset. Answers which shift a
// moment belongs to, as absolute windows the OEE calculation can use.
import { z } from 'zod';
import type { TimeWindow } from './oee.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');

export const ShiftCalendarDefinition = z.strictObject({
  /** Minutes east of UTC, e.g. 60 for CET; daylight saving is a new calendar version. */
  utcOffsetMinutes: z.int().min(-720).max(840),
  shifts: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(32),
        start: clock,
        end: clock,
        breaks: z.array(z.strictObject({ start: clock, end: clock })).default([]),
      }),
    )
    .min(1),
});
export type ShiftCalendarDefinition = z.infer<typeof ShiftCalendarDefinition>;

export interface ShiftWindow extends TimeWindow {
  readonly name: string;
  /** Local date the shift started on, YYYY-MM-DD: with the name, the shift's identity. */
  readonly date: string;
  readonly breaks: readonly TimeWindow[];
}

const DAY_MS = 86_400_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export class ShiftCalendar {
  readonly #definition: ShiftCalendarDefinition;

  constructor(definition: ShiftCalendarDefinition) {
    this.#definition = ShiftCalendarDefinition.parse(definition);
  }

  /** The shift containing `timeMs`, or undefined when no shift is planned then. */
  shiftAt(timeMs: number): ShiftWindow | undefined {
    const offsetMs = this.#definition.utcOffsetMinutes * 60_000;
    const localDayStart = Math.floor((timeMs + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
    // A shift that crossed midnight may have started the local day before.
    for (const dayStart of [localDayStart, localDayStart - DAY_MS]) {
      for (const shift of this.#definition.shifts) {
        const window = this.#window(shift, dayStart, offsetMs);
        if (timeMs >= window.startMs && timeMs < window.endMs) return window;
      }
    }
    return undefined;
  }

  /** Shift names in calendar order. */
  get shiftNames(): string[] {
    return this.#definition.shifts.map((shift) => shift.name);
  }

  /** The shift `name` that started on the local date `date` (YYYY-MM-DD), if there is one. */
  shift(date: string, name: string): ShiftWindow | undefined {
    const definition = this.#definition.shifts.find((shift) => shift.name === name);
    const dayMs = Date.parse(`${date}T00:00:00Z`);
    if (definition === undefined || !Number.isFinite(dayMs)) return undefined;
    const offsetMs = this.#definition.utcOffsetMinutes * 60_000;
    return this.#window(definition, dayMs - offsetMs, offsetMs);
  }

  /** Every shift that overlaps [fromMs, toMs), in time order. */
  shiftsOverlapping(fromMs: number, toMs: number): ShiftWindow[] {
    const offsetMs = this.#definition.utcOffsetMinutes * 60_000;
    const windows: ShiftWindow[] = [];
    // From the local day before (a shift crossing midnight), one day at a time.
    const first = Math.floor((fromMs + offsetMs) / DAY_MS) * DAY_MS - offsetMs - DAY_MS;
    for (let day = first; day < toMs; day += DAY_MS) {
      for (const shift of this.#definition.shifts) {
        const window = this.#window(shift, day, offsetMs);
        if (window.startMs < toMs && window.endMs > fromMs) windows.push(window);
      }
    }
    return windows.sort((a, b) => a.startMs - b.startMs);
  }

  #window(
    shift: ShiftCalendarDefinition['shifts'][number],
    dayStartMs: number,
    offsetMs: number,
  ): ShiftWindow {
    const at = (hhmm: string, notBefore: number) => {
      let t = dayStartMs + minutes(hhmm) * 60_000;
      while (t < notBefore) t += DAY_MS;
      return t;
    };
    const startMs = at(shift.start, dayStartMs);
    const endMs = at(shift.end, startMs + 1);
    const breaks = shift.breaks.map((b) => {
      const breakStart = at(b.start, startMs);
      return { startMs: breakStart, endMs: at(b.end, breakStart + 1) };
    });
    const date = new Date(dayStartMs + offsetMs).toISOString().slice(0, 10);
    return { name: shift.name, date, startMs, endMs, breaks };
  }
}
