// The ERP connector's options inside the one configuration schema (config.ts): where ERP is,
// how long to wait for it, and how patiently to retry. Without MILLWRIGHT_ERP_URL the node
// runs the built-in ERP simulator and posts to it (the out-of-the-box embedded demo).
import { z } from 'zod';

const millis = (min: number, max: number) =>
  z.coerce
    .number()
    .int('a whole number of milliseconds')
    .min(min, `at least ${min}`)
    .max(max, `at most ${max}`);
const ms = (min: number, max: number, fallback: number) => millis(min, max).default(fallback);

export const erpConfigSchema = {
  MILLWRIGHT_ERP_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://s4.example.com' })
    .optional(),
  MILLWRIGHT_ERP_USER: z.string().min(1).optional(),
  MILLWRIGHT_ERP_PASSWORD: z.string().min(1).optional(),
  MILLWRIGHT_ERP_TIMEOUT_MS: ms(100, 300_000, 10_000),
  MILLWRIGHT_ERP_TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone, e.g. Europe/Berlin')
    .default('UTC'),
  MILLWRIGHT_ERP_RETRY_BASE_MS: ms(10, 600_000, 500),
  MILLWRIGHT_ERP_RETRY_MAX_MS: ms(10, 3_600_000, 30_000),
  MILLWRIGHT_ERP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1_000).default(10),
  MILLWRIGHT_ERP_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1_000).default(5),
  MILLWRIGHT_ERP_BREAKER_OPEN_MS: ms(10, 600_000, 5_000),
  /** Ack wait of the connector's durable consumer; default max(30 s, 3 x the ERP timeout). */
  MILLWRIGHT_ERP_ACK_WAIT_MS: millis(1_000, 3_600_000).optional(),
  MILLWRIGHT_ERP_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(4300),
};

export interface ErpConfig {
  /** undefined: post to the built-in simulator, started by this node on `simulatorPort`. */
  readonly url: string | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly timeoutMs: number;
  readonly timeZone: string;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxAttempts: number;
  readonly breakerThreshold: number;
  readonly breakerOpenMs: number;
  readonly ackWaitMs: number;
  readonly simulatorPort: number;
}

type Parsed = z.infer<z.ZodObject<typeof erpConfigSchema>>;

export function erpConfigOf(c: Parsed): ErpConfig {
  return Object.freeze({
    url: c.MILLWRIGHT_ERP_URL,
    username: c.MILLWRIGHT_ERP_USER,
    password: c.MILLWRIGHT_ERP_PASSWORD,
    timeoutMs: c.MILLWRIGHT_ERP_TIMEOUT_MS,
    timeZone: c.MILLWRIGHT_ERP_TIME_ZONE,
    retryBaseMs: c.MILLWRIGHT_ERP_RETRY_BASE_MS,
    retryMaxMs: c.MILLWRIGHT_ERP_RETRY_MAX_MS,
    maxAttempts: c.MILLWRIGHT_ERP_MAX_ATTEMPTS,
    breakerThreshold: c.MILLWRIGHT_ERP_BREAKER_THRESHOLD,
    breakerOpenMs: c.MILLWRIGHT_ERP_BREAKER_OPEN_MS,
    ackWaitMs: c.MILLWRIGHT_ERP_ACK_WAIT_MS ?? Math.max(30_000, c.MILLWRIGHT_ERP_TIMEOUT_MS * 3),
    simulatorPort: c.MILLWRIGHT_ERP_SIM_PORT,
  });
}

/** Cross-option rule: a delivery must not be redelivered while its ERP call may still run. */
export function checkErpConfig(c: Parsed): { path: string[]; message: string } | undefined {
  const ackWait = c.MILLWRIGHT_ERP_ACK_WAIT_MS;
  if (ackWait === undefined || ackWait > c.MILLWRIGHT_ERP_TIMEOUT_MS * 2) return undefined;
  return {
    path: ['MILLWRIGHT_ERP_ACK_WAIT_MS'],
    message: `must exceed twice MILLWRIGHT_ERP_TIMEOUT_MS (${c.MILLWRIGHT_ERP_TIMEOUT_MS}): one call and a read-back`,
  };
}
