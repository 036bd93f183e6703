// `masterdata`: load and query the versioned reference data of a plant. Thin: the store in
// production/ validates and keeps the versions.
import type { Context, ServiceSchema } from 'moleculer';
import { isMillwrightError } from '../contracts/index.ts';
import {
  ensureCorrelationId,
  type AuditLog,
  type CallerMeta,
  type CorrelationMeta,
} from './platform/index.ts';
import type { ProductionStores } from './production-stores.ts';

interface Lookup {
  plant: string;
  code: string;
}

export function masterdataService(stores: ProductionStores, audit: AuditLog): ServiceSchema {
  const data = (plant: string) => stores.masterData.get(plant);
  return {
    name: 'masterdata',
    actions: {
      load: {
        handler(ctx: Context<unknown, CorrelationMeta & CallerMeta>) {
          const actor = ctx.meta.actor ?? 'system';
          const correlationId = ensureCorrelationId(ctx);
          try {
            const loaded = stores.masterData.load(ctx.params);
            audit.append({
              actor,
              action: 'masterdata.load',
              target: `${loaded.plant} v${loaded.version}`,
              outcome: 'ok',
              correlationId,
              details: loaded.counts,
            });
            return loaded;
          } catch (error) {
            const outcome = isMillwrightError(error) ? `failed: ${error.type}` : 'failed';
            audit.append({ actor, action: 'masterdata.load', target: '-', outcome, correlationId });
            throw error;
          }
        },
      },
      getMaterial: (ctx: Context<Lookup>) => data(ctx.params.plant).material(ctx.params.code),
      getWorkCenter: (ctx: Context<Lookup>) => data(ctx.params.plant).workCenter(ctx.params.code),
      getRouting: (ctx: Context<Lookup>) => data(ctx.params.plant).routing(ctx.params.code),
      reasonPath: (ctx: Context<Lookup>) => data(ctx.params.plant).reasonPath(ctx.params.code),
      describe: (ctx: Context<{ plant: string }>) => stores.masterData.versions(ctx.params.plant),
    },
  };
}
