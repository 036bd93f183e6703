import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError, SqliteActorStore } from './imports.ts';

describe('SQLite actor store', () => {
  let dir: string;
  let store: SqliteActorStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-sqlite-'));
    store = new SqliteActorStore(join(dir, 'nested', 'actors.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates on version 0, then commits only against the stored row version', async () => {
    expect(await store.load('P1/WC1')).toBeUndefined();
    expect(await store.commit('P1/WC1', 0, { seq: 1, state: { n: 1 }, outbox: [] })).toBe(1);
    expect(await store.commit('P1/WC1', 1, { seq: 2, state: { n: 2 }, outbox: [] })).toBe(2);
    const stale = await store
      .commit('P1/WC1', 1, { seq: 2, state: { n: 99 }, outbox: [] })
      .catch((e: unknown) => e);
    expect(isMillwrightError(stale, 'MW_ACTOR_FENCED')).toBe(true);
    const twice = await store
      .commit('P1/WC1', 0, { seq: 1, state: {}, outbox: [] })
      .catch((e: unknown) => e);
    expect(isMillwrightError(twice, 'MW_ACTOR_FENCED')).toBe(true);
    expect(await store.load('P1/WC1')).toEqual({ seq: 2, version: 2, state: { n: 2 }, outbox: [] });
    expect(await store.keys()).toEqual(['P1/WC1']);
  });
});
