// What the outage test's edge node prints per answered delivery (edge-node.ts), and its parser.
export interface DeliveredLine {
  readonly workCenter: string;
  readonly source: string;
  readonly frameSeq: number;
  readonly sealedAt: string;
  readonly accepted: boolean;
  readonly good: number;
  readonly scrap: number;
}

export const DELIVERED = 'DELIVERED ';

/** Every complete DELIVERED line of an output, in order (a killed process may cut the last). */
export function deliveredLines(output: string): DeliveredLine[] {
  return output
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith(DELIVERED))
    .map((line) => JSON.parse(line.slice(DELIVERED.length)) as DeliveredLine);
}
