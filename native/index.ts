// Public surface of native/: the telemetry frame codec, the aggregation kernels and window
// store, and the worker pool that runs them off the main thread. Depends on nothing of ours.
export * from './frame/index.ts';
export * from './aggregate/index.ts';
export * from './pool/index.ts';
export {
  FRAME_ERROR_CODES,
  FrameError,
  isNativeError,
  NativeError,
  POOL_ERROR_CODES,
  PoolError,
} from './native-error.ts';
export type { FrameErrorCode, NativeErrorCode, PoolErrorCode } from './native-error.ts';
