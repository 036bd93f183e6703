// The exact-count oracle of the end-to-end tests: what ERP must hold after a plant run, from
// the plant demo's own counts per order (the parts the simulator made for it). One confirmation
// per operation (yield and scrap), one goods issue (261) per consumed component line and one
// goods receipt (101) per produced lot, with the oracle's quantities. Each expected posting is
// matched against the documents ERP holds: posted (found), duplicates (found more than once),
// lost (not found), unexpected (a document no expected posting accounts for, e.g. a wrong
// quantity).
import type { OrderOracle } from '../../../services/runtime/demo/index.ts';

export interface PostingsReport {
  readonly test: string;
  readonly expected: number;
  readonly posted: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly unexpected: number;
}

interface Item {
  Material: string;
  GoodsMovementType: string;
  QuantityInEntryUnit: string;
  ManufacturingOrder?: string;
}

/** Quantities are compared at 1e-6: back-flushed quantities are products of decimals. */
const q = (value: number | string) => String(Math.round(Number(value) * 1e6) / 1e6);

export function expectedPostings(oracle: readonly OrderOracle[]): string[] {
  return oracle.flatMap((o) => [
    `confirmation ${o.order} yield ${q(o.good)} scrap ${q(o.scrap)}`,
    `261 ${o.order} ${o.component} ${q(o.consumed)}`,
    `101 ${o.order} ${o.material} ${q(o.good)}`,
  ]);
}

/** The postings ERP holds, in the same shape, from the posted bodies (SAP API fields). */
export function heldPostings(confirmations: readonly unknown[], documents: readonly unknown[]) {
  const held = (confirmations as Record<string, string>[]).map(
    (c) =>
      `confirmation ${c['OrderID'] ?? '?'} yield ${q(c['ConfirmationYieldQuantity'] ?? '')} scrap ${q(c['ConfirmationScrapQuantity'] ?? '')}`,
  );
  for (const document of documents as { to_MaterialDocumentItem: { results: Item[] } }[]) {
    for (const item of document.to_MaterialDocumentItem.results) {
      held.push(
        `${item.GoodsMovementType} ${item.ManufacturingOrder ?? '?'} ${item.Material} ${q(item.QuantityInEntryUnit)}`,
      );
    }
  }
  return held;
}

export function postingsOracle(
  test: string,
  expected: readonly string[],
  held: readonly string[],
): PostingsReport {
  const counts = new Map<string, number>();
  for (const posting of held) counts.set(posting, (counts.get(posting) ?? 0) + 1);
  let posted = 0;
  let duplicates = 0;
  let lost = 0;
  for (const posting of expected) {
    const n = counts.get(posting) ?? 0;
    counts.delete(posting);
    if (n === 0) lost += 1;
    else posted += 1;
    duplicates += Math.max(0, n - 1);
  }
  const unexpected = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const report = { test, expected: expected.length, posted, duplicates, lost, unexpected };
  console.log(`ERP oracle ${JSON.stringify(report)}`);
  return report;
}
