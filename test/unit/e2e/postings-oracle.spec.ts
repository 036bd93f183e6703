// The end-to-end oracle counts what it must: a posting found once is posted, found twice is a
// duplicate, missing is lost, and a document no expected posting accounts for (a wrong
// quantity) is unexpected; SAP bodies are read into the same shape as the oracle.
import {
  expectedPostings,
  heldPostings,
  postingsOracle,
} from '../../e2e/support/erp-postings-oracle.ts';

const order = {
  order: '4000001',
  workCenter: 'WC-PRESS-1',
  material: 'FG-BRACKET',
  component: 'RM-STEEL',
  target: 20,
  good: 21,
  scrap: 1,
  consumed: 11,
};
const confirmation = {
  OrderID: '4000001',
  ConfirmationYieldQuantity: '21',
  ConfirmationScrapQuantity: '1',
};
const document = (type: string, material: string, quantity: string) => ({
  to_MaterialDocumentItem: {
    results: [
      {
        GoodsMovementType: type,
        ManufacturingOrder: '4000001',
        Material: material,
        QuantityInEntryUnit: quantity,
      },
    ],
  },
});

describe('end-to-end postings oracle', () => {
  const silent = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  afterAll(() => {
    silent.mockRestore();
  });

  it('matches SAP bodies against the oracle: all posted once', () => {
    const held = heldPostings(
      [confirmation],
      [document('261', 'RM-STEEL', '11.000'), document('101', 'FG-BRACKET', '21')],
    );
    expect(postingsOracle('t', expectedPostings([order]), held)).toEqual({
      test: 't',
      expected: 3,
      posted: 3,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
    });
  });

  it('counts a second document as a duplicate, a missing one as lost, a wrong one as unexpected', () => {
    const held = heldPostings([confirmation, confirmation], [document('261', 'RM-STEEL', '11.5')]);
    expect(postingsOracle('t', expectedPostings([order]), held)).toMatchObject({
      expected: 3,
      posted: 1,
      duplicates: 1,
      lost: 2,
      unexpected: 1,
    });
  });
});
