// Checks a production order against the plant's master data and lists every problem, each
// with the path in the order and its MW_ORDER_* code, so ERP can fix them in one round trip.
import type { ErrorCode, ProductionOrder } from '../../contracts/index.ts';
import type { PlantMasterData } from '../masterdata/plant-master-data.ts';

export interface OrderProblem {
  readonly code: ErrorCode;
  readonly path: (string | number)[];
  readonly message: string;
}

export function validateOrder(order: ProductionOrder, data: PlantMasterData): OrderProblem[] {
  const problems: OrderProblem[] = [];
  const add = (code: ErrorCode, path: (string | number)[], message: string) =>
    problems.push({ code, path, message });

  if (order.plant !== data.plant)
    add(
      'MW_ORDER_WRONG_PLANT',
      ['plant'],
      `order is for plant ${order.plant}, master data is ${data.plant}`,
    );
  if (Date.parse(order.scheduledEnd) <= Date.parse(order.scheduledStart)) {
    add(
      'MW_ORDER_SCHEDULE_INVALID',
      ['scheduledEnd'],
      'scheduled end must be after scheduled start',
    );
  }
  checkQuantity(order.material, order.targetQuantity.unit, ['targetQuantity', 'unit'], data, add, [
    'material',
  ]);

  const routing = data.routings.get(order.routing.id);
  if (routing === undefined)
    add('MW_ORDER_UNKNOWN_ROUTING', ['routing', 'id'], `unknown routing "${order.routing.id}"`);
  else if (routing.currentRevision !== order.routing.revision) {
    add(
      'MW_ORDER_ROUTING_NOT_CURRENT',
      ['routing', 'revision'],
      `revision ${order.routing.revision} is not the current revision ${routing.currentRevision}`,
    );
  }
  const operations = new Set<string>();
  order.routing.operations.forEach((op, i) => {
    if (operations.has(op.operation))
      add(
        'MW_ORDER_BOM_INCONSISTENT',
        ['routing', 'operations', i, 'operation'],
        `operation ${op.operation} appears twice`,
      );
    operations.add(op.operation);
    if (!data.workCenters.has(op.workCenter)) {
      add(
        'MW_ORDER_UNKNOWN_WORK_CENTER',
        ['routing', 'operations', i, 'workCenter'],
        `unknown work center "${op.workCenter}"`,
      );
    }
  });

  const items = new Set<string>();
  order.components.forEach((component, i) => {
    if (items.has(component.item))
      add(
        'MW_ORDER_BOM_INCONSISTENT',
        ['components', i, 'item'],
        `BOM item ${component.item} appears twice`,
      );
    items.add(component.item);
    if (!operations.has(component.operation)) {
      add(
        'MW_ORDER_BOM_INCONSISTENT',
        ['components', i, 'operation'],
        `BOM item ${component.item} is consumed by operation ${component.operation}, which the routing does not have`,
      );
    }
    checkQuantity(
      component.material,
      component.quantity.unit,
      ['components', i, 'quantity', 'unit'],
      data,
      add,
      ['components', i, 'material'],
    );
  });
  order.qualityInstructions.forEach((instruction, i) => {
    if (!operations.has(instruction.operation)) {
      add(
        'MW_ORDER_BOM_INCONSISTENT',
        ['qualityInstructions', i, 'operation'],
        `quality instruction ${instruction.id} names operation ${instruction.operation}, which the routing does not have`,
      );
    }
  });
  return problems;
}

function checkQuantity(
  material: string,
  unit: string,
  unitPath: (string | number)[],
  data: PlantMasterData,
  add: (code: ErrorCode, path: (string | number)[], message: string) => void,
  materialPath: (string | number)[],
): void {
  const definition = data.materials.get(material);
  if (definition === undefined) {
    add('MW_ORDER_UNKNOWN_MATERIAL', materialPath, `unknown material "${material}"`);
    return;
  }
  if (!data.units.convertible(unit, definition.baseUnit)) {
    add(
      'MW_ORDER_UNIT_NOT_CONVERTIBLE',
      unitPath,
      `"${unit}" cannot be converted to ${material}'s base unit "${definition.baseUnit}"`,
    );
  }
}
