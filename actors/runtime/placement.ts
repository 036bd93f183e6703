// Placement by rendezvous (highest random weight) hashing: every node that knows the same
// member list computes the same owner for a key, with no lookup service, and a join or leave
// moves only the keys whose winner changed (about 1/n of them). Pure functions, no I/O.
import { createHash } from 'node:crypto';

/** 64-bit weight of (node, key); ties (practically impossible) break on the node id. */
function weight(node: string, key: string): bigint {
  return createHash('sha256').update(node).update('\u0000').update(key).digest().readBigUInt64BE(0);
}

/** The owner of `key` among `nodes`, or undefined when there is no node. */
export function ownerOf(key: string, nodes: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const node of nodes) {
    const w = weight(node, key);
    if (w > bestWeight || (w === bestWeight && best !== undefined && node < best)) {
      best = node;
      bestWeight = w;
    }
  }
  return best;
}

export interface Move {
  readonly key: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
}

/** Which keys change owner when the member list goes from `before` to `after`. */
export function planMoves(
  keys: Iterable<string>,
  before: readonly string[],
  after: readonly string[],
): Move[] {
  const moves: Move[] = [];
  for (const key of keys) {
    const from = ownerOf(key, before);
    const to = ownerOf(key, after);
    if (from !== to) moves.push({ key, from, to });
  }
  return moves;
}
