// The OPC UA adapter: one subscription per source with a monitored item per mapped node
// (grouped by monitoring parameters), notifications mapped into frames, and a watchdog that
// re-creates a subscription that stays silent (no data, no keep-alive) while connected.
import {
  AttributeIds,
  ClientMonitoredItemGroup,
  ClientSubscription,
  DataChangeFilter,
  DataChangeTrigger,
  DeadbandType,
  TimestampsToReturn,
  type ClientSession,
  type DataValue,
  type OPCUAClient,
} from 'node-opcua';
import { MillwrightError } from '../../contracts/index.ts';
import { EdgeMetrics } from '../common/index.ts';
import { sourceFrameBuilder, type FrameBuilder } from '../framing/index.ts';
import type { AdapterOptions } from '../mqtt/index.ts';
import { rejectContextOf, rejectInput, type RejectContext } from '../quarantine/index.ts';
import { logSecurityWarnings, sourceOfProtocol, type SourceOfProtocol } from '../template/index.ts';
import { mapSourceValue, monitoredSignals, type MonitoredSignal } from './opcua-mapping.ts';
import { openSession } from './opcua-session.ts';

export class OpcuaAdapter {
  readonly metrics = new EdgeMetrics();
  readonly #options: AdapterOptions;
  readonly #definition: SourceOfProtocol<'opcua'>;
  readonly #items: MonitoredSignal[];
  readonly #builder: FrameBuilder;
  readonly #reject: RejectContext;
  #client: OPCUAClient | undefined;
  #session: ClientSession | undefined;
  #subscription: ClientSubscription | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #lastHeardAt = 0;
  #recreating = false;

  constructor(options: AdapterOptions) {
    this.#definition = sourceOfProtocol(options.model, options.source, 'opcua');
    this.#options = options;
    this.#items = monitoredSignals(options.model, options.source);
    this.#builder = sourceFrameBuilder(options);
    this.#reject = rejectContextOf(options, this.metrics);
  }

  get builder(): FrameBuilder {
    return this.#builder;
  }

  async start(): Promise<void> {
    const def = this.#definition;
    const { source, pkiFolder, secrets } = this.#options;
    logSecurityWarnings(this.#reject.logger, source, def);
    const { client, session } = await openSession({
      source,
      endpoint: def.endpoint,
      security: def.security,
      logger: this.#reject.logger,
      metrics: this.metrics,
      pkiFolder,
      secrets,
    });
    this.#client = client;
    this.#session = session;
    await this.#subscribe();
    this.#lastHeardAt = Date.now();
    this.#watchdog = setInterval(
      () => {
        this.#checkSilence();
      },
      Math.max(50, def.watchdogMs / 4),
    );
  }

  /** OPC UA Part 4 §5.13.2 CreateSubscription, then §5.12.2 CreateMonitoredItems per group. */
  async #subscribe(): Promise<void> {
    const def = this.#definition;
    const session = this.#session;
    if (session === undefined) return;
    const subscription = ClientSubscription.create(session, {
      requestedPublishingInterval: def.publishingIntervalMs,
      requestedLifetimeCount: 1_000,
      // At least three keep-alives fit in the watchdog window, so a quiet but healthy
      // subscription (no value changes) is never mistaken for a stalled one (Part 4 §5.13.1.1).
      requestedMaxKeepAliveCount: Math.max(
        1,
        Math.min(100, Math.floor(def.watchdogMs / (3 * def.publishingIntervalMs))),
      ),
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 10,
    });
    this.#subscription = subscription;
    this.#lastHeardAt = Date.now();
    subscription.on('keepalive', () => {
      this.#lastHeardAt = Date.now();
    });
    const groups = new Map<string, MonitoredSignal[]>();
    for (const item of this.#items) {
      const key = JSON.stringify([item.samplingIntervalMs, item.queueSize, item.deadband]);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const items of groups.values()) {
      const first = items[0];
      if (first === undefined) continue;
      const filter =
        first.deadband === undefined
          ? null
          : new DataChangeFilter({
              trigger: DataChangeTrigger.StatusValue,
              deadbandType:
                first.deadband.type === 'absolute' ? DeadbandType.Absolute : DeadbandType.Percent,
              deadbandValue: first.deadband.value,
            });
      const group = ClientMonitoredItemGroup.create(
        subscription,
        items.map((i) => ({ nodeId: i.nodeId, attributeId: AttributeIds.Value })),
        {
          samplingInterval: first.samplingIntervalMs,
          queueSize: first.queueSize,
          discardOldest: true,
          filter,
        },
        TimestampsToReturn.Both,
      );
      group.on('changed', (_monitoredItem, dataValue: DataValue, index: number) => {
        const item = items[index];
        if (item !== undefined) this.ingest(item, dataValue);
      });
      await new Promise<void>((resolve, reject) => {
        group.once('initialized', () => {
          resolve();
        });
        group.once('err', (message: string) => {
          reject(new Error(message));
        });
      });
    }
    this.metrics.increment('subscriptionsCreated');
  }

  /** Maps one notification; false when it was rejected (and quarantined). */
  ingest(item: MonitoredSignal, dv: DataValue): boolean {
    this.#lastHeardAt = Date.now();
    this.metrics.increment('notifications');
    try {
      const sample = mapSourceValue(
        item,
        {
          value: dv.value.value as unknown,
          statusCode: dv.statusCode.value,
          statusName: dv.statusCode.name,
          sourceTimestampMs: dv.sourceTimestamp?.getTime(),
          serverTimestampMs: dv.serverTimestamp?.getTime(),
        },
        Date.now(),
        this.#options.model.units,
      );
      this.#builder.add(sample);
      this.metrics.increment('samples');
      return true;
    } catch (error) {
      rejectInput(this.#reject, item.nodeId, Buffer.from(JSON.stringify(dv.toJSON())), error);
      return false;
    }
  }

  #checkSilence(): void {
    const def = this.#definition;
    if (this.#recreating || this.metrics.gauge('connection') !== 'connected') {
      this.#lastHeardAt = Math.max(this.#lastHeardAt, Date.now() - def.watchdogMs / 2);
      return;
    }
    const silentMs = Date.now() - this.#lastHeardAt;
    if (silentMs <= def.watchdogMs) return;
    this.metrics.increment('stallsDetected');
    const stall = new MillwrightError(
      'MW_EDGE_OPCUA_SUBSCRIPTION_STALLED',
      `subscription silent for ${silentMs} ms while connected; re-creating it`,
      { endpoint: def.endpoint, silentMs },
    );
    this.#reject.logger.warn({ code: stall.type, ...(stall.data as object) }, stall.message);
    this.#recreating = true;
    const old = this.#subscription;
    this.#subscription = undefined;
    (old === undefined ? Promise.resolve() : old.terminate().catch(() => undefined))
      .then(() => this.#subscribe())
      .catch((error: unknown) => {
        this.#reject.logger.error(
          { err: (error as Error).message },
          'subscription re-creation failed',
        );
      })
      .finally(() => {
        // The new subscription's silence is counted from when it exists, not from the request.
        this.#lastHeardAt = Date.now();
        this.#recreating = false;
      });
  }

  /** Seals open frames, then closes subscription, session and connection. */
  async stop(): Promise<void> {
    clearInterval(this.#watchdog);
    this.#builder.flush();
    await this.#subscription?.terminate().catch(() => undefined);
    await this.#session?.close().catch(() => undefined);
    await this.#client?.disconnect().catch(() => undefined);
    this.#subscription = undefined;
    this.#session = undefined;
    this.#client = undefined;
  }
}
