// Actor addresses: one actor per work center, keyed "<plant>/<workCenter>". Codes follow
// contracts/ids.ts, so '/' can separate them unambiguously and '.' can join them in subjects.
import { MillwrightError, PlantId, WorkCenterId } from '../../contracts/index.ts';

export interface ActorAddress {
  /** "<plant>/<workCenter>" */
  readonly key: string;
  readonly plant: PlantId;
  readonly workCenter: WorkCenterId;
}

const cache = new Map<string, ActorAddress>();

export function parseActorKey(key: string): ActorAddress {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const [plant, workCenter, extra] = key.split('/');
  const p = PlantId.safeParse(plant);
  const w = WorkCenterId.safeParse(workCenter);
  if (extra !== undefined || !p.success || !w.success) {
    throw new MillwrightError(
      'MW_ACTOR_KEY_INVALID',
      `actor key "${key}" is not "<plant>/<workCenter>"`,
      { key, issues: [...(p.error?.issues ?? []), ...(w.error?.issues ?? [])] },
    );
  }
  const address = Object.freeze({ key, plant: p.data, workCenter: w.data });
  if (cache.size < 100_000) cache.set(key, address);
  return address;
}

export function actorKey(plant: string, workCenter: string): string {
  return parseActorKey(`${plant}/${workCenter}`).key;
}
