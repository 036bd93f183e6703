import fc from 'fast-check';
import { ownerOf, planMoves } from './imports.ts';

const keys = Array.from({ length: 2_000 }, (_, i) => `P1/WC-${i}`);
const nodeIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}$/), {
  minLength: 1,
  maxLength: 8,
});

describe('rendezvous placement', () => {
  it('gives the same owner whatever the order of the member list', () => {
    fc.assert(
      fc.property(nodeIds, fc.string({ minLength: 1 }), (nodes, key) => {
        const owner = ownerOf(key, nodes);
        expect(ownerOf(key, [...nodes].reverse())).toBe(owner);
        expect(nodes).toContain(owner);
      }),
    );
  });

  it('moves only keys to a joining node, and only keys from a leaving node', () => {
    fc.assert(
      fc.property(nodeIds, fc.stringMatching(/^[A-Z]{1,6}$/), (nodes, joining) => {
        const sample = keys.slice(0, 200);
        for (const move of planMoves(sample, nodes, [...nodes, joining]))
          expect(move.to).toBe(joining);
        const leaving = nodes[0]!;
        const rest = nodes.slice(1);
        for (const move of planMoves(sample, nodes, rest)) expect(move.from).toBe(leaving);
      }),
      { numRuns: 30 },
    );
  });

  it('spreads keys evenly: a fourth node takes about a quarter', () => {
    const moves = planMoves(keys, ['n1', 'n2', 'n3'], ['n1', 'n2', 'n3', 'n4']);
    expect(moves.length).toBeGreaterThan(keys.length * 0.2);
    expect(moves.length).toBeLessThan(keys.length * 0.3);
  });

  it('has no owner without nodes', () => {
    expect(ownerOf('P1/WC1', [])).toBeUndefined();
  });
});
