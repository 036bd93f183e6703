// `masterdata`: load and query the versioned reference data of a plant. Thin: the store in
// production/ validates and keeps the versions.
import type { Context, ServiceSchema } from 'moleculer';
import type { CorrelationMeta } from './platform/index.ts';
import type { ProductionStores } from './production-stores.ts';

interface Lookup {
  plant: string;
  code: string;
}

export function masterdataService(stores: ProductionStores): ServiceSchema {
  const data = (plant: string) => stores.masterData.get(plant);
  return {
    name: 'masterdata',
    actions: {
      load: {
        handler(ctx: Context<unknown, CorrelationMeta>) {
          return stores.masterData.load(ctx.params);
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
