// The ERP simulator: a real HTTP server speaking the SAP S/4HANA OData v2 endpoints that the SAP
// profile posts to, over a SQLite ledger. Like a real ERP without idempotency it books a new
// document for every POST, unless it honours Repeatability-Request-ID and has seen the id.
// Scripted faults make it fail for a window; counts let tests assert exact numbers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CONFIRMATION_SERVICE,
  CONFIRMATION_SET,
  MATERIAL_DOCUMENT_SERVICE,
  MATERIAL_DOCUMENT_SET,
  REPEATABILITY_REQUEST_ID,
  REPEATABILITY_RESULT,
  SapMessage,
} from '../sap/sap-api.ts';
import { FaultScript, type FaultSpec } from './fault-script.ts';
import { BadBody, readJson, sendJson, sleep } from './http-io.ts';
import { odataError, type SimResponse } from './odata-errors.ts';
import { handleAdmin } from './sim-admin.ts';
import { SimLedger } from './sim-ledger.ts';
import { SimulatorServer } from './simulator-server.ts';
import { postConfirmation, postMaterialDocument } from './sim-postings.ts';

export interface ErpSimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** SQLite file of the books; in memory by default. */
  readonly dbPath?: string;
  readonly materials?: readonly string[];
  /** Closed posting periods, "YYYY-MM". */
  readonly closedPeriods?: readonly string[];
  /** Honour Repeatability-Request-ID (default true); off models an API without it. */
  readonly repeatability?: boolean;
}

export interface ErpSimCounts {
  readonly confirmations: number;
  readonly materialDocuments: number;
  /** POST requests received, whatever became of them. */
  readonly postsReceived: number;
  /** POSTs answered from the repeatability memory (no new document). */
  readonly repeatedRequests: number;
  /** POSTs refused with a business or validation error. */
  readonly rejected: number;
  readonly readBacks: number;
  /** Requests failed, hung or slowed by the fault script. */
  readonly faulted: number;
}

type Route = 'confirmation' | 'materialDocument';

const ROUTES: Readonly<Record<string, Route>> = {
  [`${CONFIRMATION_SERVICE}/${CONFIRMATION_SET}`]: 'confirmation',
  [`${MATERIAL_DOCUMENT_SERVICE}/${MATERIAL_DOCUMENT_SET}`]: 'materialDocument',
};

const REFERENCE_FIELD: Readonly<Record<Route, string>> = {
  confirmation: 'ConfirmationText',
  materialDocument: 'MaterialDocumentHeaderText',
};

export class ErpSimulator {
  readonly ledger: SimLedger;
  repeatability: boolean;
  readonly #http: SimulatorServer;
  readonly #faults = new FaultScript();
  readonly #counts = {
    postsReceived: 0,
    repeatedRequests: 0,
    rejected: 0,
    readBacks: 0,
    faulted: 0,
  };

  private constructor(options: ErpSimulatorOptions) {
    this.ledger = new SimLedger(options.dbPath);
    this.repeatability = options.repeatability ?? true;
    for (const material of options.materials ?? []) this.ledger.addMaterial(material);
    for (const period of options.closedPeriods ?? []) this.ledger.setPeriodClosed(period, true);
    this.#http = new SimulatorServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        sendJson(res, 500, odataError(500, SapMessage.internal, String(error)).body);
      });
    });
  }

  static async start(options: ErpSimulatorOptions = {}): Promise<ErpSimulator> {
    const sim = new ErpSimulator(options);
    await sim.#http.listen(options.port, options.host);
    return sim;
  }

  get port(): number {
    return this.#http.port;
  }

  get url(): string {
    return this.#http.url;
  }

  counts(): ErpSimCounts {
    return {
      confirmations: this.ledger.count('confirmations'),
      materialDocuments: this.ledger.count('material_documents'),
      ...this.#counts,
    };
  }

  /** Documents per posting reference (ConfirmationText / MaterialDocumentHeaderText). */
  documentsByReference(): Map<string, number> {
    return this.ledger.referenceCounts();
  }

  stock(material: string, plant?: string, batch?: string): Record<string, number> {
    return this.ledger.stock(material, plant, batch);
  }

  fault(spec: FaultSpec): void {
    this.#faults.add(spec);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  addMaterial(material: string, lockedBy?: string): void {
    if (material === '') throw new RangeError('material must not be empty');
    this.ledger.addMaterial(material, lockedBy);
  }

  removeMaterial(material: string): void {
    this.ledger.removeMaterial(material);
  }

  setPeriodClosed(period: string, closed: boolean): void {
    if (!/^\d{4}-\d{2}$/.test(period)) throw new RangeError('period must be "YYYY-MM"');
    this.ledger.setPeriodClosed(period, closed);
  }

  async close(): Promise<void> {
    this.#faults.clear();
    await this.#http.close();
    this.ledger.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    try {
      if (url.pathname.startsWith('/sim/')) {
        await handleAdmin(this, req, res, url);
        return;
      }
      const route = ROUTES[url.pathname];
      if (route === undefined || (req.method !== 'POST' && req.method !== 'GET')) {
        const message = `Resource not found for segment '${url.pathname}'`;
        sendJson(res, 404, odataError(404, SapMessage.badRequest, message).body);
        return;
      }
      const isWrite = req.method === 'POST';
      const body = isWrite ? await readJson(req) : undefined;
      if (isWrite) this.#counts.postsReceived += 1;
      await this.#answer(req, res, route, url, body);
    } catch (error) {
      if (!(error instanceof BadBody) && !(error instanceof RangeError)) throw error;
      sendJson(res, 400, odataError(400, SapMessage.badRequest, error.message).body);
    }
  }

  async #answer(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    url: URL,
    body: unknown,
  ): Promise<void> {
    const isWrite = body !== undefined;
    const fault = this.#faults.active(isWrite);
    if (fault !== undefined) this.#counts.faulted += 1;
    if (fault?.kind === 'error500') {
      const error = odataError(500, SapMessage.internal, 'Internal Server Error (simulated)');
      sendJson(res, error.status, error.body);
      return;
    }
    if (fault?.kind === 'hang') return; // never answered; the socket closes with the client
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 1_000);
    const requestId = req.headers[REPEATABILITY_REQUEST_ID];
    const [response, headers] = isWrite
      ? this.#post(route, body, typeof requestId === 'string' ? requestId : undefined)
      : [this.#read(route, url), {}];
    if (fault?.kind === 'commitThenHang') return;
    if (fault?.kind === 'slowAfterCommit') await sleep(fault.delayMs ?? 1_000);
    sendJson(res, response.status, response.body, headers);
  }

  #post(
    route: Route,
    body: unknown,
    requestId: string | undefined,
  ): [SimResponse, Record<string, string>] {
    const remember = this.repeatability && requestId !== undefined ? requestId : undefined;
    return this.ledger.db.transaction((): [SimResponse, Record<string, string>] => {
      const seen = remember === undefined ? undefined : this.ledger.rememberedResponse(remember);
      if (seen !== undefined) {
        this.#counts.repeatedRequests += 1;
        return [seen, { [REPEATABILITY_RESULT]: 'accepted' }];
      }
      const input = (typeof body === 'object' && body !== null ? body : {}) as never;
      const response =
        route === 'confirmation'
          ? postConfirmation(this.ledger, input)
          : postMaterialDocument(this.ledger, input);
      if (response.status >= 400) this.#counts.rejected += 1;
      // Only successes are remembered, so a posting refused for missing master data can be
      // sent again with the same id once the master data exists.
      else if (remember !== undefined) this.ledger.rememberResponse(remember, response);
      return [response, remember === undefined ? {} : { [REPEATABILITY_RESULT]: 'accepted' }];
    })();
  }

  #read(route: Route, url: URL): SimResponse {
    this.#counts.readBacks += 1;
    const filter = url.searchParams.get('$filter');
    if (filter === null) {
      const table = route === 'confirmation' ? 'confirmations' : 'material_documents';
      return { status: 200, body: { d: { results: this.ledger.all(table) } } };
    }
    const match = /^(\w+) eq '((?:[^']|'')*)'$/.exec(filter.trim());
    if (match?.[1] !== REFERENCE_FIELD[route] || match[2] === undefined) {
      const message = `Only $filter=${REFERENCE_FIELD[route]} eq '...' is supported here`;
      return odataError(400, SapMessage.badRequest, message);
    }
    const table = route === 'confirmation' ? 'confirmations' : 'material_documents';
    const results = this.ledger.findByReference(table, match[2].replaceAll("''", "'"));
    return { status: 200, body: { d: { results } } };
  }
}
