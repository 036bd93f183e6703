// The gateway's audit trail: one record per mutating call and per refused call. Records name
// who, what and the outcome, and a digest of the body, never the body or credentials. They go
// to the node's hash-chained audit log (ChainedGatewayAudit, every field kept in `details`)
// and, when MILLWRIGHT_GATEWAY_AUDIT_FILE is set, also as JSON lines to that file (AuditLog).
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, write, close } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditLog as NodeAuditLog } from '../platform/index.ts';
import type { Principal } from './authenticate.ts';

export interface AuditRecord {
  /** ISO 8601 time the outcome was known. */
  readonly at: string;
  readonly requestId: string | null;
  readonly correlationId: string | null;
  readonly principal: Principal | null;
  readonly method: string;
  readonly path: string;
  /** The Moleculer action of the route, null when no route matched. */
  readonly action: string | null;
  readonly status: number;
  /** `ok`, or the MW_* code of the refusal or failure. */
  readonly outcome: string;
  readonly ip: string | null;
  /** SHA-256 of the raw JSON body as received (re-serialized), null without a body. */
  readonly bodySha256: string | null;
}

export function bodyDigest(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'object' && Object.keys(body).length === 0) return null;
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Where the gateway appends its records. */
export interface GatewayAudit {
  append(record: AuditRecord): Promise<void>;
  close(): Promise<void>;
}

/** The node's hash-chained log, in its record shape; the gateway's own fields are the details. */
export class ChainedGatewayAudit implements GatewayAudit {
  readonly #log: NodeAuditLog;

  constructor(log: NodeAuditLog) {
    this.#log = log;
  }

  append(record: AuditRecord): Promise<void> {
    const refused = record.status === 401 || record.status === 403 || record.status === 429;
    const outcome =
      record.outcome === 'ok' ? 'ok' : `${refused ? 'refused' : 'failed'}: ${record.outcome}`;
    try {
      this.#log.append({
        actor:
          record.principal === null
            ? 'anonymous'
            : `${record.principal.kind}:${record.principal.id}`,
        action: record.action ?? `${record.method} ${record.path}`,
        target: `${record.method} ${record.path}`,
        outcome,
        ...(record.correlationId === null ? {} : { correlationId: record.correlationId }),
        details: record,
      });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The node owns the log and closes it. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Appends to several trails in order; fails if any fails (after trying all). */
export class TeeGatewayAudit implements GatewayAudit {
  readonly #sinks: readonly GatewayAudit[];

  constructor(sinks: readonly GatewayAudit[]) {
    this.#sinks = sinks;
  }

  async append(record: AuditRecord): Promise<void> {
    const results = await Promise.allSettled(this.#sinks.map((sink) => sink.append(record)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  async close(): Promise<void> {
    await Promise.all(this.#sinks.map((sink) => sink.close()));
  }
}

/** JSON lines in a file opened append-only (mode 0600). */
export class AuditLog implements GatewayAudit {
  readonly #fd: number;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(fd: number) {
    this.#fd = fd;
  }

  static open(path: string): AuditLog {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    return new AuditLog(openSync(path, 'a', 0o600));
  }

  /** Appends one record; records are written in the order append() was called. */
  append(record: AuditRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('audit log is closed'));
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    const next = this.#tail.then(() => this.#write(line));
    this.#tail = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    await new Promise<void>((resolve, reject) => {
      close(this.#fd, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  #write(line: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const step = (offset: number) => {
        write(this.#fd, line, offset, line.length - offset, null, (error, written) => {
          if (error) reject(error);
          else if (offset + written < line.length) step(offset + written);
          else resolve();
        });
      };
      step(0);
    });
  }
}
