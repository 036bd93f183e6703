// What the actor runtime tests use from the code under test.
export * from '../../../../actors/index.ts';
export { isMillwrightError, MillwrightError } from '../../../../contracts/index.ts';
