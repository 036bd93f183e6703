import fc from 'fast-check';
import { isMillwrightError } from '../../../contracts/index.ts';
import { postingReference, sapProfile } from '../../../connectors/erp/index.ts';
import type {
  MaterialDocumentHeaderCreate,
  ProdnOrdConf2Create,
} from '../../../connectors/erp/sap/index.ts';
import { thrownBy } from '../../support/thrown.ts';
import {
  goodsReceived,
  materialConsumed,
  operationConfirmed,
  qualityRejected,
  qualityReleased,
  scrapDeclared,
} from '../../support/business/events.ts';

const profile = sapProfile();

function item(body: unknown) {
  const header = body as MaterialDocumentHeaderCreate;
  const items =
    header.to_MaterialDocumentItem as MaterialDocumentHeaderCreate['to_MaterialDocumentItem'] &
      unknown[];
  return { header, line: items[0] as Record<string, unknown> };
}

describe('SAP S/4HANA profile', () => {
  it('maps an operation confirmation to ProdnOrdConf2 with yield, scrap, rework and the final flag', () => {
    const event = operationConfirmed({
      workCenter: 'WC-01',
      sequence: 4,
      yieldQty: 98,
      scrapQty: 2,
    });
    const request = profile.toRequest(event);
    expect(request.path).toBe('/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV/ProdnOrdConf2');
    expect(request.body as ProdnOrdConf2Create).toEqual({
      OrderID: '1000001',
      OrderOperation: '0010',
      ConfirmationUnit: 'EA',
      ConfirmationYieldQuantity: '98',
      ConfirmationScrapQuantity: '2',
      ConfirmationReworkQuantity: '1',
      IsFinalConfirmation: true,
      PostingDate: `/Date(${Date.parse('2025-03-14T00:00:00Z')})/`,
      ConfirmationText: postingReference(event.eventId),
      Plant: 'P100',
    });
  });

  it('maps goods movements to material documents with the SAP movement types', () => {
    const cases = [
      [materialConsumed({ workCenter: 'W', sequence: 1, lot: 'L-7' }), '03', '261'],
      [goodsReceived({ workCenter: 'W', sequence: 2 }), '02', '101'],
      [qualityReleased({ workCenter: 'W', sequence: 4, lot: 'L-1' }), '04', '321'],
      [
        qualityRejected({ workCenter: 'W', sequence: 5, lot: 'L-1', disposition: 'blocked' }),
        '04',
        '350',
      ],
      [
        qualityRejected({ workCenter: 'W', sequence: 6, lot: 'L-1', disposition: 'scrap' }),
        '03',
        '553',
      ],
    ] as const;
    for (const [event, code, movementType] of cases) {
      const request = profile.toRequest(event);
      const { header, line } = item(request.body);
      expect([header.GoodsMovementCode, line['GoodsMovementType']]).toEqual([code, movementType]);
      expect(header.MaterialDocumentHeaderText).toBe(postingReference(event.eventId));
      expect(request.reference).toBe(header.MaterialDocumentHeaderText);
    }
    const issue = item(
      profile.toRequest(materialConsumed({ workCenter: 'W', sequence: 1, lot: 'L-7' })).body,
    );
    expect(issue.line).toMatchObject({
      Material: 'RM-STEEL',
      Batch: 'L-7',
      ManufacturingOrder: '1000001',
      QuantityInEntryUnit: '2.5',
      EntryUnit: 'KG',
      Plant: 'P100',
    });
  });

  it('receives a restricted lot into quality-inspection stock', () => {
    const { line } = item(
      profile.toRequest(goodsReceived({ workCenter: 'W', sequence: 1, restricted: true })).body,
    );
    expect(line['InventoryStockType']).toBe('02');
    const free = item(profile.toRequest(goodsReceived({ workCenter: 'W', sequence: 2 })).body);
    expect(free.line['InventoryStockType']).toBe('01');
  });

  it('dates the posting by the plant time zone of occurredAt', () => {
    const late = materialConsumed({
      workCenter: 'W',
      sequence: 1,
      occurredAt: '2025-03-31T23:30:00.000Z',
    });
    const utc = item(profile.toRequest(late).body).header.PostingDate;
    const berlin = item(sapProfile({ timeZone: 'Europe/Berlin' }).toRequest(late).body).header
      .PostingDate;
    expect(utc).toBe(`/Date(${Date.parse('2025-03-31T00:00:00Z')})/`);
    expect(berlin).toBe(`/Date(${Date.parse('2025-04-01T00:00:00Z')})/`);
  });

  it('posts no scrap declaration: scrap reaches SAP through the confirmation (decision 0701)', () => {
    expect(profile.eventTypes).not.toContain('scrap.declared.v1');
    expect(
      thrownBy(() => profile.toRequest(scrapDeclared({ workCenter: 'W', sequence: 3 }))),
    ).toMatchObject({
      type: 'MW_ERP_UNSUPPORTED_EVENT',
    });
  });

  it('refuses event types it does not post and events that break their contract', () => {
    const hold = { ...goodsReceived({ workCenter: 'W', sequence: 1 }), type: 'quality.hold.v1' };
    expect(thrownBy(() => profile.toRequest(hold))).toMatchObject({
      type: 'MW_ERP_UNSUPPORTED_EVENT',
    });
    const broken = materialConsumed({ workCenter: 'W', sequence: 1 });
    const bad = { ...broken, payload: { ...broken.payload, quantity: { value: -1, unit: 'kg' } } };
    try {
      profile.toRequest(bad);
      throw new Error('expected a contract error');
    } catch (error) {
      expect(isMillwrightError(error, 'MW_CONTRACT_INVALID')).toBe(true);
    }
  });

  it('classifies SAP answers: documents, business errors, server errors', () => {
    const request = profile.toRequest(materialConsumed({ workCenter: 'W', sequence: 1 }));
    expect(
      profile.interpret(request, 201, {
        d: { MaterialDocument: '4900000007', MaterialDocumentYear: '2025' },
      }),
    ).toEqual({ kind: 'posted', documents: ['4900000007/2025'] });
    const sapError = (code: string) => ({ error: { code, message: { lang: 'en', value: 'x' } } });
    const classes = [
      [400, 'M3/305', 'rejected', 'MW_ERP_MASTER_DATA_MISSING', false],
      [400, 'M7/053', 'rejected', 'MW_ERP_PERIOD_CLOSED', false],
      [400, 'M3/897', 'rejected', 'MW_ERP_LOCKED', true],
      [400, 'ZZ/999', 'rejected', 'MW_ERP_REJECTED', false],
      [401, '', 'rejected', 'MW_ERP_UNAUTHORIZED', true],
      [500, '/IWBEP/CM_MGW_RT/004', 'unknown', 'MW_ERP_UNAVAILABLE', true],
      [503, '', 'unknown', 'MW_ERP_UNAVAILABLE', true],
    ] as const;
    for (const [status, code, kind, type, retryable] of classes) {
      const outcome = profile.interpret(request, status, sapError(code));
      expect(outcome.kind).toBe(kind);
      if (outcome.kind === 'posted') throw new Error('not posted');
      expect([outcome.error.type, outcome.error.retryable]).toEqual([type, retryable]);
      expect(outcome.error.data).toMatchObject({ erp: { status, code } });
    }
    expect(profile.interpret(request, 201, {}).kind).toBe('unknown');
  });

  it('reads back by the reference in the header text', () => {
    const request = profile.toRequest(materialConsumed({ workCenter: 'W', sequence: 1 }));
    const query = profile.readBack(request);
    expect(decodeURIComponent(query.path)).toContain(
      `$filter=MaterialDocumentHeaderText eq '${request.reference}'`,
    );
    expect(profile.readBackDocuments(200, { d: { results: [] } })).toEqual([]);
    expect(
      profile.readBackDocuments(200, {
        d: { results: [{ MaterialDocument: '4900000001', MaterialDocumentYear: '2025' }] },
      }),
    ).toEqual(['4900000001/2025']);
  });

  it('derives a distinct reference per event id that fits 25 characters', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const ra = postingReference(a);
        expect(ra).toHaveLength(24);
        expect(ra).toMatch(/^MW[A-Za-z0-9_-]{22}$/);
        expect(ra === postingReference(b)).toBe(a.toLowerCase() === b.toLowerCase());
      }),
    );
  });
});
