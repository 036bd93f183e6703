// The QMS simulator: a real HTTP server speaking the QMS API of ../qms-api.ts over SQLite
// books. It creates one inspection lot per Idempotency-Key, takes usage decisions (from a test,
// an operator with curl, or its auto-decide rule) and serves them as a feed. It counts every
// request so tests assert exact numbers, and can be told to answer 503 for a while.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BadBody, readJson, sendJson, SimulatorServer } from '../../erp/simulator/index.ts';
import {
  IDEMPOTENCY_KEY,
  IDEMPOTENT_REPLAYED,
  INSPECTION_LOTS,
  USAGE_DECISIONS,
  type InspectionLot,
  type UsageDecision,
  type UsageDecisionCreate,
} from '../qms-api.ts';
import { QmsBooks } from './qms-books.ts';

/** Decide every open lot this long after its creation, the way a demo inspector would. */
export interface AutoDecide {
  readonly decision: 'accept' | 'reject';
  readonly afterMs: number;
  readonly disposition?: 'blocked' | 'scrap';
}

export interface QmsSimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** SQLite file of the books; in memory by default. */
  readonly dbPath?: string;
  /** When given, lots of other materials are refused (422 QM-MAT-UNKNOWN). */
  readonly materials?: readonly string[];
  /** Off (undefined) by default: decisions are made through the API. */
  readonly autoDecide?: AutoDecide;
}

export interface QmsSimCounts {
  readonly inspectionLots: number;
  readonly decisions: number;
  /** POST inspection-lots received, whatever became of them. */
  readonly createRequests: number;
  /** Creates answered with the lot of an Idempotency-Key seen before. */
  readonly repeatedRequests: number;
  readonly rejected: number;
  readonly decisionPolls: number;
  /** Requests answered 503 by the fault window. */
  readonly faulted: number;
}

const LotCreate = z.strictObject({
  plant: z.string().min(1).max(64),
  material: z.string().min(1).max(64),
  batch: z.string().min(1).max(64),
  quantity: z.number().nonnegative(),
  unit: z.string().min(1).max(16),
  order: z.string().min(1).max(64).optional(),
  workCenter: z.string().min(1).max(64),
  instruction: z.string().min(1).max(64),
  reason: z.string().max(500),
});

const DecisionCreate = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  disposition: z.enum(['blocked', 'scrap']).optional(),
  reason: z.string().max(500).optional(),
  decidedBy: z.string().min(1).max(64).optional(),
});

type Answer = readonly [number, unknown, Record<string, string>?];
const error = (status: number, code: string, message: string): Answer => [
  status,
  { error: { code, message } },
];

export class QmsSimulator {
  readonly books: QmsBooks;
  autoDecide: AutoDecide | undefined;
  readonly #http: SimulatorServer;
  readonly #materials: ReadonlySet<string> | undefined;
  readonly #counts = {
    createRequests: 0,
    repeatedRequests: 0,
    rejected: 0,
    decisionPolls: 0,
    faulted: 0,
  };
  #unavailableUntil = 0;

  private constructor(options: QmsSimulatorOptions) {
    this.books = new QmsBooks(options.dbPath);
    this.autoDecide = options.autoDecide;
    this.#materials = options.materials === undefined ? undefined : new Set(options.materials);
    this.#http = new SimulatorServer((req, res) => {
      this.#handle(req).then(
        ([status, body, headers]) => {
          sendJson(res, status, body, headers);
        },
        (failure: unknown) => {
          const [status, body] =
            failure instanceof BadBody || failure instanceof z.ZodError
              ? error(400, 'QM-BAD-REQUEST', failure.message)
              : error(500, 'QM-INTERNAL', String(failure));
          sendJson(res, status, body);
        },
      );
    });
  }

  static async start(options: QmsSimulatorOptions = {}): Promise<QmsSimulator> {
    const sim = new QmsSimulator(options);
    await sim.#http.listen(options.port, options.host);
    return sim;
  }

  get port(): number {
    return this.#http.port;
  }

  get url(): string {
    return this.#http.url;
  }

  counts(): QmsSimCounts {
    return {
      inspectionLots: this.books.count('inspection_lots'),
      decisions: this.books.count('usage_decisions'),
      ...this.#counts,
    };
  }

  lot(inspectionLot: string): InspectionLot | undefined {
    return this.books.lot(inspectionLot);
  }

  /** The lot created for an Idempotency-Key (the quality hold's event id). */
  lotFor(idempotencyKey: string): InspectionLot | undefined {
    return this.books.byKey(idempotencyKey);
  }

  /** The usage decision, as an inspector would enter it; undefined if decided already. */
  decide(inspectionLot: string, input: UsageDecisionCreate): UsageDecision | undefined {
    return this.books.decide(inspectionLot, input, new Date());
  }

  /** Every QMS request answers 503 for `forMs` from now. */
  unavailableFor(forMs: number): void {
    this.#unavailableUntil = Date.now() + forMs;
  }

  async close(): Promise<void> {
    await this.#http.close();
    this.books.close();
  }

  async #handle(req: IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (url.pathname.startsWith('/sim/')) return this.#admin(route, req);
    if (Date.now() < this.#unavailableUntil) {
      this.#counts.faulted += 1;
      return error(503, 'QM-UNAVAILABLE', 'QMS is unavailable (simulated)');
    }
    if (route === `POST ${INSPECTION_LOTS}`) {
      const key = req.headers[IDEMPOTENCY_KEY];
      return this.#create(await readJson(req), typeof key === 'string' ? key : undefined);
    }
    if (route === `GET ${USAGE_DECISIONS}`) {
      this.#counts.decisionPolls += 1;
      this.#applyAutoDecide();
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 1_000);
      const results = this.books.decisionsAfter(Number.isFinite(after) ? after : 0, limit);
      return [200, { results, last: results.at(-1)?.seq ?? after }];
    }
    const match = new RegExp(`^${INSPECTION_LOTS}/(\\d+)(/usage-decision)?$`).exec(url.pathname);
    const lot = match?.[1] === undefined ? undefined : this.books.lot(match[1]);
    if (match === null || lot === undefined) return error(404, 'QM-NOT-FOUND', `no ${route}`);
    if (match[2] === undefined && req.method === 'GET') return [200, lot];
    if (match[2] !== undefined && req.method === 'POST') {
      const decision = this.decide(lot.inspectionLot, DecisionCreate.parse(await readJson(req)));
      if (decision === undefined)
        return error(409, 'QM-DECIDED', `inspection lot ${lot.inspectionLot} is decided already`);
      return [200, decision];
    }
    return error(405, 'QM-METHOD', `${route} is not allowed`);
  }

  #create(body: unknown, key: string | undefined): Answer {
    this.#counts.createRequests += 1;
    const seen = key === undefined ? undefined : this.books.byKey(key);
    if (seen !== undefined) {
      this.#counts.repeatedRequests += 1;
      return [200, seen, { [IDEMPOTENT_REPLAYED]: 'true' }];
    }
    const parsed = LotCreate.safeParse(body);
    if (!parsed.success) {
      this.#counts.rejected += 1;
      return error(400, 'QM-BAD-REQUEST', parsed.error.message);
    }
    if (this.#materials !== undefined && !this.#materials.has(parsed.data.material)) {
      this.#counts.rejected += 1;
      return error(422, 'QM-MAT-UNKNOWN', `material ${parsed.data.material} is not QM-managed`);
    }
    const input = Object.fromEntries(
      Object.entries(parsed.data).filter(([, v]) => v !== undefined),
    ) as unknown as Parameters<QmsBooks['createLot']>[0];
    return [201, this.books.createLot(input, key, new Date())];
  }

  #applyAutoDecide(): void {
    const rule = this.autoDecide;
    if (rule === undefined) return;
    for (const lot of this.books.openLots(Date.now() - rule.afterMs)) {
      this.decide(lot, {
        decision: rule.decision,
        ...(rule.disposition === undefined ? {} : { disposition: rule.disposition }),
        decidedBy: 'QMS-AUTO',
        reason: 'decided by the simulator',
      });
    }
  }

  async #admin(route: string, req: IncomingMessage): Promise<Answer> {
    switch (route) {
      case 'GET /sim/counts':
        return [200, this.counts()];
      case 'POST /sim/auto-decide': {
        const rule = z
          .strictObject({
            decision: z.enum(['accept', 'reject']),
            afterMs: z.int().nonnegative(),
            disposition: z.enum(['blocked', 'scrap']).optional(),
          })
          .parse(await readJson(req));
        this.autoDecide = {
          decision: rule.decision,
          afterMs: rule.afterMs,
          ...(rule.disposition === undefined ? {} : { disposition: rule.disposition }),
        };
        return [204, null];
      }
      case 'DELETE /sim/auto-decide':
        this.autoDecide = undefined;
        return [204, null];
      case 'POST /sim/faults': {
        const { forMs } = z.strictObject({ forMs: z.int().positive() }).parse(await readJson(req));
        this.unavailableFor(forMs);
        return [204, null];
      }
      case 'DELETE /sim/faults':
        this.#unavailableUntil = 0;
        return [204, null];
      default:
        return error(404, 'QM-NOT-FOUND', `no simulator endpoint ${route}`);
    }
  }
}
