// Feeds samples written as [t, tag, value, quality?] tuples through a kernel into a store.
import {
  type Kernel,
  type SampleColumns,
  type StoreOutput,
  type WindowStore,
} from '../../../native/index.ts';

export type Sample = readonly [t: number, tag: number, value: number, quality?: number];

export function columnsOf(samples: readonly Sample[]): SampleColumns {
  return {
    timestampsMs: Float64Array.from(samples, (s) => s[0]),
    tags: Uint32Array.from(samples, (s) => s[1]),
    values: Float64Array.from(samples, (s) => s[2]),
    quality: Uint8Array.from(samples, (s) => s[3] ?? 0),
  };
}

export function feed(store: WindowStore, kernel: Kernel, samples: readonly Sample[]): StoreOutput {
  return store.apply(kernel(columnsOf(samples), store.spec, store.carry));
}
