// The cluster part of docs/sizing.md, from the scale and drain suites: work-center commits per
// node, what 2 and 4 node processes did on the measured machine, memory per actor on a cluster
// node, how long a join takes to move actors, and how fast an outage backlog drains. Every
// figure cites its row; a ratio is computed from two cited rows of the same run.
import { count, sig } from './format.ts';
import { metricOf, type Figure, type Results, type Source } from './sizing-figures.ts';

export const SCALE_ROWS = {
  oneNode: '1 node',
  fresh: 'fresh node, no actor',
  join: 'node joins, moved actors answering on the new owner',
  active: (workCenters: number) => `${workCenters} actors active on 1 node`,
} as const;
export const DRAIN_ROWS = {
  baseline: 'live frames, no backlog',
  drain: 'live frames during the backlog drain',
} as const;

export interface ClusterFigures {
  /** Work centers of the largest scale size measured. */
  readonly workCenters: number;
  /** Tells (one commit each) per second on one node. */
  readonly tellsPerNode: Figure | undefined;
  readonly bytesPerActor: Figure | undefined;
}

type Cite = (source: Source) => string;

/** The largest number of work centers the scale suite measured a 1-node row for. */
function largestSize(results: Results): number | undefined {
  const sizes = results
    .rows('scale', SCALE_ROWS.oneNode)
    .map((row) => row.params?.['workCenters'])
    .filter((size): size is number => typeof size === 'number');
  return sizes.length === 0 ? undefined : Math.max(...sizes);
}

export function clusterFigures(results: Results): ClusterFigures | undefined {
  const workCenters = largestSize(results);
  if (workCenters === undefined) return undefined;
  const params = { workCenters };
  return {
    workCenters,
    tellsPerNode: metricOf(results, 'scale', SCALE_ROWS.oneNode, 'opsPerSec', params),
    bytesPerActor: metricOf(
      results,
      'scale',
      SCALE_ROWS.active(workCenters),
      'bytesPerActor',
      params,
    ),
  };
}

function scaleLines(results: Results, figures: ClusterFigures, cite: Cite): string[] {
  const { workCenters, tellsPerNode } = figures;
  const params = { workCenters };
  const lines: string[] = [];
  const row = (what: string, value: string, source: Source) => {
    lines.push(`| ${what} | ${value} | ${cite(source)} |`);
  };
  const wc = workCenters.toLocaleString('en-US');
  if (tellsPerNode !== undefined) {
    row(
      `Work-center tells over NATS, each committed to JetStream KV, 1 node, ${wc} work centers`,
      `${count(tellsPerNode.value)} tells/s`,
      tellsPerNode.source,
    );
  }
  const ratios: string[] = [];
  for (const nodes of [2, 4]) {
    const cluster = metricOf(results, 'scale', `${nodes} nodes`, 'opsPerSec', params);
    if (cluster === undefined || tellsPerNode === undefined) continue;
    const ratio = cluster.value / tellsPerNode.value;
    ratios.push(`${nodes} ${ratios.length === 0 ? 'node processes ' : ''}gave ${sig(ratio)}×`);
    row(
      `The same with ${nodes} node processes on this machine, all nodes together`,
      `${count(cluster.value)} tells/s (${sig(ratio)}× the 1-node figure)`,
      cluster.source,
    );
  }
  const fresh = metricOf(results, 'scale', SCALE_ROWS.fresh, 'rssMb', params);
  if (fresh !== undefined)
    row('RSS of an actors node with no actor', `${sig(fresh.value)} MB`, fresh.source);
  if (figures.bytesPerActor !== undefined) {
    row(
      `RSS per active work-center actor on a cluster node (${wc} actors)`,
      `${sig(figures.bytesPerActor.value / 1024)} KiB`,
      figures.bytesPerActor.source,
    );
  }
  const join = { ...params, join: '1→2' };
  const answered = metricOf(results, 'scale', SCALE_ROWS.join, 'answeredMs', join);
  const moved = metricOf(results, 'scale', SCALE_ROWS.join, 'movedActors', join);
  if (answered !== undefined && moved !== undefined) {
    row(
      `A second node joins (${wc} work centers): until every moved actor answers on it`,
      `${sig(answered.value / 1000)} s for ${count(moved.value)} actors`,
      answered.source,
    );
  }
  const cores = results.suite('scale')?.environment.cores;
  if (ratios.length > 0 && cores !== undefined) {
    lines.push(
      '',
      `Against one node, ${ratios.join(' and ')} the tells/s, all on the measured machine's`,
      `${cores} cores (the suite's driver and nats-server ran there too). Where that ratio stays below`,
      'the number of nodes, the processes shared the cores: a node adds the capacity of the cores',
      'it brings, so add it on another machine or where cores are free, not as one more process',
      'on busy ones. The join row is how long work centers that move wait for their new owner.',
    );
  }
  return lines;
}

function drainLines(results: Results, cite: Cite): string[] {
  const drains = results.rows('drain', DRAIN_ROWS.drain);
  const best = [...drains].sort(
    (a, b) => (b.metrics['drainFramesPerSec'] ?? 0) - (a.metrics['drainFramesPerSec'] ?? 0),
  )[0];
  if (best === undefined) return [];
  const frames = metricOf(results, 'drain', DRAIN_ROWS.drain, 'drainFramesPerSec', best.params);
  const samples = metricOf(results, 'drain', DRAIN_ROWS.drain, 'drainSamplesPerSec', best.params);
  const p99 = metricOf(results, 'drain', DRAIN_ROWS.drain, 'liveP99Ms', best.params);
  const base = metricOf(results, 'drain', DRAIN_ROWS.baseline, 'liveP99Ms');
  if (frames === undefined || samples === undefined) return [];
  const outage = best.params?.['outageS'];
  const throttle = best.params?.['backlogFramesPerSecond'];
  const live =
    base === undefined || p99 === undefined
      ? ''
      : `; live frames' p99 ${sig(p99.value)} ms against ${sig(base.value)} ms with no backlog`;
  return [
    `| Backlog of a ${typeof outage === 'number' ? `${Number((outage / 60).toFixed(1))}-minute` : ''} outage draining (edge throttle ${String(throttle)} frames/s) | ${count(frames.value)} frames/s, ${count(samples.value)} samples/s${live} | ${cite(frames.source)} |`,
  ];
}

/** The "Adding nodes" section, or a line saying the suites have no results yet. */
export function clusterSection(results: Results, cite: Cite): string[] {
  const figures = clusterFigures(results);
  const body = [
    ...(figures === undefined ? [] : scaleLines(results, figures, cite)),
    ...drainLines(results, cite),
  ];
  if (body.length === 0) return ['The `scale` and `drain` suites have no results yet.'];
  const table = body.filter((line) => line.startsWith('|'));
  const text = body.filter((line) => !line.startsWith('|'));
  return ['| figure | measured | from RESULTS.md |', '| --- | --- | --- |', ...table, ...text];
}
