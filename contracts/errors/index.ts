// Public surface of the error catalogue.
export { errorCatalogue, isErrorCode, lookupErrorCode } from './catalogue.ts';
export type { ErrorCode, ErrorCodeEntry } from './catalogue.ts';
export { isMillwrightError, MillwrightError } from './millwright-error.ts';
export type { MillwrightErrorJson } from './millwright-error.ts';
