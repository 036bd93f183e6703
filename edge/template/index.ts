// Public surface of plant templates: load, validate and compile one plant's template.
export { loadPlantTemplate, parsePlantTemplate } from './load-template.ts';
export type { LocatedIssue } from './load-template.ts';
export { compileTemplate } from './compile-template.ts';
export { checkPlantTemplateFile } from './check-template.ts';
export type { TemplateCheck } from './check-template.ts';
export type { CompiledSignal, PlantModel, TemplateIssue } from './compile-template.ts';
export * from './plant-template.schema.ts';
export * from './link-security.schema.ts';
export { logSecurityWarnings, securityWarnings } from './security-warnings.ts';
export type { SecurityWarning } from './security-warnings.ts';
export { MACHINE_STATES, signalValue } from './signal-value.ts';
export type { MachineState, ValueRule } from './signal-value.ts';
export { tagOf, tagTable } from './tag-table.ts';
export { sourceOfProtocol } from './source-of-protocol.ts';
export type { SourceOfProtocol } from './source-of-protocol.ts';
