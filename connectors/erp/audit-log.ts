// The connector's audit trail of operator actions (replay, discard): append-only JSON lines.
// A first step: the hash-chained audit log of issue 6 part 8 will take these entries over.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface AuditEntry {
  readonly at: string;
  readonly action: 'replay' | 'discard';
  readonly actor: string;
  readonly deadLetterId: number;
  readonly eventId: string | null;
  readonly result: string;
  readonly documents?: readonly string[];
  readonly error?: { readonly code: string; readonly message: string };
}

export interface AuditLog {
  append(entry: AuditEntry): void;
  entries(): AuditEntry[];
}

/** One JSON object per line, opened in append mode for every write (O_APPEND). */
export class FileAuditLog implements AuditLog {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  append(entry: AuditEntry): void {
    appendFileSync(this.#path, `${JSON.stringify(entry)}\n`, { flag: 'a' });
  }

  entries(): AuditEntry[] {
    if (!existsSync(this.#path)) return [];
    return readFileSync(this.#path, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as AuditEntry);
  }
}

export class MemoryAuditLog implements AuditLog {
  readonly #entries: AuditEntry[] = [];

  append(entry: AuditEntry): void {
    this.#entries.push(entry);
  }

  entries(): AuditEntry[] {
    return [...this.#entries];
  }
}
