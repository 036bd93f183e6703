// A maintenance request raised from the line (a rule on machine state or an operator).
import { z } from 'zod';
import { businessEvent } from '../envelope.ts';
import { ReasonCode } from '../ids.ts';

export const MaintenanceRequested = businessEvent(
  'maintenance.requested.v1',
  z.strictObject({
    priority: z.enum(['low', 'medium', 'high', 'emergency']),
    reason: ReasonCode,
    description: z.string().min(1).max(1000),
    equipment: z.string().min(1).max(64).optional(),
  }),
);
export type MaintenanceRequested = z.infer<typeof MaintenanceRequested>;
