// The one place an adapter asks the plant model for its source: the definition, narrowed to the
// protocol the adapter speaks, or MW_EDGE_TEMPLATE_INVALID naming the source. Adapters keep what
// it returns instead of looking the source up again.
import { MillwrightError } from '../../contracts/index.ts';
import type { PlantModel } from './compile-template.ts';
import type { SourceDefinition } from './plant-template.schema.ts';

export type SourceOfProtocol<P extends SourceDefinition['protocol']> = Extract<
  SourceDefinition,
  { protocol: P }
>;

export function sourceOfProtocol<P extends SourceDefinition['protocol']>(
  model: PlantModel,
  source: string,
  protocol: P,
): SourceOfProtocol<P> {
  const definition = model.sources.get(source);
  if (definition?.protocol !== protocol)
    throw new MillwrightError(
      'MW_EDGE_TEMPLATE_INVALID',
      `source ${source} is not ${protocol === 'opcua' ? 'an' : 'a'} ${protocol} source`,
      { issues: [{ path: ['sources', source], message: `expected protocol ${protocol}` }] },
    );
  return definition as SourceOfProtocol<P>;
}
