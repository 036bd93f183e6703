// The QMS and analytics connectors' options inside the one configuration schema (config.ts).
// Without MILLWRIGHT_QMS_URL the node runs the built-in QMS simulator (on a free port unless
// MILLWRIGHT_QMS_SIM_PORT is set) and the connector talks to it.
import { z } from 'zod';

const ms = (min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int('a whole number of milliseconds')
    .min(min, `at least ${min}`)
    .max(max, `at most ${max}`)
    .default(fallback);

/** "manual", or "accept:<ms>" / "reject:<ms>": the simulator decides each lot that long after. */
const simDecide = z
  .string()
  .regex(/^(manual|(accept|reject):\d{1,9})$/, 'manual, accept:<ms> or reject:<ms>');

export const qmsConfigSchema = {
  MILLWRIGHT_QMS_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://qms.example.com' })
    .optional(),
  MILLWRIGHT_QMS_TOKEN: z.string().min(1).optional(),
  MILLWRIGHT_QMS_TIMEOUT_MS: ms(100, 300_000, 10_000),
  MILLWRIGHT_QMS_POLL_MS: ms(50, 3_600_000, 2_000),
  MILLWRIGHT_QMS_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  MILLWRIGHT_QMS_SIM_DECIDE: simDecide.default('accept:30000'),
  /** YAML or JSON shift calendar(s); default three 8-hour shifts, UTC (docs/analytics.md). */
  MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR: z.string().min(1).optional(),
};

export interface QmsConfig {
  /** undefined: talk to the built-in simulator this node starts. */
  readonly url: string | undefined;
  readonly token: string | undefined;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly simulatorPort: number;
  /** The simulator's auto-decide rule; undefined: decisions only through its API. */
  readonly simulatorDecide: { decision: 'accept' | 'reject'; afterMs: number } | undefined;
}

export interface AnalyticsConfig {
  readonly shiftCalendarFile: string | undefined;
}

type Parsed = z.infer<z.ZodObject<typeof qmsConfigSchema>>;

export function qmsConfigOf(c: Parsed): QmsConfig {
  const [mode = 'manual', after = '0'] = c.MILLWRIGHT_QMS_SIM_DECIDE.split(':');
  return Object.freeze({
    url: c.MILLWRIGHT_QMS_URL,
    token: c.MILLWRIGHT_QMS_TOKEN,
    timeoutMs: c.MILLWRIGHT_QMS_TIMEOUT_MS,
    pollMs: c.MILLWRIGHT_QMS_POLL_MS,
    simulatorPort: c.MILLWRIGHT_QMS_SIM_PORT,
    simulatorDecide:
      mode === 'accept' || mode === 'reject'
        ? Object.freeze({ decision: mode, afterMs: Number(after) })
        : undefined,
  });
}

export function analyticsConfigOf(c: Parsed): AnalyticsConfig {
  return Object.freeze({ shiftCalendarFile: c.MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR });
}
