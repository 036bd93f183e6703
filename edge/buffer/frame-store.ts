// The durable half of store-and-forward: sealed frames, the last frame number and the carried
// base readings per stream (work center, source), and the journal of samples in still-open
// frames, in one SQLite file (WAL), so a kill -9 loses nothing that was acknowledged upstream.
// Bounded by size; it does not deliver anything.
import Database from 'better-sqlite3';
import { MillwrightError } from '../../contracts/index.ts';
import type { TelemetryFrameHeader } from '../../contracts/index.ts';
import { EdgeMetrics, silentLogger, type EdgeLogger } from '../common/index.ts';
import type { BaseReading, CanonicalSample, EncodedFrame, FrameOutlet } from '../framing/index.ts';

export interface StoredFrame extends EncodedFrame {
  readonly id: number;
}

export interface FrameStoreOptions {
  /** SQLite file; ':memory:' for tests that do not restart. */
  readonly file: string;
  /** Bound of the frame bytes kept; the oldest frames are dropped beyond it. */
  readonly maxBytes?: number;
  /** Fraction of maxBytes at which MW_EDGE_BUFFER_NEAR_FULL is raised once. */
  readonly nearFullRatio?: number;
  readonly logger?: EdgeLogger;
  readonly metrics?: EdgeMetrics;
}

interface FrameRow {
  id: number;
  header: string;
  bytes: Buffer;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS frames (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,
  seq INTEGER NOT NULL, header TEXT NOT NULL, bytes BLOB NOT NULL, size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sequences (source TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS streams (work_center TEXT NOT NULL, source TEXT NOT NULL,
  last INTEGER NOT NULL, PRIMARY KEY (work_center, source));
CREATE TABLE IF NOT EXISTS bases (work_center TEXT NOT NULL, source TEXT NOT NULL,
  tag INTEGER NOT NULL, ts REAL NOT NULL, value REAL NOT NULL,
  PRIMARY KEY (work_center, source, tag));
CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT, work_center TEXT NOT NULL,
  source TEXT NOT NULL, tag INTEGER NOT NULL, ts REAL NOT NULL, value REAL, quality INTEGER NOT NULL);`;

const streamOf = (workCenter: string, source: string) => `${workCenter}\u0000${source}`;

export class FrameStore implements FrameOutlet {
  readonly metrics: EdgeMetrics;
  readonly #db: Database.Database;
  readonly #maxBytes: number;
  readonly #nearFull: number;
  readonly #logger: EdgeLogger;
  /** Last frame number per stream key (work center, source). */
  readonly #last = new Map<string, number>();
  /** Files written before numbering per stream: a source's last number, where streams start. */
  readonly #legacy = new Map<string, number>();
  readonly #insertJournal: Database.Statement;
  readonly #seal: (
    header: TelemetryFrameHeader,
    bytes: Uint8Array,
    bases: readonly BaseReading[],
  ) => void;
  #bytes: number;
  #nearFullRaised = false;
  /** Called after each seal (the forwarder wakes up on it). */
  onSealed: () => void = () => undefined;

  constructor(options: FrameStoreOptions) {
    this.#db = new Database(options.file);
    // WAL + NORMAL: a commit survives a process crash (kill -9); fsync happens at checkpoints.
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(SCHEMA);
    this.#insertJournal = this.#db.prepare(
      'INSERT INTO journal (work_center, source, tag, ts, value, quality) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertFrame = this.#db.prepare(
      'INSERT INTO frames (source, seq, header, bytes, size) VALUES (?, ?, ?, ?, ?)',
    );
    const saveSeq = this.#db.prepare(
      'INSERT INTO streams (work_center, source, last) VALUES (?, ?, ?) ON CONFLICT(work_center, source) DO UPDATE SET last = excluded.last',
    );
    const saveBase = this.#db.prepare(
      'INSERT INTO bases (work_center, source, tag, ts, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT(work_center, source, tag) DO UPDATE SET ts = excluded.ts, value = excluded.value',
    );
    const clearJournal = this.#db.prepare(
      'DELETE FROM journal WHERE work_center = ? AND source = ?',
    );
    // The frame, its number, the stream's new base readings and the removal of its journaled
    // samples commit together: after a crash the next frame continues exactly where this ended.
    this.#seal = this.#db.transaction(
      (header: TelemetryFrameHeader, bytes: Uint8Array, bases: readonly BaseReading[]) => {
        insertFrame.run(
          header.source,
          header.frameSeq,
          JSON.stringify(header),
          Buffer.from(bytes),
          bytes.byteLength,
        );
        saveSeq.run(header.workCenter, header.source, header.frameSeq);
        for (const b of bases) saveBase.run(b.workCenter, b.source, b.tag, b.timestampMs, b.value);
        clearJournal.run(header.workCenter, header.source);
      },
    );
    this.#maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
    this.#nearFull = this.#maxBytes * (options.nearFullRatio ?? 0.8);
    this.#logger = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? new EdgeMetrics();
    for (const row of this.#db.prepare('SELECT source, last FROM sequences').all() as {
      source: string;
      last: number;
    }[]) {
      this.#legacy.set(row.source, row.last);
    }
    for (const row of this.#db.prepare('SELECT work_center, source, last FROM streams').all() as {
      work_center: string;
      source: string;
      last: number;
    }[]) {
      this.#last.set(streamOf(row.work_center, row.source), row.last);
    }
    this.#bytes = (
      this.#db.prepare('SELECT COALESCE(SUM(size), 0) AS n FROM frames').get() as { n: number }
    ).n;
    this.#gauges();
  }

  nextSeq(workCenter: string, source: string): number {
    // A stream of a file numbered per source goes on above that source's numbers (strictly
    // increasing for the actor); new streams start at 1.
    const last = this.#last.get(streamOf(workCenter, source)) ?? this.#legacy.get(source) ?? 0;
    return last + 1;
  }

  /** Base readings of every stream, for the frame builder of a new process. */
  bases(): BaseReading[] {
    const rows = this.#db.prepare('SELECT * FROM bases').all() as {
      work_center: string;
      source: string;
      tag: number;
      ts: number;
      value: number;
    }[];
    return rows.map((r) => ({
      workCenter: r.work_center,
      source: r.source,
      tag: r.tag,
      timestampMs: r.ts,
      value: r.value,
    }));
  }

  journal(sample: CanonicalSample): void {
    this.#insertJournal.run(
      sample.workCenter,
      sample.source,
      sample.tag,
      sample.timestampMs,
      sample.value,
      sample.quality,
    );
  }

  /** Samples of frames that were open when the process stopped, to be re-added on start. */
  journaled(): CanonicalSample[] {
    const rows = this.#db.prepare('SELECT * FROM journal ORDER BY id').all() as {
      work_center: string;
      source: string;
      tag: number;
      ts: number;
      value: number | null;
      quality: number;
    }[];
    return rows.map((r) => ({
      workCenter: r.work_center,
      source: r.source,
      tag: r.tag,
      timestampMs: r.ts,
      value: r.value ?? NaN,
      quality: r.quality as CanonicalSample['quality'],
    }));
  }

  seal(frame: EncodedFrame, bases: readonly BaseReading[] = []): void {
    const { header, bytes } = frame;
    const expected = this.nextSeq(header.workCenter, header.source);
    if (header.frameSeq !== expected) {
      // A programming error, not an input error: numbers must stay dense per stream.
      throw new Error(
        `frame ${header.workCenter}/${header.source} #${header.frameSeq} sealed, expected #${expected}`,
      );
    }
    this.#seal(header, bytes, bases);
    this.#last.set(streamOf(header.workCenter, header.source), header.frameSeq);
    this.#bytes += bytes.byteLength;
    this.metrics.increment('framesStored');
    this.#enforceBound();
    this.#gauges();
    this.onSealed();
  }

  /** Oldest frames first, from id `fromId` up to `toId`. */
  frames(fromId: number, toId = Number.MAX_SAFE_INTEGER, limit = 1): StoredFrame[] {
    const rows = this.#db
      .prepare('SELECT id, header, bytes FROM frames WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?')
      .all(fromId, toId, limit) as FrameRow[];
    return rows.map((r) => ({
      id: r.id,
      header: JSON.parse(r.header) as TelemetryFrameHeader,
      bytes: new Uint8Array(r.bytes),
    }));
  }

  maxId(): number {
    return (this.#db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM frames').get() as { n: number })
      .n;
  }

  /** The owning actor acknowledged the frame: it leaves the buffer. */
  remove(id: number): void {
    const row = this.#db.prepare('DELETE FROM frames WHERE id = ? RETURNING size').get(id) as
      { size: number } | undefined;
    if (row !== undefined) this.#bytes -= row.size;
    if (this.#bytes < this.#nearFull) this.#nearFullRaised = false;
    this.#gauges();
  }

  get bytes(): number {
    return this.#bytes;
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM frames').get() as { n: number }).n;
  }

  close(): void {
    this.#db.close();
  }

  #enforceBound(): void {
    if (this.#bytes >= this.#nearFull && !this.#nearFullRaised) {
      this.#nearFullRaised = true;
      this.metrics.increment('nearFullAlarms');
      const error = new MillwrightError(
        'MW_EDGE_BUFFER_NEAR_FULL',
        'store-and-forward buffer is near its bound',
        { bytes: this.#bytes, maxBytes: this.#maxBytes },
      );
      this.#logger.warn({ code: error.type, ...(error.data as object) }, error.message);
    }
    let dropped = 0;
    while (this.#bytes > this.#maxBytes) {
      const row = this.#db
        .prepare('DELETE FROM frames WHERE id = (SELECT MIN(id) FROM frames) RETURNING size')
        .get() as { size: number } | undefined;
      if (row === undefined) break;
      this.#bytes -= row.size;
      dropped += 1;
    }
    if (dropped > 0) {
      this.metrics.increment('framesDropped', dropped);
      this.#logger.error(
        { code: 'MW_EDGE_BUFFER_FULL', dropped, maxBytes: this.#maxBytes },
        'store-and-forward buffer full: oldest frames dropped',
      );
    }
  }

  #gauges(): void {
    this.metrics.set('bufferBytes', this.#bytes);
    this.metrics.set('bufferFill', this.#bytes / this.#maxBytes);
  }
}
