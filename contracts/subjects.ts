// NATS subjects of the business lane. One token per hierarchy level so that a stream, a
// consumer or a permission can be scoped to a plant or a work center with a wildcard:
//   mw.biz.<plant>.<workCenter>.<event type with its dots>
// e.g. mw.biz.P100.WC-01.operation.confirmed.v1  (see docs/decisions/0003-business-subjects.md)
export const BUSINESS_SUBJECT_PREFIX = 'mw.biz';

export function businessSubject(plant: string, workCenter: string, type: string): string {
  return `${BUSINESS_SUBJECT_PREFIX}.${plant}.${workCenter}.${type}`;
}

/** The AsyncAPI channel address, with plant and work center as parameters. */
export function businessChannelAddress(type: string): string {
  return `${BUSINESS_SUBJECT_PREFIX}.{plant}.{workCenter}.${type}`;
}
