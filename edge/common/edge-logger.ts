// The logger the edge writes to: the object-first shape of pino (and Moleculer's Pino logger),
// injected by the hosting service, so edge/ needs neither pino's instance nor Moleculer.
export interface EdgeLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;

/** For tests and tools that do not care about logs. */
export const silentLogger: EdgeLogger = { debug: noop, info: noop, warn: noop, error: noop };
