// Public surface of actors/: the runtime and the actor kinds.
export * from './runtime/index.ts';
export * from './workcenter/index.ts';
