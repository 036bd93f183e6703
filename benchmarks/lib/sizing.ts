// docs/sizing.md, rewritten with RESULTS.md by the report step: what one node of the measured
// size holds (samples/s, work centers, remote calls, ERP postings), when to add a node, and
// what is not measured yet. Every number is read from a results file and names its suite,
// table and row; the only constants here are the planning rule and the example loads.
import { count, sig } from './format.ts';
import type { SuiteResult } from './results.ts';
import { clusterFigures, clusterSection } from './sizing-cluster.ts';
import {
  metricOf,
  perCpuSecond,
  Results,
  throughput,
  type Figure,
  type Source,
} from './sizing-figures.ts';

/** Plan each sustained load at this share of its measured figure (see "When to add a node"). */
export const HEADROOM = 0.5;

/** Example loads per work center, to turn samples/s into work centers: inputs, not results. */
const PROFILES = [
  { label: '2 counters once a second (a UNS counter feed)', samplesPerSec: 2 },
  { label: '50 tags once a second', samplesPerSec: 50 },
  { label: '50 tags at 10 Hz', samplesPerSec: 500 },
  { label: '200 tags at 100 Hz (vibration, power)', samplesPerSec: 20_000 },
] as const;

/** Suites the guide will use once they exist, and what they will add. */
const PLANNED = [
  ['e2e', 'samples/s and ERP postings/s through the whole pipeline, p99 sample to connector'],
  ['scale', 'throughput per node with 1, 2 and 4 nodes, rebalance time when a node joins'],
  ['drain', 'how fast a 5-minute outage backlog drains while live p99 is kept'],
  ['soak', 'RSS slope and p99 drift over 30 minutes at half saturation'],
] as const;

const PEER = 'peer-node-red';
const PEER_BURST = 'burst of UNS counter samples to posted confirmations';
const PEER_MILLWRIGHT = 'Millwright, 20 ms frames';

function cite(source: Source, link: string): string {
  return `[${source.suite}](${link}#${source.suite}), ${source.table}, row "${source.row}"`;
}

interface Line {
  readonly what: string;
  readonly figure: Figure | undefined;
  readonly unit: string;
  /** What is shown, from the figure (per GiB, a share); the source stays the figure's. */
  readonly show?: (value: number) => number;
}

const perGiB = (bytes: number) => 2 ** 30 / bytes;
const memory = (bytes: number) =>
  bytes >= 2 ** 30 ? `${sig(bytes / 2 ** 30)} GiB` : `${sig(bytes / 2 ** 20)} MB`;

function table(header: string, lines: readonly Line[], link: string, missing: string[]): string[] {
  const out = [`| load | ${header} | from RESULTS.md |`, '| --- | --- | --- |'];
  for (const line of lines) {
    if (line.figure === undefined) {
      missing.push(line.what);
      out.push(`| ${line.what} | not measured yet | - |`);
      continue;
    }
    const value = (line.show ?? ((v: number) => v))(line.figure.value);
    out.push(`| ${line.what} | ${count(value)} ${line.unit} | ${cite(line.figure.source, link)} |`);
  }
  return out;
}

function machines(results: readonly SuiteResult[]): string[] {
  const seen = new Map<string, string[]>();
  for (const r of results) {
    const env = r.environment;
    const key = `${env.cpuModel}, ${env.cores} cores, ${sig(env.memoryBytes / 2 ** 30)} GiB RAM, Node ${env.node}`;
    seen.set(key, [...(seen.get(key) ?? []), r.suite]);
  }
  return [...seen].map(([machine, suites]) => `- ${machine}: ${suites.join(', ')}`);
}

/** The highest-rate paced row of the Millwright side without a broker restart. */
function pacedPeer(results: Results): { rate: number; cpu?: Figure; p99?: Figure } {
  const rates = results
    .rows(PEER, PEER_MILLWRIGHT)
    .filter((r) => r.params?.['brokerRestart'] === undefined)
    .map((r) => r.params?.['rateHz'])
    .filter((rate): rate is number => typeof rate === 'number');
  if (rates.length === 0) return { rate: Number.NaN };
  const params = { rateHz: Math.max(...rates) };
  const cpu = metricOf(results, PEER, PEER_MILLWRIGHT, 'samplesPerCpuSec', params);
  const p99 = metricOf(results, PEER, PEER_MILLWRIGHT, 'p99Ms', params);
  return { rate: params.rateHz, ...(cpu ? { cpu } : {}), ...(p99 ? { p99 } : {}) };
}

/** The ERP figures are against the simulator, which answers at once: say what scales them. */
function erpNote(results: Results): string[] {
  const found = results.variant('connectors', 'ERP postings', 'connector, JetStream');
  const inFlight = found?.comparison.params['inFlight'];
  if (typeof inFlight !== 'number') return [];
  return [
    `The ERP rates are against Millwright's ERP simulator, which answers at once, with ${inFlight}`,
    'postings in flight. Against a real ERP its answer time sets the rate: at most',
    `${inFlight} x 1000 / (answer time in ms) postings/s, e.g. ${count((inFlight * 1000) / 200)} at 200 ms, and never more than the figure above.`,
    '',
  ];
}

export function renderSizing(all: readonly SuiteResult[], link: string): string {
  const results = new Results(all);
  const missing: string[] = [];
  const frames = metricOf(results, 'telemetry-offload', 'main thread', 'samplesPerSec');
  const pool = metricOf(results, 'telemetry-offload', 'piscina 2 threads', 'samplesPerSec');
  const uns = perCpuSecond(results, PEER, PEER_BURST, PEER_MILLWRIGHT);
  const unsNodeRed = perCpuSecond(results, PEER, PEER_BURST, 'Node-RED flow');
  const actors = '10000 activated work-center actors';
  const bytesPerActor = metricOf(results, 'actors', actors, 'bytesPerActor');
  const remote = 'Moleculer remote call, msgpackr';
  const remote64 = throughput(results, 'moleculer', 'call', remote, { inFlight: 64 });
  const erpEmbedded = throughput(results, 'connectors', 'ERP postings', 'connector, SQLite lane');
  const erpCluster = throughput(results, 'connectors', 'ERP postings', 'connector, JetStream');
  const paced = pacedPeer(results);
  const cluster = clusterFigures(results);
  const unit = { samples: 'samples/s', cpu: 'samples per CPU-second' };

  const holds: Line[] = [
    {
      what: 'Samples from frames, one thread (decode, native kernel, window store)',
      figure: frames,
      unit: unit.samples,
    },
    { what: 'Samples from frames, worker pool of 2 threads', figure: pool, unit: unit.samples },
    {
      what: 'Aggregation kernel alone (native, frames of 10,000 samples)',
      figure: throughput(results, 'telemetry-kernels', 'aggregate-10000', 'native'),
      unit: unit.samples,
    },
    {
      what: 'Frame decode alone (columnar, frames of 1,000 samples)',
      figure: throughput(results, 'telemetry-codec', 'decode-1000', 'frame columnar'),
      unit: unit.samples,
    },
    {
      what: 'UNS JSON over MQTT to posted confirmations, one sample per message (burst)',
      figure: uns,
      unit: unit.cpu,
    },
    {
      what: `The same, paced at ${count(paced.rate)} samples/s`,
      figure: paced.cpu,
      unit: unit.cpu,
    },
    {
      what: 'MQTT UNS messages into frames at the edge (MqttJsonAdapter)',
      figure: throughput(results, 'edge', 'MQTT UNS messages into frames', 'MqttJsonAdapter'),
      unit: 'messages/s',
    },
    {
      what: 'OPC UA notifications into frames at the edge (OpcuaAdapter)',
      figure: throughput(results, 'edge', 'OPC UA notifications into frames', 'OpcuaAdapter'),
      unit: 'notifications/s',
    },
    {
      what: 'Work-center actors per GiB of resident memory',
      figure: bytesPerActor,
      unit: 'work centers',
      show: perGiB,
    },
    {
      what: 'RSS of a node process with 10,000 activated work-center actors',
      figure: metricOf(results, 'actors', actors, 'rssMb'),
      unit: 'MB',
    },
    {
      what: 'Actor messages in process (tell, committed to the memory store)',
      figure: throughput(results, 'actors', 'in-process message to an actor', 'runtime tell'),
      unit: 'messages/s',
    },
    {
      what: 'Remote Moleculer calls over NATS (msgpackr, 64 in flight)',
      figure: remote64,
      unit: 'calls/s',
    },
    {
      what: 'Remote work-center actor ask over NATS (1 in flight)',
      figure: throughput(
        results,
        'actors',
        'remote ask over NATS (one request in flight)',
        'work-center actor ask',
      ),
      unit: 'requests/s',
    },
    {
      what: 'ERP postings through the connector, embedded (SQLite lane and ledger)',
      figure: erpEmbedded,
      unit: 'postings/s',
    },
    {
      what: 'ERP postings through the connector, cluster (JetStream lane, KV ledger)',
      figure: erpCluster,
      unit: 'postings/s',
    },
  ];
  const half = (value: number) => value * HEADROOM;
  // Paced at the highest rate is the lower, steadier figure: messages arrive one by one.
  const unsLimit = paced.cpu ?? uns;
  const limits: Line[] = [
    {
      what: 'UNS JSON samples/s over MQTT (one node process, its event loop one core; broker on other cores)',
      figure: unsLimit,
      unit: unit.samples,
      show: half,
    },
    {
      what: 'Samples/s arriving as frames (one thread)',
      figure: frames,
      unit: unit.samples,
      show: half,
    },
    { what: 'Remote calls/s', figure: remote64, unit: 'calls/s', show: half },
    {
      what: 'Work-center commits/s per cluster node (each frame or tell that changes counts)',
      figure: cluster?.tellsPerNode,
      unit: 'commits/s',
      show: half,
    },
    { what: 'ERP postings/s, embedded', figure: erpEmbedded, unit: 'postings/s', show: half },
    { what: 'ERP postings/s, cluster', figure: erpCluster, unit: 'postings/s', show: half },
    {
      what: 'Work centers per GiB the node process may use',
      figure: bytesPerActor,
      unit: 'work centers',
      show: (b) => half(perGiB(b)),
    },
  ];
  // In cluster mode a frame that changes counts is a commit: with one frame a second per work
  // center, the commits a node takes cap its work centers whatever the samples per frame.
  const commitsCap =
    cluster?.tellsPerNode === undefined ? undefined : Math.floor(half(cluster.tellsPerNode.value));
  const profiles = [
    "| a work center sends | work centers per node, as frames | their actors' memory | cluster node, one frame a second each | as UNS JSON over MQTT |",
    '| --- | --- | --- | --- | --- |',
    ...PROFILES.map((p) => {
      const centers = (f: Figure | undefined) =>
        f === undefined ? undefined : Math.floor(half(f.value) / p.samplesPerSec);
      const show = (n: number | undefined) =>
        n === undefined ? 'not measured yet' : n < 1000 ? String(n) : count(n);
      const asFrames = centers(frames);
      const actorMemory =
        asFrames === undefined || bytesPerActor === undefined
          ? 'not measured yet'
          : memory(asFrames * bytesPerActor.value);
      const clustered =
        asFrames === undefined || commitsCap === undefined
          ? undefined
          : Math.min(asFrames, commitsCap);
      return `| ${p.label}: ${p.samplesPerSec.toLocaleString('en-US')} samples/s | ${show(asFrames)} | ${actorMemory} | ${show(clustered)} | ${show(centers(unsLimit))} |`;
    }),
  ];
  const absent = PLANNED.filter(([suite]) => results.suite(suite) === undefined);
  const peer =
    uns !== undefined && unsNodeRed !== undefined
      ? [
          `On the same job (UNS JSON counters over MQTT, aggregated per work center per window, a`,
          `confirmation per window over HTTP), Millwright handled ${sig(uns.value / unsNodeRed.value)}× the samples per`,
          `CPU-second of a Node-RED flow (${count(uns.value)} against ${count(unsNodeRed.value)}; ${cite(uns.source, link)}).`,
          `The design target is 10×. Paced at ${count(paced.rate)} samples/s, its p99 from publish to`,
          `posting was ${paced.p99 ? sig(paced.p99.value) : '-'} ms. The peer rows in RESULTS.md show every rate, both framings and`,
          'the broker restart (postings against the oracle, duplicates, losses).',
        ]
      : ['The Node-RED comparison (`npm run bench -- peer`) has no results yet.'];

  const out = [
    '<!-- Generated by benchmarks/run.ts from benchmarks/results/*.json: do not edit. -->',
    '# Sizing a Millwright node',
    '',
    'Generated with [RESULTS.md](' +
      link +
      ') by `npm run bench` (or `npm run bench -- --report`) from',
    'the results files; every figure names the suite section, table and row it comes from.',
    'Measured on:',
    '',
    ...machines(results.suites),
    '',
    'A node of another size scales with its cores for CPU-bound loads (a node process uses one',
    'core for its event loop plus its worker threads); run the suites on your hardware to be sure.',
    '',
    '## What one node of this size holds',
    '',
    ...table('this node', holds, link, missing),
    '',
    '## When to add a node',
    '',
    `Plan every sustained load at no more than ${HEADROOM * 100} % of its figure. The rest is what drains a`,
    'backlog after an outage while live data keeps flowing (a 5-minute outage drains in 5 minutes',
    'only at twice the live rate), and what a rebalance, a garbage collection or a noisy',
    'neighbour takes. Add a node when one of these loads stays above its line:',
    '',
    ...table('add a node above', limits, link, []),
    '',
    ...erpNote(results),
    'In operation, the same signals come earlier: the event-loop delay p99 of a node rising past',
    'a few milliseconds, the worker pool queue full (the edge is being slowed down), and the',
    "business lane's consumer lag growing instead of draining.",
    '',
    `### Work centers per node by what they send (at ${HEADROOM * 100} % of the figures above)`,
    '',
    "Their actors' memory is the activated actors alone (bytes per actor from the actors suite),",
    'beside the node process itself. On a cluster node each frame that changes counts is also a',
    'commit to JetStream KV: at one frame a second per work center, the commits line above caps',
    'the work centers whatever the frames carry.',
    '',
    ...profiles,
    '',
    '## Adding nodes',
    '',
    ...clusterSection(results, (source) => cite(source, link)),
    '',
    '## Against Node-RED',
    '',
    ...peer,
    '',
    '## Not measured yet',
    '',
    ...(absent.length === 0 && missing.length === 0
      ? ['Every suite the guide reads has results.']
      : [
          ...absent.map(([suite, what]) => `- \`${suite}\`: ${what} (no results file yet).`),
          ...missing.map((what) => `- ${what}: its suite or row has no results yet.`),
        ]),
  ];
  return `${out.join('\n')}\n`;
}
