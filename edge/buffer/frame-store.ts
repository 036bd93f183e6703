// The durable half of store-and-forward: sealed frames, the last frame number per source, and
// the journal of samples in still-open frames, in one SQLite file (WAL), so a kill -9 loses
// nothing that was acknowledged upstream. Bounded by size; it does not deliver anything.
import Database from 'better-sqlite3';
import { MillwrightError } from '../../contracts/index.ts';
import type { TelemetryFrameHeader } from '../../contracts/index.ts';
import { EdgeMetrics, silentLogger, type EdgeLogger } from '../common/index.ts';
import type { CanonicalSample, EncodedFrame, FrameOutlet } from '../framing/index.ts';

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
CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT, work_center TEXT NOT NULL,
  source TEXT NOT NULL, tag INTEGER NOT NULL, ts REAL NOT NULL, value REAL, quality INTEGER NOT NULL);`;

export class FrameStore implements FrameOutlet {
  readonly metrics: EdgeMetrics;
  readonly #db: Database.Database;
  readonly #maxBytes: number;
  readonly #nearFull: number;
  readonly #logger: EdgeLogger;
  readonly #last = new Map<string, number>();
  readonly #insertJournal: Database.Statement;
  readonly #seal: (header: TelemetryFrameHeader, bytes: Uint8Array) => void;
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
      'INSERT INTO sequences (source, last) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET last = MAX(last, excluded.last)',
    );
    const clearJournal = this.#db.prepare(
      'DELETE FROM journal WHERE work_center = ? AND source = ?',
    );
    // The frame, its number and the removal of its journaled samples commit together.
    this.#seal = this.#db.transaction((header: TelemetryFrameHeader, bytes: Uint8Array) => {
      insertFrame.run(
        header.source,
        header.frameSeq,
        JSON.stringify(header),
        Buffer.from(bytes),
        bytes.byteLength,
      );
      saveSeq.run(header.source, header.frameSeq);
      clearJournal.run(header.workCenter, header.source);
    });
    this.#maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
    this.#nearFull = this.#maxBytes * (options.nearFullRatio ?? 0.8);
    this.#logger = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? new EdgeMetrics();
    for (const row of this.#db.prepare('SELECT source, last FROM sequences').all() as {
      source: string;
      last: number;
    }[]) {
      this.#last.set(row.source, row.last);
    }
    this.#bytes = (
      this.#db.prepare('SELECT COALESCE(SUM(size), 0) AS n FROM frames').get() as { n: number }
    ).n;
    this.#gauges();
  }

  nextSeq(source: string): number {
    const next = (this.#last.get(source) ?? 0) + 1;
    this.#last.set(source, next);
    return next;
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

  seal(frame: EncodedFrame): void {
    const { header, bytes } = frame;
    this.#seal(header, bytes);
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
