// Chooses the aggregation kernel: the C++ addon when asked for and built, else the TypeScript
// reference. native/ never reads MILLWRIGHT_NATIVE itself: the caller passes { native } from
// its configuration (services/platform/config.ts). The result says which one is active.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Kernel, PartialTable } from './kernel-spec.ts';
import { referenceKernel } from './reference-kernel.ts';

export interface LoadedKernel {
  readonly aggregate: Kernel;
  /** True when the C++ addon is active; false when the TypeScript reference is. */
  readonly native: boolean;
  /** Why this kernel: 'native', 'disabled', or 'unavailable: <reason>'. */
  readonly reason: string;
}

interface Addon {
  aggregate(...args: unknown[]): PartialTable;
}

const ADDON_PATH = join(import.meta.dirname, '../build/Release/millwright_aggregate.node');
let addon: Addon | Error | undefined;

function loadAddon(): Addon | Error {
  if (addon === undefined) {
    try {
      addon = createRequire(join(import.meta.dirname, 'load-kernel.ts'))(ADDON_PATH) as Addon;
    } catch (error) {
      addon = error instanceof Error ? error : new Error(String(error));
    }
  }
  return addon;
}

/** True when the addon was built by `npm ci` and loads in this process. */
export function nativeKernelAvailable(): boolean {
  return !(loadAddon() instanceof Error);
}

export const reference: LoadedKernel = Object.freeze({
  aggregate: referenceKernel,
  native: false,
  reason: 'disabled',
});

export function loadKernel(options: { readonly native: boolean }): LoadedKernel {
  if (!options.native) return reference;
  const loaded = loadAddon();
  if (loaded instanceof Error)
    return Object.freeze({ ...reference, reason: `unavailable: ${loaded.message}` });
  const aggregate: Kernel = (columns, spec, carry) =>
    loaded.aggregate(
      columns.timestampsMs,
      columns.tags,
      columns.values,
      columns.quality,
      spec,
      carry.counters,
      carry.states,
    );
  return Object.freeze({ aggregate, native: true, reason: 'native' });
}
