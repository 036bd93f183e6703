// The logger connectors write to: pino's call shape (object first, message second), so the
// hosting service can pass Moleculer's Pino logger or a child of it. Connectors never log to
// the console.
export interface ConnectorLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const ignore = (): void => undefined;

/** For tests and tools that do not care about logs. */
export const silentLogger: ConnectorLogger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
};
