import fc from 'fast-check';
import {
  compileSpec,
  createCarry,
  loadKernel,
  nativeKernelAvailable,
  reference,
} from '../../../native/index.ts';
import { loadConfig } from '../../../services/platform/index.ts';
import { copyColumns } from '../../support/telemetry/arbitraries.ts';
import { kernelInputArb, specInput, tableDifference } from '../../support/telemetry/tables.ts';

// MILLWRIGHT_NATIVE=0 runs this file on the reference alone (the no-toolchain case).
const kernel = loadKernel({ native: loadConfig(process.env).nativeKernel });
const describeNative = kernel.native ? describe : describe.skip;
const spec = compileSpec(specInput);

describe('kernel selection', () => {
  it('reports which kernel is active and why', () => {
    expect(kernel.native).toBe(loadConfig(process.env).nativeKernel && nativeKernelAvailable());
    expect(kernel.reason).toMatch(/^(native|disabled|unavailable: .+)$/);
    expect(loadKernel({ native: false })).toBe(reference);
  });
});

describeNative('native kernel vs TypeScript reference', () => {
  it('agree on random frames (NaN, infinities, bad quality, resets, wraps, out of order)', () => {
    fc.assert(
      fc.property(kernelInputArb(), kernelInputArb(), (first, second) => {
        const carryNative = createCarry(spec);
        const carryReference = createCarry(spec);
        // Two frames in a row: the carry threads counter and state history between them.
        for (const columns of [first, second]) {
          const a = kernel.aggregate(copyColumns(columns), spec, carryNative);
          const b = reference.aggregate(copyColumns(columns), spec, carryReference);
          expect(tableDifference(a, b)).toBeUndefined();
          expect(Array.from(carryNative.counters)).toEqual(Array.from(carryReference.counters));
          expect(Array.from(carryNative.states)).toEqual(Array.from(carryReference.states));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agree on an empty frame and on a frame with only invalid timestamps', () => {
    const empty = {
      timestampsMs: new Float64Array(0),
      tags: new Uint32Array(0),
      values: new Float64Array(0),
      quality: new Uint8Array(0),
    };
    const invalid = {
      timestampsMs: Float64Array.of(Number.NaN, Infinity),
      tags: Uint32Array.of(0, 1),
      values: Float64Array.of(1, 2),
      quality: Uint8Array.of(0, 0),
    };
    for (const columns of [empty, invalid]) {
      const a = kernel.aggregate(columns, spec, createCarry(spec));
      const b = reference.aggregate(columns, spec, createCarry(spec));
      expect(tableDifference(a, b)).toBeUndefined();
    }
  });

  it('refuses columns of different lengths instead of reading past one', () => {
    const columns = {
      timestampsMs: new Float64Array(3),
      tags: new Uint32Array(2),
      values: new Float64Array(3),
      quality: new Uint8Array(3),
    };
    expect(() => kernel.aggregate(columns, spec, createCarry(spec))).toThrow(/differ in length/);
  });
});
