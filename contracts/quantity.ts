// A quantity always carries its unit of measure; a bare number is never a quantity.
// zod 4's z.number() already refuses NaN and the infinities.
import { z } from 'zod';

export const UnitCode = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[A-Za-z0-9_]+$/, 'unit codes are letters, digits and "_", e.g. "kg", "ea", "degC"');
export type UnitCode = z.infer<typeof UnitCode>;

export const Quantity = z.object({
  value: z.number(),
  unit: UnitCode,
});
export type Quantity = z.infer<typeof Quantity>;

/** Quantities that count produced or consumed goods may not be negative; reversals are events. */
export const NonNegativeQuantity = z.object({
  value: z.number().nonnegative(),
  unit: UnitCode,
});
export type NonNegativeQuantity = z.infer<typeof NonNegativeQuantity>;
