import { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import {
  CONFIRMATION_SERVICE,
  MATERIAL_DOCUMENT_SERVICE,
  odataDate,
} from '../../../connectors/erp/sap/index.ts';

const MD = `${MATERIAL_DOCUMENT_SERVICE}/A_MaterialDocumentHeader`;
const CONF = `${CONFIRMATION_SERVICE}/ProdnOrdConf2`;

function goodsIssue(reference: string, material = 'RM-STEEL', postingDate = '2025-03-14') {
  return {
    GoodsMovementCode: '03',
    PostingDate: odataDate(postingDate),
    MaterialDocumentHeaderText: reference,
    to_MaterialDocumentItem: [
      {
        Material: material,
        Plant: 'P100',
        StorageLocation: '0001',
        GoodsMovementType: '261',
        QuantityInEntryUnit: '2.5',
        EntryUnit: 'KG',
        ManufacturingOrder: '1000001',
      },
    ],
  };
}

interface Answer {
  status: number;
  body: { d?: Record<string, unknown>; error?: { code: string; message: { value: string } } };
  headers: Headers;
}

async function call(
  sim: ErpSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 5_000,
): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Answer['body']),
    headers: response.headers,
  };
}

describe('ERP simulator', () => {
  let sim: ErpSimulator;
  beforeEach(async () => {
    sim = await ErpSimulator.start({ materials: ['RM-STEEL', 'FG-BRACKET'] });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('books a new material document for every POST, like an ERP without idempotency', async () => {
    const first = await call(sim, 'POST', MD, goodsIssue('REF-1'));
    const second = await call(sim, 'POST', MD, goodsIssue('REF-1'));
    expect(first.status).toBe(201);
    expect(first.body.d?.['MaterialDocument']).toBe('4900000001');
    expect(first.body.d?.['MaterialDocumentYear']).toBe('2025');
    expect(second.body.d?.['MaterialDocument']).toBe('4900000002');
    expect(sim.counts()).toMatchObject({ materialDocuments: 2, postsReceived: 2 });
    expect(sim.documentsByReference().get('REF-1')).toBe(2);
  });

  it('answers a repeated Repeatability-Request-ID with the first document', async () => {
    const id = { 'Repeatability-Request-ID': '7e1f0c1e-0000-5000-8000-000000000001' };
    const first = await call(sim, 'POST', MD, goodsIssue('REF-1'), id);
    const again = await call(sim, 'POST', MD, goodsIssue('REF-1'), id);
    expect(again.status).toBe(201);
    expect(again.body.d?.['MaterialDocument']).toBe(first.body.d?.['MaterialDocument']);
    expect(again.headers.get('repeatability-result')).toBe('accepted');
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, repeatedRequests: 1 });
    sim.repeatability = false;
    await call(sim, 'POST', MD, goodsIssue('REF-1'), id);
    expect(sim.counts().materialDocuments).toBe(2);
  });

  it('finds documents again by reference', async () => {
    await call(sim, 'POST', MD, goodsIssue('REF-A'));
    await call(sim, 'POST', MD, goodsIssue('REF-B'));
    const filter = encodeURIComponent("MaterialDocumentHeaderText eq 'REF-B'");
    const found = await call(sim, 'GET', `${MD}?$filter=${filter}`);
    const results = (found.body.d as { results: { MaterialDocument: string }[] }).results;
    expect(results.map((r) => r.MaterialDocument)).toEqual(['4900000002']);
    const none = await call(
      sim,
      'GET',
      `${MD}?$filter=${encodeURIComponent("MaterialDocumentHeaderText eq 'X'")}`,
    );
    expect((none.body.d as { results: unknown[] }).results).toEqual([]);
  });

  it('numbers confirmations per order operation and reads them back', async () => {
    const confirmation = (ref: string, operation: string) => ({
      OrderID: '1000001',
      OrderOperation: operation,
      ConfirmationUnit: 'EA',
      ConfirmationYieldQuantity: '100',
      ConfirmationScrapQuantity: '2',
      ConfirmationReworkQuantity: '0',
      IsFinalConfirmation: true,
      PostingDate: odataDate('2025-03-14'),
      ConfirmationText: ref,
    });
    const a = await call(sim, 'POST', CONF, confirmation('C-1', '0010'));
    const b = await call(sim, 'POST', CONF, confirmation('C-2', '0010'));
    const c = await call(sim, 'POST', CONF, confirmation('C-3', '0020'));
    expect(
      [a, b, c].map((r) => [r.body.d?.['ConfirmationGroup'], r.body.d?.['ConfirmationCount']]),
    ).toEqual([
      ['0000000001', '00000001'],
      ['0000000001', '00000002'],
      ['0000000002', '00000001'],
    ]);
    const found = await call(
      sim,
      'GET',
      `${CONF}?$filter=${encodeURIComponent("ConfirmationText eq 'C-2'")}`,
    );
    expect((found.body.d as { results: unknown[] }).results).toHaveLength(1);
    expect(sim.counts().confirmations).toBe(3);
  });

  it('refuses an unknown material with an SAP error payload and books nothing', async () => {
    const answer = await call(sim, 'POST', MD, goodsIssue('REF-1', 'RM-NOPE'));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('M3/305');
    expect(answer.body.error?.message.value).toContain('RM-NOPE');
    expect(sim.counts()).toMatchObject({ materialDocuments: 0, rejected: 1 });
    sim.addMaterial('RM-NOPE');
    expect((await call(sim, 'POST', MD, goodsIssue('REF-1', 'RM-NOPE'))).status).toBe(201);
  });

  it('refuses a posting into a closed period and one on a locked material', async () => {
    sim.setPeriodClosed('2025-02', true);
    const closed = await call(sim, 'POST', MD, goodsIssue('REF-1', 'RM-STEEL', '2025-02-28'));
    expect(closed.body.error?.code).toBe('M7/053');
    sim.addMaterial('RM-STEEL', 'JSMITH');
    const locked = await call(sim, 'POST', MD, goodsIssue('REF-2'));
    expect(locked.body.error?.code).toBe('M3/897');
    expect(locked.body.error?.message.value).toContain('JSMITH');
    expect(sim.counts().materialDocuments).toBe(0);
  });

  it('keeps a lot restricted until a 321 moves it to unrestricted stock', async () => {
    const receipt = {
      GoodsMovementCode: '02',
      PostingDate: odataDate('2025-03-14'),
      MaterialDocumentHeaderText: 'GR-1',
      to_MaterialDocumentItem: [
        {
          Material: 'FG-BRACKET',
          Plant: 'P100',
          StorageLocation: '0001',
          GoodsMovementType: '101',
          QuantityInEntryUnit: '100',
          EntryUnit: 'EA',
          Batch: 'LOT-1',
          InventoryStockType: '02',
        },
      ],
    };
    await call(sim, 'POST', MD, receipt);
    expect(sim.stock('FG-BRACKET')).toEqual({
      unrestricted: 0,
      qualityInspection: 100,
      blocked: 0,
    });
    const release = {
      ...receipt,
      GoodsMovementCode: '04',
      MaterialDocumentHeaderText: 'QR-1',
      to_MaterialDocumentItem: [
        { ...receipt.to_MaterialDocumentItem[0], GoodsMovementType: '321' },
      ],
    };
    await call(sim, 'POST', MD, release);
    expect(sim.stock('FG-BRACKET', 'P100', 'LOT-1')).toEqual({
      unrestricted: 100,
      qualityInspection: 0,
      blocked: 0,
    });
  });

  it('fails with 500s for a scripted window, then works again', async () => {
    sim.fault({ kind: 'error500', forMs: 300 });
    const failed = await call(sim, 'POST', MD, goodsIssue('REF-1'));
    expect(failed.status).toBe(500);
    expect(failed.body.error?.code).toBeDefined();
    await new Promise((r) => setTimeout(r, 350));
    expect((await call(sim, 'POST', MD, goodsIssue('REF-1'))).status).toBe(201);
    expect(sim.counts()).toMatchObject({ materialDocuments: 1, faulted: 1 });
  });

  it('hangs without booking, or books and then hangs (commit-then-hang)', async () => {
    sim.fault({ kind: 'hang', forMs: 2_000 });
    await expect(call(sim, 'POST', MD, goodsIssue('REF-1'), {}, 300)).rejects.toThrow();
    expect(sim.counts().materialDocuments).toBe(0);
    sim.clearFaults();
    sim.fault({ kind: 'commitThenHang', forMs: 2_000 });
    await expect(call(sim, 'POST', MD, goodsIssue('REF-2'), {}, 300)).rejects.toThrow();
    expect(sim.counts().materialDocuments).toBe(1);
    // Reads are not hit by commit-then-hang: the document can be read back.
    const filter = encodeURIComponent("MaterialDocumentHeaderText eq 'REF-2'");
    expect((await call(sim, 'GET', `${MD}?$filter=${filter}`)).status).toBe(200);
  });

  it('is controlled over HTTP under /sim/', async () => {
    const post = (path: string, body: unknown) => call(sim, 'POST', path, body);
    expect((await post('/sim/materials', { material: 'RM-NEW' })).status).toBe(204);
    expect((await call(sim, 'POST', MD, goodsIssue('REF-1', 'RM-NEW'))).status).toBe(201);
    expect((await post('/sim/faults', { kind: 'error500', forMs: 5_000 })).status).toBe(204);
    expect((await call(sim, 'POST', MD, goodsIssue('REF-2', 'RM-NEW'))).status).toBe(500);
    expect((await call(sim, 'DELETE', '/sim/faults')).status).toBe(204);
    const counts = await call(sim, 'GET', '/sim/counts');
    expect(counts.body).toMatchObject({ materialDocuments: 1, postsReceived: 2 });
    expect((await call(sim, 'GET', '/sim/nothing')).status).toBe(404);
  });
});
