// The real servers suites start (nats-server, Mosquitto on free loopback ports): the same
// helpers the integration tests use, so a benchmark and a test start their brokers alike.
export {
  findBinary,
  freePort,
  requireBinary,
  startMosquitto,
  startNatsServer,
  waitForPort,
} from '../../test/support/servers/index.ts';
export type { TestMosquitto, TestNatsServer } from '../../test/support/servers/index.ts';
