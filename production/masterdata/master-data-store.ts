// Durable, versioned master data per plant on SQLite (embedded mode). Every loaded version is
// kept (so an audit can show what an order was validated against); lookups use the newest.
// A set that is not newer than the loaded one is refused (MW_MASTERDATA_STALE_VERSION).
import Database from 'better-sqlite3';
import { MasterDataSet, MillwrightError, parseWith } from '../../contracts/index.ts';
import { PlantMasterData } from './plant-master-data.ts';

export interface LoadedVersion {
  readonly plant: string;
  readonly version: number;
  readonly loadedAt: string;
  readonly counts: {
    materials: number;
    workCenters: number;
    routings: number;
    reasonCodes: number;
  };
}

export class MasterDataStore {
  readonly #db: Database.Database;
  readonly #current = new Map<string, PlantMasterData>();

  /** `path` is a SQLite file, or ':memory:' for tests. */
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS master_data_sets (
      plant TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, loaded_at TEXT NOT NULL,
      PRIMARY KEY (plant, version))`);
  }

  /** Validates and stores a new version; returns what was loaded. */
  load(raw: unknown, now: Date = new Date()): LoadedVersion {
    const set = parseWith(MasterDataSet, raw, 'masterdata.load');
    const data = new PlantMasterData(set);
    const latest = this.#latestVersion(set.plant);
    if (latest !== undefined && set.version <= latest) {
      throw new MillwrightError(
        'MW_MASTERDATA_STALE_VERSION',
        `master data of ${set.plant}: version ${set.version} is not newer than the loaded version ${latest}`,
        { plant: set.plant, version: set.version, loaded: latest },
      );
    }
    const loadedAt = now.toISOString();
    this.#db
      .prepare('INSERT INTO master_data_sets (plant, version, body, loaded_at) VALUES (?, ?, ?, ?)')
      .run(set.plant, set.version, JSON.stringify(set), loadedAt);
    this.#current.set(set.plant, data);
    return describe(set, loadedAt);
  }

  /** The newest master data of the plant; MW_MASTERDATA_NOT_LOADED when there is none. */
  get(plant: string): PlantMasterData {
    const cached = this.#current.get(plant);
    if (cached !== undefined) return cached;
    const row = this.#db
      .prepare('SELECT body FROM master_data_sets WHERE plant = ? ORDER BY version DESC LIMIT 1')
      .get(plant) as { body: string } | undefined;
    if (row === undefined) {
      throw new MillwrightError(
        'MW_MASTERDATA_NOT_LOADED',
        `no master data loaded for plant ${plant}`,
        { plant },
      );
    }
    const data = new PlantMasterData(MasterDataSet.parse(JSON.parse(row.body)));
    this.#current.set(plant, data);
    return data;
  }

  versions(plant: string): LoadedVersion[] {
    const rows = this.#db
      .prepare('SELECT body, loaded_at FROM master_data_sets WHERE plant = ? ORDER BY version')
      .all(plant) as { body: string; loaded_at: string }[];
    return rows.map((row) => describe(MasterDataSet.parse(JSON.parse(row.body)), row.loaded_at));
  }

  close(): void {
    this.#db.close();
  }

  #latestVersion(plant: string): number | undefined {
    const row = this.#db
      .prepare('SELECT MAX(version) AS version FROM master_data_sets WHERE plant = ?')
      .get(plant) as { version: number | null };
    return row.version ?? undefined;
  }
}

function describe(set: MasterDataSet, loadedAt: string): LoadedVersion {
  return {
    plant: set.plant,
    version: set.version,
    loadedAt,
    counts: {
      materials: set.materials.length,
      workCenters: set.workCenters.length,
      routings: set.routings.length,
      reasonCodes: set.reasonCodes.length,
    },
  };
}
