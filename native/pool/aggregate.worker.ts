// Worker-thread side of the aggregation pool: decodes one transferred frame and runs the
// kernel on it. Returns the table with its buffers transferred back (no copies). It keeps no
// state between tasks: the carry travels with each task, so any thread may take any frame.
// A frame's carried base readings only fill a carry that has no reading yet (a new owner):
// they were observed in an earlier frame and are never aggregated again.
import { Piscina } from 'piscina';
import { decodeFrame, splitCarriedBase } from '../frame/index.ts';
import { seedCarry } from '../aggregate/carry-seed.ts';
import { loadKernel, type LoadedKernel } from '../aggregate/load-kernel.ts';
import type { CompiledSpec, KernelCarry, PartialTable } from '../aggregate/kernel-spec.ts';
import type { FrameHeader } from '../frame/frame-types.ts';
import { isNativeError, type NativeErrorCode } from '../native-error.ts';

export interface AggregateTask {
  /** The frame's memory, transferred: the worker owns it now. */
  readonly frame: ArrayBuffer;
  readonly spec: CompiledSpec;
  readonly carry: KernelCarry;
  readonly native: boolean;
}

export type AggregateTaskResult =
  | {
      readonly ok: true;
      readonly header: FrameHeader;
      readonly table: PartialTable;
      readonly carry: KernelCarry;
      readonly kernel: 'native' | 'reference';
    }
  | {
      readonly ok: false;
      readonly code: NativeErrorCode;
      readonly message: string;
      readonly data: Readonly<Record<string, unknown>>;
    };

const kernels = new Map<boolean, LoadedKernel>();

export default function aggregateFrame(task: AggregateTask): AggregateTaskResult {
  let kernel = kernels.get(task.native);
  if (kernel === undefined)
    kernels.set(task.native, (kernel = loadKernel({ native: task.native })));
  try {
    const { header, columns } = decodeFrame(new Uint8Array(task.frame));
    const { carried, observed } = splitCarriedBase(columns);
    seedCarry(task.spec, task.carry, carried, 'fill');
    const table = kernel.aggregate(observed, task.spec, task.carry);
    const result: AggregateTaskResult = {
      ok: true,
      header,
      table,
      carry: task.carry,
      kernel: kernel.native ? 'native' : 'reference',
    };
    const arrays = [
      table.stats,
      table.sketch,
      table.durations,
      task.carry.counters,
      task.carry.states,
    ];
    const buffers = new Set(arrays.map((array) => array.buffer));
    // A Piscina transferable: the worker posts `result` with every buffer in the transfer list.
    const movable = { [Piscina.transferableSymbol]: [...buffers], [Piscina.valueSymbol]: result };
    return Piscina.move(
      movable as unknown as Parameters<typeof Piscina.move>[0],
    ) as unknown as AggregateTaskResult;
  } catch (error) {
    // Worker errors reach the caller by structured clone, which keeps no custom fields: send
    // the code as data so the pool can raise the same FrameError on the calling thread.
    if (isNativeError(error))
      return { ok: false, code: error.code, message: error.message, data: error.data };
    throw error;
  }
}
