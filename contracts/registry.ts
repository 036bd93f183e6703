// The catalogue of contracts v1: every business event, action and telemetry message.
// Adding a contract: define its schema in events/ (or beside the owning module) and list it here.
import type { z } from 'zod';
import { ContractCatalogue, type ContractKind } from './catalogue.ts';
import { DowntimeRecorded } from './events/downtime.ts';
import { GenealogyRecorded } from './events/genealogy.ts';
import { MaintenanceRequested } from './events/maintenance.ts';
import { ConsumptionOutOfTolerance, GoodsReceived, MaterialConsumed } from './events/material.ts';
import { OperationConfirmed, OperationStarted } from './events/operation.ts';
import { OrderReleased, ProductionOrder } from './events/production-order.ts';
import { QualityHold, QualityRejected, QualityReleased } from './events/quality.ts';
import { ScrapDeclared } from './events/scrap.ts';
import { MasterDataSet } from './masterdata.ts';
import { TelemetryFrameHeader } from './telemetry-frame.ts';

/** Business events carry their name in the literal `type` field; read it from there. */
type EventSchema = z.ZodType & { shape: { type: { value: string } } };

function define(name: string, kind: ContractKind, schema: z.ZodType, summary: string) {
  return { name, kind, schema, summary };
}

function event(schema: EventSchema, summary: string) {
  return define(schema.shape.type.value, 'event', schema, summary);
}

export const contracts = new ContractCatalogue([
  event(OrderReleased, 'A production order was released to a work center and accepted.'),
  event(OperationStarted, 'An operation of a production order started on a work center.'),
  event(
    OperationConfirmed,
    'An operation was confirmed with yield, scrap and rework (ERP confirmation).',
  ),
  event(MaterialConsumed, 'A component was consumed (ERP goods issue, movement type 261).'),
  event(GoodsReceived, 'Finished goods were received from a production order (movement type 101).'),
  event(
    ConsumptionOutOfTolerance,
    'A consumption fell outside the BOM tolerance; its posting is held for review.',
  ),
  event(
    ScrapDeclared,
    'Scrap was declared with a reason code (analytics; operation scrap reaches ERP in the confirmation).',
  ),
  event(DowntimeRecorded, 'A downtime interval ended, with its reason-code path and planned flag.'),
  event(QualityHold, 'A produced lot was put in restricted stock pending inspection.'),
  event(QualityReleased, 'QMS released an inspected lot to unrestricted stock.'),
  event(QualityRejected, 'QMS rejected an inspected lot (blocked stock or scrap).'),
  event(GenealogyRecorded, 'Consumed lots were linked to the lot they produced.'),
  event(MaintenanceRequested, 'Maintenance was requested for a work center.'),
  define(
    'orders.release',
    'action',
    ProductionOrder,
    'Validate a production order against master data and dispatch it.',
  ),
  define(
    'masterdata.load',
    'action',
    MasterDataSet,
    'Load a new version of the master data of one plant (materials, work centers, routings, reason codes).',
  ),
  define(
    'telemetry.frame.v1',
    'telemetry',
    TelemetryFrameHeader,
    'Header of a telemetry frame from the edge.',
  ),
]);
