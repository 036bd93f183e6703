// One catalogue maps every event and action name to its schema. Names are unique: a second
// registration under one name fails at load (MW_CONTRACT_DUPLICATE_NAME), which is how a
// breaking change is forced into a new `.v2` name instead of silently replacing `.v1`.
import type { z } from 'zod';
import { MillwrightError } from './errors/index.ts';

/**
 * - `event`: business lane (durable, exactly-once toward ERP);
 * - `action`: a request/reply call on a Moleculer service;
 * - `telemetry`: the high-frequency lane (edge to actor), never sent to ERP.
 */
export type ContractKind = 'event' | 'action' | 'telemetry';

export interface ContractDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly kind: ContractKind;
  readonly summary: string;
  readonly schema: S;
}

export class ContractCatalogue {
  readonly #byName = new Map<string, ContractDefinition>();

  constructor(definitions: Iterable<ContractDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: ContractDefinition): this {
    if (this.#byName.has(definition.name)) {
      throw new MillwrightError(
        'MW_CONTRACT_DUPLICATE_NAME',
        `contract "${definition.name}" is registered twice; publish a new version (.v2) instead`,
        { name: definition.name },
      );
    }
    this.#byName.set(definition.name, Object.freeze({ ...definition }));
    return this;
  }

  get(name: string): ContractDefinition {
    const definition = this.#byName.get(name);
    if (definition === undefined) {
      throw new MillwrightError('MW_CONTRACT_UNKNOWN_NAME', `no contract named "${name}"`, {
        name,
        known: [...this.#byName.keys()],
      });
    }
    return definition;
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  list(kind?: ContractKind): ContractDefinition[] {
    const all = [...this.#byName.values()];
    return (kind === undefined ? all : all.filter((d) => d.kind === kind)).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }
}
