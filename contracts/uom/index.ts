// Public surface of unit conversion and code translation.
export { UnitTable, units } from './convert.ts';
export { Crosswalk, CrosswalkDefinition, CrosswalkKind } from './crosswalk.ts';
export { standardUnits } from './units.ts';
export type { Dimension, UnitDefinition } from './units.ts';
