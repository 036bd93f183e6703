// The gateway's audit trail: one JSON line per mutating call and per refused call, appended in
// order to a file opened append-only (mode 0600). Records name who, what and the outcome, and
// a digest of the body, never the body or credentials. Hash chaining is left to a later layer.
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, write, close } from 'node:fs';
import { dirname } from 'node:path';
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

export class AuditLog {
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
