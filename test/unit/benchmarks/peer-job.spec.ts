// The peer comparison's two implementations of the job against the oracle of the input: the
// function node of the checked-in Node-RED flow (run as Node-RED runs it, with msg, context,
// env and node) and Millwright's ConfirmationJob (frames, kernel, window store), with QoS 1
// redeliveries thrown in. Also the scoring of postings. No broker, no Node-RED process.
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import fc from 'fast-check';
import { ConfirmationJob, type Confirmation } from '../../../benchmarks/peer/confirmation-job.ts';
import { FLOW_FILE } from '../../../benchmarks/peer/node-red-process.ts';
import { score, type Posting } from '../../../benchmarks/peer/receiver.ts';
import {
  buildSchedule,
  oracle,
  payloadOf,
  postingKey,
  topicOf,
  type ScheduledSample,
  type ScheduleOptions,
} from '../../../benchmarks/peer/schedule.ts';

const WINDOW_MS = 1000;
const options = (overrides: Partial<ScheduleOptions> = {}): ScheduleOptions => ({
  seed: 7,
  area: 'b1',
  workCenters: 5,
  samples: 400,
  rateHz: 100,
  startMs: 1_767_225_600_250,
  windowMs: WINDOW_MS,
  ...overrides,
});

/** The flow's function node, called as Node-RED calls it. */
function flowFunction(): (topic: string, payload: unknown) => Confirmation | null {
  const flow = JSON.parse(readFileSync(FLOW_FILE, 'utf8')) as {
    type: string;
    func?: string;
    initialize?: string;
  }[];
  const node = flow.find((n) => n.type === 'function');
  if (node?.func === undefined) throw new Error('the flow has no function node');
  const store = new Map<string, unknown>();
  const context = {
    get: (k: string) => store.get(k),
    set: (k: string, v: unknown) => store.set(k, v),
  };
  const env = { get: (k: string) => (k === 'MW_PEER_WINDOW_MS' ? String(WINDOW_MS) : undefined) };
  const warn = () => {
    throw new Error('the function warned');
  };
  // As Node-RED compiles a function node: its body wrapped in a function, run in a vm script.
  const compile = (params: string, body: string) =>
    new Script(`(function (${params}) {\n${body}\n})`).runInThisContext() as (
      ...args: unknown[]
    ) => unknown;
  compile('context, env, node', node.initialize ?? '')(context, env, { warn });
  const func = compile('msg, context, env, node', node.func);
  const run = (...args: unknown[]) => func(...args) as { payload: Confirmation } | null;
  return (topic, payload) => run({ topic, payload }, context, env, { warn })?.payload ?? null;
}

/** Each sample once, and now and then again a few messages later (a QoS 1 redelivery). */
function withRedeliveries(schedule: readonly ScheduledSample[], every: number): ScheduledSample[] {
  const out: ScheduledSample[] = [];
  schedule.forEach((sample, i) => {
    out.push(sample);
    const earlier = schedule[i - 3];
    if (i % every === 0 && earlier !== undefined) out.push(earlier);
  });
  return out;
}

const asPostings = (confirmations: readonly Confirmation[]): Posting[] =>
  confirmations.map((c) => ({ ...c, receivedAtMs: 0 }));

describe('peer comparison job', () => {
  it('builds the same schedule from the same options, with a closing sample per work center', () => {
    const a = buildSchedule(options());
    expect(buildSchedule(options())).toEqual(a);
    expect(a).toHaveLength(400 + 5);
    expect(a.every((s, i) => i === 0 || s.offsetMs >= (a[i - 1]?.offsetMs ?? 0))).toBe(true);
    const expected = oracle(a, WINDOW_MS);
    // 400 samples at 100/s from 250 ms into a window: windows 0-4 of every work center.
    expect(expected.size).toBe(5 * 5);
    const total = [...expected.values()].reduce((sum, p) => sum + p.good, 0);
    const last = new Map(a.map((s) => [s.workCenter, s.good]));
    const first = new Map([...a].reverse().map((s) => [s.workCenter, s.good]));
    const increase = [...last].reduce((sum, [wc, g]) => sum + g - (first.get(wc) ?? 0), 0);
    expect(total).toBe(increase);
  });

  it('the Node-RED function posts exactly the oracle, redeliveries included', () => {
    const schedule = buildSchedule(options());
    const post = flowFunction();
    const posted = withRedeliveries(schedule, 7).flatMap((sample) => {
      const topic = topicOf('node-red/acme/p100', sample);
      return post(topic, JSON.parse(payloadOf(sample))) ?? [];
    });
    const result = score(oracle(schedule, WINDOW_MS), asPostings(posted));
    expect(result).toMatchObject({
      correct: 25,
      missing: 0,
      duplicates: 0,
      wrong: 0,
      unexpected: 0,
    });
  });

  it('ConfirmationJob posts exactly the oracle however the messages fall into frames', () => {
    const schedule = buildSchedule(options());
    const expected = oracle(schedule, WINDOW_MS);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 2, max: 9 }),
        (frame, every) => {
          const job = new ConfirmationJob({ windowMs: WINDOW_MS, native: true });
          const posted: Confirmation[] = [];
          withRedeliveries(schedule, every).forEach((sample, i) => {
            const topic = topicOf('millwright/acme/p100', sample);
            expect(job.add(topic, Buffer.from(payloadOf(sample)))).toBe(true);
            if (i % frame === 0) posted.push(...job.seal());
          });
          posted.push(...job.seal());
          const result = score(expected, asPostings(posted));
          expect(result).toMatchObject({ correct: 25, missing: 0, duplicates: 0, wrong: 0 });
          expect(result.unexpected).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('rejects a message that is not a counter sample, and keeps going', () => {
    const job = new ConfirmationJob({ windowMs: WINDOW_MS, native: false });
    expect(job.add('m/acme/p100/b1/WC-001/counters', Buffer.from('not json'))).toBe(false);
    expect(job.add('m/acme/p100/b1/WC-001/counters', Buffer.from('{"good":1}'))).toBe(false);
    expect(job.counters).toMatchObject({ messages: 2, rejected: 2, samples: 0 });
    expect(job.seal()).toEqual([]);
  });

  it('scores missing, duplicate, wrong and unexpected postings, and the latency of the first', () => {
    const expected = oracle(buildSchedule(options({ samples: 100 })), WINDOW_MS);
    const [a, b, c] = [...expected.values()];
    if (a === undefined || b === undefined || c === undefined) throw new Error('too few windows');
    const at = (p: typeof a, receivedAtMs: number, good = p.good): Posting => ({
      ...p,
      good,
      receivedAtMs,
    });
    const result = score(expected, [
      at(a, a.closedBy + 4),
      at(a, a.closedBy + 9),
      at(b, b.closedBy + 2, b.good + 1),
      { workCenter: 'nowhere', windowStart: 0, good: 1, scrap: 0, receivedAtMs: 0 },
    ]);
    expect(result).toMatchObject({
      expected: expected.size,
      posted: 4,
      correct: 1,
      wrong: 1,
      duplicates: 1,
      unexpected: 1,
      missing: expected.size - 2,
    });
    expect(result.latenciesMs).toEqual([4, 2]);
    expect(expected.has(postingKey(c.workCenter, c.windowStart))).toBe(true);
  });
});
