// A production order as ERP releases it, valid against the orders.release contract.
export function validOrder(): Record<string, unknown> {
  return {
    order: '1000123',
    plant: 'P100',
    material: 'FG-100',
    targetQuantity: { value: 100, unit: 'ea' },
    routing: {
      id: 'R-FG-100',
      revision: 'A',
      operations: [{ operation: '0010', workCenter: 'WC-PRESS-1', idealCycleTimeMs: 1500 }],
    },
    scheduledStart: '2026-03-02T06:00:00Z',
    scheduledEnd: '2026-03-02T14:00:00Z',
  };
}
