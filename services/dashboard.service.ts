// `dashboard`: collects what the dashboard page shows (services/dashboard/collect.ts) on a poll
// and whenever a notification says something moved, and hands each snapshot to the hub the
// gateway streams from (SSE). Reads only through actions; never changes anything.
import type { Service, ServiceSchema } from 'moleculer';
import {
  collect,
  DashboardHub,
  hasAction,
  SnapshotBuilder,
  type DashboardSnapshot,
} from './dashboard/index.ts';

export interface DashboardServiceOptions {
  /** Poll period of the actions (ms). */
  readonly pollMs?: number;
  /** Quiet time after a notification before collecting (several events, one snapshot). */
  readonly debounceMs?: number;
}

/** Notifications after which the page should not wait for the next poll. */
const MOVES = ['workcenter.counts.changed', '$node.connected', '$node.disconnected'];

export function dashboardService(
  hub: DashboardHub,
  options: DashboardServiceOptions = {},
): ServiceSchema {
  const pollMs = options.pollMs ?? 2_000;
  const debounceMs = options.debounceMs ?? 250;
  const builder = new SnapshotBuilder();
  let timer: NodeJS.Timeout | undefined;
  let pending: NodeJS.Timeout | undefined;
  let running: Promise<DashboardSnapshot> | undefined;
  let stopped = false;

  async function refreshOee(service: Service): Promise<void> {
    if (!hasAction(service.broker, 'analytics.oee')) return;
    await Promise.all(
      builder.oeeKeys().map(async ({ plant, workCenter, date, shift }) => {
        const fresh = await service.broker
          .call('analytics.oee', { plant, workCenter, date, shift }, { timeout: 2_000 })
          .catch(() => null);
        builder.recordOee(fresh);
      }),
    );
  }

  /** One collection at a time; callers during a collection share its result. */
  function refresh(service: Service): Promise<DashboardSnapshot> {
    running ??= (async () => {
      try {
        await refreshOee(service);
        const snapshot = builder.build(
          await collect(service.broker),
          service.broker.nodeID,
          Date.now(),
        );
        if (!stopped) hub.publish(snapshot);
        return snapshot;
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  // Nobody watching: no collection (the snapshot action still collects on demand).
  function soon(service: Service) {
    if (pending !== undefined || stopped || hub.subscribers === 0) return;
    pending = setTimeout(() => {
      pending = undefined;
      refresh(service).catch((error: unknown) => {
        service.logger.warn({ err: error }, 'dashboard: collection failed');
      });
    }, debounceMs);
  }

  const onMove = {
    handler(this: Service) {
      soon(this);
    },
  };

  return {
    name: 'dashboard',
    actions: {
      snapshot: {
        handler(this: Service): Promise<DashboardSnapshot> | DashboardSnapshot {
          return hub.subscribers > 0 && hub.latest !== undefined ? hub.latest : refresh(this);
        },
      },
    },
    events: {
      ...Object.fromEntries(MOVES.map((event) => [event, onMove])),
      '$services.changed': onMove,
      'oee.updated': {
        handler(this: Service, ctx: { params: unknown }) {
          builder.recordOee(ctx.params);
          soon(this);
        },
      },
    },
    started(this: Service) {
      stopped = false;
      timer = setInterval(() => {
        soon(this);
      }, pollMs);
    },
    async stopped() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(pending);
      await running?.catch(() => undefined);
    },
  };
}
