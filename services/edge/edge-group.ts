// The `edge` service group of `millwright node --services edge --config <plant template>`: loads
// the node's plant template and hosts its sources with the edge.* service of each protocol it
// uses, frames (native/'s codec) delivered to `workcenter.host.ingestFrame`. Buffers, PKI and
// limits come from the configuration; template passwords through the platform's secret reader.
import type { ServiceSchema } from 'moleculer';
import { MillwrightError } from '../../contracts/index.ts';
import { loadPlantTemplate } from '../../edge/template/index.ts';
import { edgeMqttService } from '../edge.mqtt.service.ts';
import { edgeOpcuaService } from '../edge.opcua.service.ts';
import { edgeSparkplugService } from '../edge.sparkplug.service.ts';
import { templateSecretReader, type MillwrightConfig } from '../platform/index.ts';
import type { EdgeServiceOptions } from './source-service.ts';

export function edgeGroupServices(config: MillwrightConfig): ServiceSchema[] {
  const file = config.edge.plantTemplate;
  if (file === undefined)
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      'invalid configuration: MILLWRIGHT_PLANT_TEMPLATE: the edge service group needs a plant template; give --config <plant template file> (or set MILLWRIGHT_PLANT_TEMPLATE)',
      { option: 'MILLWRIGHT_PLANT_TEMPLATE', group: 'edge' },
    );
  // Every problem of the file at once, as MW_EDGE_TEMPLATE_INVALID (see `millwright check`).
  const model = loadPlantTemplate(file);
  if (model.plant !== config.plant)
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      `invalid configuration: MILLWRIGHT_PLANT: this node serves plant ${config.plant}, but the plant template ${file} is for plant ${model.plant}; give --plant ${model.plant} or the template of plant ${config.plant}`,
      { option: 'MILLWRIGHT_PLANT', plant: config.plant, templatePlant: model.plant },
    );
  const options: EdgeServiceOptions = {
    model,
    dataDir: config.edge.dataDir,
    secrets: templateSecretReader(),
    pkiFolder: config.edge.pkiFolder,
    maxBufferBytes: config.edge.bufferMaxBytes,
    backlogFramesPerSecond: config.edge.backlogFramesPerSecond,
  };
  const protocols = new Set([...model.sources.values()].map((source) => source.protocol));
  return [
    ...(protocols.has('opcua') ? [edgeOpcuaService(options)] : []),
    ...(protocols.has('mqtt') ? [edgeMqttService(options)] : []),
    ...(protocols.has('sparkplug') ? [edgeSparkplugService(options)] : []),
  ];
}
