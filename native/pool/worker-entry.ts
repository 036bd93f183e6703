// Where the worker threads load their code from. The sources are TypeScript run through tsx,
// and a worker thread does not inherit the loader hooks of a process started by Jest or by a
// plain `node`: each worker registers tsx itself through `--import tsx` in its execArgv
// (accepted by worker threads on Node 20.6+; docs/decisions/0101-worker-pool-tsx.md).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WorkerEntry {
  readonly filename: string;
  readonly execArgv: string[];
}

export function workerEntry(): WorkerEntry {
  return {
    filename: pathToFileURL(join(import.meta.dirname, 'aggregate.worker.ts')).href,
    execArgv: ['--import', 'tsx'],
  };
}
