// Materials the simulator knows out of the box (the demo plant's raw materials and products).
// Tests and `millwright erp-sim --materials` choose their own.
export const DEMO_MATERIALS: readonly string[] = [
  'RM-STEEL',
  'RM-ALU',
  'RM-PAINT',
  'RM-SCREW',
  'RM-GASKET',
  'FG-BRACKET',
  'FG-HOUSING',
  'FG-PANEL',
];
