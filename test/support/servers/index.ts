// Real servers for integration and fault tests (see ../../../docs/testing.md).
export { describeWithServers, findBinary, requireBinary } from './binaries.ts';
export type { ServerBinary } from './binaries.ts';
export { freePort, waitForPort } from './free-port.ts';
export { ManagedProcess } from './managed-process.ts';
export { startMosquitto } from './mosquitto.ts';
export type { TestMosquitto } from './mosquitto.ts';
export { startNatsServer } from './nats-server.ts';
export type { TestNatsServer } from './nats-server.ts';
