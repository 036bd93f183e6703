// Reads an edge's store-and-forward file from outside the edge process (a second SQLite
// connection on the WAL file), so a fault test can see what the edge holds while the cluster is
// away and after a kill -9, without asking the edge.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { decodeFrame, isCarriedBase } from '../../../native/index.ts';

export interface BufferView {
  readonly frames: number;
  /** Observed samples not delivered yet: in stored frames plus journaled in open frames. */
  readonly pendingSamples: number;
  /** Stored frames sealed before `before` (ISO), when asked. */
  readonly sealedBefore: number;
  /** Last frame number per stream "workCenter/source". */
  readonly lastSeq: Record<string, number>;
}

export function probeBuffer(file: string, before = ''): BufferView {
  if (!existsSync(file)) return { frames: 0, pendingSamples: 0, sealedBefore: 0, lastSeq: {} };
  // Not read-only: after a kill -9 the WAL may need a recovery that needs a writer.
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.prepare('SELECT header, bytes FROM frames').all() as {
      header: string;
      bytes: Buffer;
    }[];
    let pendingSamples = (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
    let sealedBefore = 0;
    for (const row of rows) {
      const { quality } = decodeFrame(new Uint8Array(row.bytes), { copy: true }).columns;
      pendingSamples += quality.filter((q) => !isCarriedBase(q)).length;
      if ((JSON.parse(row.header) as { sealedAt: string }).sealedAt < before) sealedBefore += 1;
    }
    const streams = db.prepare('SELECT work_center, source, last FROM streams').all() as {
      work_center: string;
      source: string;
      last: number;
    }[];
    return {
      frames: rows.length,
      pendingSamples,
      sealedBefore,
      lastSeq: Object.fromEntries(streams.map((s) => [`${s.work_center}/${s.source}`, s.last])),
    };
  } finally {
    db.close();
  }
}
