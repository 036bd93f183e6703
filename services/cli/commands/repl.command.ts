// `millwright repl`: joins a plant's cluster as a REPL-only node (the `platform` group only: no
// actors, connectors or gateway, no data folder) and opens moleculer-repl with Millwright's
// commands (actors, actor, dlq, trace). Bad input is answered with an MW_* code and counted;
// `quit` or end of input stops the node and exits 0.
import { hostname } from 'node:os';
import { ServiceBroker } from 'moleculer';
import type { REPLServer } from 'node:repl';
import { MillwrightError } from '../../../contracts/index.ts';
import { platformNodeService } from '../../platform.node.service.ts';
import {
  clusterNamespace,
  createBrokerOptions,
  loadConfig,
  type MillwrightConfig,
} from '../../platform/index.ts';
import { millwrightVersion } from '../../runtime/version.ts';
import type { Command } from '../command.ts';
import { rejectionsOf, rejectUnknownCommands, replCommands } from '../repl/index.ts';
import { configOverrides, nodeOptions } from './node-options.ts';

const { transporter, plant, 'node-id': nodeId, 'log-level': logLevel } = nodeOptions;

function summary(broker: ServiceBroker): string | undefined {
  const counts = [...rejectionsOf(broker)];
  if (counts.length === 0) return undefined;
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return `repl: ${total} input(s) refused this session (${counts.map(([code, n]) => `${code}: ${n}`).join(', ')})`;
}

async function openRepl(config: MillwrightConfig): Promise<number> {
  if (config.transporter === undefined)
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      'repl needs --transporter (or TRANSPORTER): it joins nodes on NATS; an embedded node is one process that no REPL can reach',
      { option: 'transporter' },
    );
  const broker = new ServiceBroker({
    ...createBrokerOptions(config),
    replDelimiter: `mw ${config.plant} $`,
  });
  broker.createService(platformNodeService(config));
  await broker.start();
  console.log(
    [
      `millwright ${millwrightVersion()} REPL node "${config.nodeId}" joined ${config.transporter}`,
      `  plant ${config.plant} (namespace ${clusterNamespace(config)}); Millwright commands: actors, actor, dlq, trace; "help" lists all, "quit" leaves`,
    ].join('\n'),
  );
  const server = (broker as unknown as { repl(): REPLServer | undefined }).repl();
  if (server === undefined) {
    await broker.stop();
    throw new MillwrightError('MW_PLATFORM_INTERNAL', 'moleculer-repl could not be loaded', {});
  }
  rejectUnknownCommands(server, broker, replCommands);
  // `quit` and end of input exit inside moleculer-repl (after broker.stop); say what was refused.
  process.once('exit', () => {
    const line = summary(broker);
    if (line !== undefined) console.log(line);
  });
  process.once('SIGTERM', () => {
    void broker.stop().finally(() => process.exit(0));
  });
  // Never resolves: moleculer-repl ends the process itself once the node has left the cluster.
  return new Promise<number>(() => undefined);
}

export const replCommand: Command = {
  name: 'repl',
  summary:
    "Join a plant's cluster as a REPL-only node with Millwright's commands (actors, dlq, trace).",
  usage: 'millwright repl --transporter nats://host:4222 [--plant P100] [options]',
  options: {
    transporter: {
      ...transporter,
      description:
        "the plant cluster's NATS URL(s), required (env TRANSPORTER); TLS and credentials from MILLWRIGHT_NATS_* as for `node`",
    },
    plant,
    'node-id': { ...nodeId, default: 'repl-<host>-<pid>' },
    'log-level': { ...logLevel, default: 'warn' },
    'metrics-port': {
      type: 'string',
      description: 'Prometheus port of the REPL node, 0 for off (env MILLWRIGHT_METRICS_PORT)',
      default: '0',
    },
  },
  run({ values }) {
    const config = loadConfig(undefined, configOverrides(values), {
      MILLWRIGHT_NODE_ID:
        `repl-${hostname().replace(/[^A-Za-z0-9_.-]/g, '-')}-${process.pid}`.slice(0, 64),
      LOG_LEVEL: 'warn',
      MILLWRIGHT_METRICS_PORT: '0',
    });
    return openRepl(config);
  },
};
