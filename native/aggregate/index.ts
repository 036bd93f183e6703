// Public surface of native/aggregate: kernels (reference and native), the window store that
// merges their tables per work center, and the OEE inputs of a closed window.
export { loadKernel, nativeKernelAvailable, reference } from './load-kernel.ts';
export type { LoadedKernel } from './load-kernel.ts';
export { referenceKernel } from './reference-kernel.ts';
export { compileSpec, createCarry, F, KIND_CODE, STRIDE } from './kernel-spec.ts';
export { seedCarry } from './carry-seed.ts';
export type { SeedMode } from './carry-seed.ts';
export type {
  AggregationSpec,
  CompiledSpec,
  Kernel,
  KernelCarry,
  KernelColumns,
  PartialTable,
  TagKind,
} from './kernel-spec.ts';
export { WindowStore } from './window-store.ts';
export type {
  ClosedWindow,
  Correction,
  IncompleteReason,
  StoreOutput,
  WindowOptions,
} from './window-store.ts';
export type { TagWindow } from './tag-window.ts';
export { oeeInputs } from './oee-inputs.ts';
export type { OeeInputs, OeeRoles, StateCategory } from './oee-inputs.ts';
export { keyValue, sketchKey, sketchMultiplier, sketchQuantile } from './ddsketch.ts';
