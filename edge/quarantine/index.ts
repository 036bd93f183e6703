// Public surface of the quarantine of rejected input.
export { QuarantineStore } from './quarantine-store.ts';
export { rejectContextOf, rejectInput } from './reject-input.ts';
export type { RejectContext } from './reject-input.ts';
export type { NewQuarantinedInput, Quarantine, QuarantinedInput } from './quarantine-store.ts';
