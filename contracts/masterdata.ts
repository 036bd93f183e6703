// Master data v1: the versioned reference data of one plant that orders are validated
// against (ISA-95 "material definition", "work center", "operations definition").
// A set is loaded whole; versions only move forward.
import { z } from 'zod';
import { MaterialCode, OperationNumber, PlantId, ReasonCode, WorkCenterId } from './ids.ts';
import { UnitCode } from './quantity.ts';

export const MaterialType = z.enum(['finished', 'semi-finished', 'component', 'raw']);
export type MaterialType = z.infer<typeof MaterialType>;

export const MaterialDefinition = z.strictObject({
  code: MaterialCode,
  description: z.string().max(200).default(''),
  type: MaterialType,
  /** Quantities of this material are converted to this unit for posting. */
  baseUnit: UnitCode,
});
export type MaterialDefinition = z.infer<typeof MaterialDefinition>;

export const WorkCenterDefinition = z.strictObject({
  code: WorkCenterId,
  area: z.string().min(1).max(64),
  description: z.string().max(200).default(''),
});
export type WorkCenterDefinition = z.infer<typeof WorkCenterDefinition>;

export const RoutingDefinition = z.strictObject({
  id: z.string().min(1).max(64),
  /** The one revision orders must use; older revisions are refused. */
  currentRevision: z.string().min(1).max(16),
  material: MaterialCode,
  operations: z
    .array(z.strictObject({ operation: OperationNumber, workCenter: WorkCenterId }))
    .min(1),
});
export type RoutingDefinition = z.infer<typeof RoutingDefinition>;

/** One node of the reason-code tree (ISA-95 / plant downtime and scrap reasons). */
export const ReasonCodeDefinition = z.strictObject({
  code: ReasonCode,
  parent: ReasonCode.optional(),
  description: z.string().max(200).default(''),
  kind: z.enum(['downtime', 'scrap', 'quality', 'maintenance']),
  /** Planned stops (breaks, changeovers scheduled in advance) do not reduce availability. */
  planned: z.boolean().default(false),
});
export type ReasonCodeDefinition = z.infer<typeof ReasonCodeDefinition>;

export const MasterDataSet = z.strictObject({
  plant: PlantId,
  version: z.int().positive(),
  materials: z.array(MaterialDefinition).default([]),
  workCenters: z.array(WorkCenterDefinition).default([]),
  routings: z.array(RoutingDefinition).default([]),
  reasonCodes: z.array(ReasonCodeDefinition).default([]),
});
export type MasterDataSet = z.infer<typeof MasterDataSet>;
