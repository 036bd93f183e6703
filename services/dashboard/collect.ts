// Gathers one dashboard snapshot from the cluster: nodes and their services, work-center actors
// and their placement (the REPL `actors` table), ERP connector stats and dead letters, metrics
// of every node and OEE. A section whose service runs nowhere says so instead of failing.
import type { ServiceBroker } from 'moleculer';
import { hostNodes, HOST_SERVICE } from '../workcenter/membership.ts';
import type { MetricSnapshot } from './metrics-summary.ts';

export type Section<T> = ({ available: true } & T) | { available: false; reason: string };

export interface NodeRow {
  readonly id: string;
  readonly available: boolean;
  readonly local: boolean;
  readonly services: string[];
  readonly description: Record<string, unknown> | null;
}
export interface ActorRow {
  readonly key: string;
  readonly owner: string;
  readonly mailboxDepth: number;
  readonly sequence: number;
  readonly lastActivityAt: number;
  readonly state: Record<string, unknown> | null;
}
export interface DeadLetterRow {
  readonly id: number;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly code: string;
  readonly message: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
}

export interface Collected {
  readonly nodes: NodeRow[];
  readonly actors: Section<{ rows: ActorRow[]; perNode: Record<string, number> }>;
  readonly erp: Section<{ stats: Record<string, unknown>; deadLetters: DeadLetterRow[] }>;
  readonly metrics: MetricSnapshot[];
  readonly metricsNodes: number;
  readonly oeeAvailable: boolean;
}

/** Actors whose state is fetched (the table lists all of them). */
const STATE_LIMIT = 24;
const CALL = { timeout: 2_000, retries: 0 } as const;

export const notHere = (what: string): { available: false; reason: string } => ({
  available: false,
  reason: `not available on this node: no node runs ${what}`,
});

export function hasAction(broker: ServiceBroker, action: string): boolean {
  const list = broker.registry.getActionList({ onlyAvailable: true, skipInternal: true });
  return list.some((entry) => (entry as { name: string }).name === action);
}

async function nodes(broker: ServiceBroker): Promise<NodeRow[]> {
  // Moleculer types the node catalogue as `any`; this is the part of it read here.
  const catalogue = broker.registry.nodes as {
    list(opts: object): { id: string; available: boolean; local: boolean; services?: unknown[] }[];
  };
  const list = catalogue.list({ onlyAvailable: false, withServices: true });
  const rows = list.map(async (node) => {
    const services = ((node.services ?? []) as { name: string }[])
      .map((s) => s.name)
      .filter((name) => !name.startsWith('$'))
      .sort();
    const description = node.available
      ? await broker
          .call<Record<string, unknown>, object>(
            'platform.node.describe',
            {},
            {
              ...CALL,
              nodeID: node.id,
            },
          )
          .catch(() => null)
      : null;
    return { id: node.id, available: node.available, local: node.local, services, description };
  });
  return (await Promise.all(rows)).sort((a, b) => a.id.localeCompare(b.id));
}

async function actors(broker: ServiceBroker): Promise<Collected['actors']> {
  const owners = hostNodes(broker);
  if (owners.length === 0) return notHere(HOST_SERVICE);
  type HostList = { node: string; actors: Omit<ActorRow, 'owner' | 'state'>[] };
  const lists = await Promise.all(
    owners.map((nodeID) =>
      broker.call<HostList, object>(`${HOST_SERVICE}.list`, {}, { ...CALL, nodeID }),
    ),
  );
  const perNode = Object.fromEntries(lists.map((l) => [l.node, l.actors.length]));
  const rows = lists
    .flatMap((l) => l.actors.map((a) => ({ ...a, owner: l.node })))
    .sort((a, b) => a.key.localeCompare(b.key));
  const withState = await Promise.all(
    rows.map(async (row, index) => {
      if (index >= STATE_LIMIT) return { ...row, state: null };
      const view = await broker
        .call<{ state?: Record<string, unknown> | null }, object>(
          `${HOST_SERVICE}.inspect`,
          { key: row.key },
          { ...CALL, nodeID: row.owner },
        )
        .catch(() => null);
      return { ...row, state: view?.state ?? null };
    }),
  );
  return { available: true, rows: withState, perNode };
}

interface LetterEntry {
  id: number;
  event: { eventId?: string; type?: string } | null;
  reason: { code: string; message: string };
  attempts: number;
  deadLetteredAt: string;
}

async function erp(broker: ServiceBroker): Promise<Collected['erp']> {
  if (!hasAction(broker, 'erp.connector.stats')) return notHere('erp.connector');
  const [stats, letters] = await Promise.all([
    broker.call<Record<string, unknown>, object>('erp.connector.stats', {}, CALL),
    broker.call<LetterEntry[], object>('erp.connector.list', { limit: 100 }, CALL),
  ]);
  const deadLetters = letters.map((l) => ({
    id: l.id,
    eventId: l.event?.eventId ?? null,
    type: l.event?.type ?? null,
    code: l.reason.code,
    message: l.reason.message,
    attempts: l.attempts,
    deadLetteredAt: l.deadLetteredAt,
  }));
  return { available: true, stats, deadLetters };
}

async function metrics(broker: ServiceBroker, from: readonly NodeRow[]) {
  const lists = await Promise.all(
    from
      .filter((n) => n.available && n.services.includes('platform.node'))
      .map((n) =>
        broker
          .call<MetricSnapshot[], object>('platform.node.metrics', {}, { ...CALL, nodeID: n.id })
          .catch(() => [] as MetricSnapshot[]),
      ),
  );
  return { metrics: lists.flat(), metricsNodes: lists.filter((l) => l.length > 0).length };
}

/** Failures of one section become its reason, so one slow service does not blank the page. */
const guarded = <T>(what: string, work: Promise<Section<T>>): Promise<Section<T>> =>
  work.catch((error: unknown) => ({
    available: false as const,
    reason: `${what} did not answer: ${(error as Error).message}`,
  }));

export async function collect(broker: ServiceBroker): Promise<Collected> {
  const nodeRows = await nodes(broker);
  const [actorSection, erpSection, metricPart] = await Promise.all([
    guarded('workcenter.host', actors(broker)),
    guarded('erp.connector', erp(broker)),
    metrics(broker, nodeRows),
  ]);
  return {
    nodes: nodeRows,
    actors: actorSection,
    erp: erpSection,
    ...metricPart,
    oeeAvailable: hasAction(broker, 'analytics.oee'),
  };
}
