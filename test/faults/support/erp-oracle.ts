// The exact-count oracle of the ERP fault tests: for every event the test published, how many
// documents ERP holds under its posting reference. Expected = posted + lost + dead-lettered,
// duplicates = documents beyond the first per event (and documents of events never sent).
import { postingReference } from '../../../connectors/erp/index.ts';
import type { ErpSimulator } from '../../../connectors/erp/simulator/index.ts';
import type { DeadLetterEntry } from '../../../connectors/lane/index.ts';
import type { AnyBusinessEvent } from '../../../contracts/index.ts';

export interface OracleReport {
  readonly test: string;
  readonly expected: number;
  readonly posted: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly deadLettered: number;
}

export function erpOracle(
  test: string,
  events: readonly AnyBusinessEvent[],
  sim: ErpSimulator,
  deadLetters: readonly DeadLetterEntry[],
): OracleReport {
  const documents = sim.documentsByReference();
  const dead = new Set(deadLetters.map((d) => d.event?.eventId));
  const references = new Set<string>();
  let posted = 0;
  let duplicates = 0;
  let lost = 0;
  for (const event of events) {
    const reference = postingReference(event.eventId);
    references.add(reference);
    const n = documents.get(reference) ?? 0;
    if (n > 0) posted += 1;
    duplicates += Math.max(0, n - 1);
    if (n === 0 && !dead.has(event.eventId)) lost += 1;
  }
  for (const [reference, n] of documents) if (!references.has(reference)) duplicates += n;
  const report = {
    test,
    expected: events.length,
    posted,
    duplicates,
    lost,
    deadLettered: dead.size,
  };
  console.log(`ERP oracle ${JSON.stringify(report)}`);
  return report;
}
