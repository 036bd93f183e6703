// A Millwright node running the `connectors` group (ERP, QMS and analytics connectors and
// platform.trace) against in-process ERP and QMS simulators, embedded (SQLite lane) or on a
// real nats-server (JetStream lane). The test publishes into the same lane, plays the QMS
// inspector on the simulator and reads the node's audit log. Without the `actors` group a
// stand-in `workcenter.host` records the quality decisions it is told.
import { connect, type NatsConnection } from 'nats';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, ServiceSchema } from 'moleculer';
import { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import { JetStreamLane, SqliteLane, type BusinessLane } from '../../../connectors/lane/index.ts';
import { QmsSimulator } from '../../../connectors/qms/simulator/index.ts';
import { AuditLog, loadConfig } from '../../../services/platform/index.ts';
import { LANE_FILE } from '../../../services/runtime/business-lane.ts';
import { startNode, type RunningNode } from '../../../services/runtime/run-node.ts';
import type { ServiceGroup } from '../../../services/runtime/service-groups.ts';

export const TEST_MATERIALS = ['RM-STEEL', 'FG-BRACKET'];

export interface ConnectorsNode {
  readonly node: RunningNode;
  readonly erp: ErpSimulator;
  readonly qms: QmsSimulator;
  /** The test's own handle on the node's business lane (to publish). */
  readonly lane: BusinessLane;
  readonly dataDir: string;
  /** What the stand-in work-center host was told (empty when the real one runs). */
  readonly told: unknown[];
  /** A second handle on the node's hash-chained audit log. */
  readonly audit: AuditLog;
  call<T>(action: string, params?: object): Promise<T>;
  close(): Promise<void>;
}

export interface ConnectorsNodeOptions {
  /** nats-server URL: cluster mode on JetStream; embedded (SQLite) when absent. */
  readonly natsUrl?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** More services on the node's broker (an `orders` stand-in, say). */
  readonly services?: readonly ServiceSchema[];
  /** Service groups of the node; default `connectors`. With `actors` the real host runs. */
  readonly groups?: readonly ServiceGroup[];
  /** Materials the ERP simulator knows; default TEST_MATERIALS. */
  readonly materials?: readonly string[];
}

export async function startConnectorsNode(
  options: ConnectorsNodeOptions = {},
): Promise<ConnectorsNode> {
  const erp = await ErpSimulator.start({
    materials: options.materials ?? TEST_MATERIALS,
    repeatability: false,
  });
  const qms = await QmsSimulator.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-connectors-'));
  const config = loadConfig(
    {},
    {
      ...(options.natsUrl === undefined ? {} : { TRANSPORTER: options.natsUrl }),
      MILLWRIGHT_ERP_URL: erp.url,
      MILLWRIGHT_QMS_URL: qms.url,
      MILLWRIGHT_QMS_POLL_MS: '100',
      MILLWRIGHT_ERP_RETRY_BASE_MS: '50',
      MILLWRIGHT_ERP_RETRY_MAX_MS: '200',
      MILLWRIGHT_DATA_DIR: dataDir,
      MILLWRIGHT_METRICS_PORT: '0',
      MILLWRIGHT_NODE_ID: `connectors-${process.pid}`,
      LOG_LEVEL: 'error',
      ...options.env,
    },
  );
  const told: unknown[] = [];
  const groups = options.groups ?? ['connectors'];
  const node = await startNode(config, groups);
  const workcenterHost: ServiceSchema = {
    name: 'workcenter.host',
    actions: {
      recordQualityDecision: (ctx: Context) => {
        told.push(ctx.params);
        return { accepted: true };
      },
    },
  };
  const standIn = groups.includes('actors') ? [] : [workcenterHost];
  for (const schema of [...standIn, ...(options.services ?? [])]) node.broker.createService(schema);
  await node.broker.waitForServices(['workcenter.host']);
  let nc: NatsConnection | undefined;
  let lane: BusinessLane;
  if (options.natsUrl === undefined) {
    lane = SqliteLane.open(join(dataDir, LANE_FILE), { pollIntervalMs: 20 });
  } else {
    nc = await connect({ servers: options.natsUrl });
    lane = await JetStreamLane.open({ connection: nc });
  }
  const audit = new AuditLog(join(dataDir, 'audit.sqlite'));
  return {
    node,
    erp,
    qms,
    lane,
    dataDir,
    told,
    audit,
    call: <T>(action: string, params: object = {}) => node.broker.call<T, object>(action, params),
    async close() {
      await node.stop();
      await lane.close();
      await nc?.close();
      audit.close();
      await erp.close();
      await qms.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
