// The small HTTP receiver both sides post their confirmations to (POST /confirmations/<side>),
// and the scoring of what arrived against the oracle: matched, missing, duplicate, wrong, and
// the latency of each first posting from the scheduled publish time of the sample that closed
// its window. It answers 201 at once: the receiver must never be what limits a side.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { postingKey, type ExpectedPosting } from './schedule.ts';

export interface Posting {
  readonly workCenter: string;
  readonly windowStart: number;
  readonly good: number;
  readonly scrap: number;
  /** Epoch ms (performance.timeOrigin based, the clock the publisher stamps with). */
  readonly receivedAtMs: number;
}

export interface Receiver {
  readonly url: string;
  /** Postings of one side since the last take(), removed from the receiver. */
  take(side: string): Posting[];
  /** Postings of `side` whose work center starts with `prefix` (the batch's area). */
  count(side: string, prefix: string): number;
  close(): Promise<void>;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

export async function startReceiver(): Promise<Receiver> {
  const bySide = new Map<string, Posting[]>();
  const server: Server = createServer((request, response) => {
    const receivedAtMs = epochNow();
    const side = /^\/confirmations\/([\w-]+)$/.exec(request.url ?? '')?.[1];
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: Partial<Posting> | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Posting>;
      } catch {
        body = undefined;
      }
      if (request.method !== 'POST' || side === undefined || body === undefined) {
        response.writeHead(400).end();
        return;
      }
      const list = bySide.get(side) ?? [];
      list.push({
        workCenter: String(body.workCenter),
        windowStart: Number(body.windowStart),
        good: Number(body.good),
        scrap: Number(body.scrap),
        receivedAtMs,
      });
      bySide.set(side, list);
      response.writeHead(201, { 'content-length': '0' }).end();
    });
  });
  // Idle keep-alive connections stay open between batches: a server closing one just as a
  // side reuses it would lose that side a posting to a race of the receiver's making.
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take(side) {
      const list = bySide.get(side) ?? [];
      bySide.set(side, []);
      return list;
    },
    count(side, prefix) {
      let n = 0;
      for (const posting of bySide.get(side) ?? []) if (posting.workCenter.startsWith(prefix)) n++;
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

export interface Score {
  readonly expected: number;
  readonly posted: number;
  /** Expected windows whose first posting had the oracle's quantities. */
  readonly correct: number;
  /** Expected windows never posted. */
  readonly missing: number;
  /** Postings beyond the first for a window. */
  readonly duplicates: number;
  /** First postings whose good or scrap differs from the oracle. */
  readonly wrong: number;
  /** Postings for windows the oracle does not have. */
  readonly unexpected: number;
  /** Sum over expected windows of |posted good - oracle good| (missing ones count whole). */
  readonly goodDifference: number;
  /** First postings' latency from the closing sample's scheduled publish time, ms. */
  readonly latenciesMs: readonly number[];
}

export function score(
  expected: ReadonlyMap<string, ExpectedPosting>,
  postings: readonly Posting[],
): Score {
  const first = new Map<string, Posting>();
  let duplicates = 0;
  let unexpected = 0;
  for (const posting of postings) {
    const key = postingKey(posting.workCenter, posting.windowStart);
    if (!expected.has(key)) unexpected++;
    else if (first.has(key)) duplicates++;
    else first.set(key, posting);
  }
  let correct = 0;
  let wrong = 0;
  let goodDifference = 0;
  const latenciesMs: number[] = [];
  for (const [key, want] of expected) {
    const got = first.get(key);
    if (got === undefined) {
      goodDifference += want.good;
      continue;
    }
    latenciesMs.push(got.receivedAtMs - want.closedBy);
    goodDifference += Math.abs(got.good - want.good);
    if (got.good === want.good && got.scrap === want.scrap) correct++;
    else wrong++;
  }
  return {
    expected: expected.size,
    posted: postings.length,
    correct,
    missing: expected.size - first.size,
    duplicates,
    wrong,
    unexpected,
    goodDifference,
    latenciesMs,
  };
}
