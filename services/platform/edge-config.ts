// The edge's options inside the one configuration schema (config.ts): which plant template a
// node with the `edge` group hosts, and the bound and drain rate of its store-and-forward
// buffers. Folders (buffers `<data dir>/edge`, OPC UA PKI `<data dir>/pki`) follow the data dir.
import { join, resolve } from 'node:path';
import { z } from 'zod';

const MIB = 1024 * 1024;

export const edgeConfigSchema = {
  /** The plant template (YAML or JSON) of the sources a node with the `edge` group hosts. */
  MILLWRIGHT_PLANT_TEMPLATE: z.string().trim().min(1, 'a file path').optional(),
  /** Bound of each source's buffer; beyond it the oldest frames go (decision 0405). */
  MILLWRIGHT_EDGE_BUFFER_MAX_BYTES: z.coerce
    .number()
    .int('a whole number of bytes')
    .min(4_096, 'at least 4096')
    .max(1024 * 1024 * MIB, 'at most 1 TiB')
    .default(512 * MIB),
  /** Backlog frames per second drained after an outage while live frames flow; 0: unthrottled. */
  MILLWRIGHT_EDGE_BACKLOG_FRAMES_PER_SECOND: z.coerce
    .number()
    .int('a whole number')
    .min(0, '0 (unthrottled) to 100000')
    .max(100_000, '0 (unthrottled) to 100000')
    .default(0),
};

type EdgeOptions = z.infer<z.ZodObject<typeof edgeConfigSchema>>;

export interface EdgeConfig {
  /** Absolute path of the plant template; undefined: the node hosts no edge. */
  readonly plantTemplate: string | undefined;
  /** Folder of the buffers and quarantines, one pair of SQLite files per source. */
  readonly dataDir: string;
  /** Client PKI of OPC UA sources whose template names no pkiFolder. */
  readonly pkiFolder: string;
  readonly bufferMaxBytes: number;
  readonly backlogFramesPerSecond: number;
}

export function edgeConfigOf(options: EdgeOptions, dataDir: string): EdgeConfig {
  return Object.freeze({
    plantTemplate:
      options.MILLWRIGHT_PLANT_TEMPLATE === undefined
        ? undefined
        : resolve(options.MILLWRIGHT_PLANT_TEMPLATE),
    dataDir: join(dataDir, 'edge'),
    pkiFolder: join(dataDir, 'pki'),
    bufferMaxBytes: options.MILLWRIGHT_EDGE_BUFFER_MAX_BYTES,
    backlogFramesPerSecond: options.MILLWRIGHT_EDGE_BACKLOG_FRAMES_PER_SECOND,
  });
}
