// The plant the e2e suite drives: master data of W bench work centers, orders that complete
// with one frame (a confirmation, a back-flushed goods issue and a goods receipt: 3 ERP
// postings), and per work center a frame source like an edge's: frames of one scan shape (the
// good and scrap counters, the machine state and process values, read several times), with
// the source's frame sequence and counter values carried from frame to frame.
import { encodeFrame, QUALITY_CARRIED_BASE } from '../../native/index.ts';

export const PLANT = 'P100';
export const MATERIAL = 'FG-BRACKET';
export const COMPONENT = 'RM-STEEL';
/** Tags per scan: good (0), scrap (1), state (2, 1 = running), then process values. */
export const TAGS_PER_SCAN = 10;
/** Scans per frame: a frame carries TAGS_PER_SCAN x SCANS_PER_FRAME samples. */
export const SCANS_PER_FRAME = 5;
export const SAMPLES_PER_FRAME = TAGS_PER_SCAN * SCANS_PER_FRAME;
/** Good, scrap and machine state: the tags a frame carries forward as its base. */
export const CARRIED_TAGS = 3;
/** Good parts an order needs: one frame completes it. */
export const ORDER_TARGET = 10;
/** Postings an order makes in ERP: confirmation, goods issue (261), goods receipt (101). */
export const POSTINGS_PER_ORDER = 3;

export const workCenterName = (i: number): string => `WC-B${String(i + 1).padStart(2, '0')}`;

export function benchMasterData(workCenters: number): object {
  const names = Array.from({ length: workCenters }, (_, i) => workCenterName(i));
  return {
    plant: PLANT,
    version: 1,
    materials: [
      { code: MATERIAL, type: 'finished', baseUnit: 'ea' },
      { code: COMPONENT, type: 'raw', baseUnit: 'kg' },
    ],
    workCenters: names.map((code) => ({ code, area: 'bench' })),
    routings: [
      {
        id: 'R-BENCH',
        currentRevision: 'A',
        material: MATERIAL,
        operations: [{ operation: '0010', workCenter: names[0] }],
      },
    ],
  };
}

/** One order of ORDER_TARGET parts on `workCenter`, its component back-flushed. */
export function benchOrder(order: string, workCenter: string): object {
  return {
    order,
    plant: PLANT,
    material: MATERIAL,
    targetQuantity: { value: ORDER_TARGET, unit: 'ea' },
    routing: {
      id: 'R-BENCH',
      revision: 'A',
      operations: [{ operation: '0010', workCenter, idealCycleTimeMs: 1_000 }],
    },
    components: [
      {
        item: '0010',
        material: COMPONENT,
        quantity: { value: ORDER_TARGET / 2, unit: 'kg' },
        tolerance: { underPercent: 100, overPercent: 100 },
        operation: '0010',
        backflush: true,
      },
    ],
    scheduledStart: '2026-12-01T06:00:00Z',
    scheduledEnd: '2026-12-01T14:00:00Z',
  };
}

/** The frames of one work center's edge source. */
export class FrameSource {
  readonly source: string;
  #frameSeq = 0;
  #good = 0;
  #scrap = 0;
  /** When the last frame's final scan was taken: the time of the next frame's carried base. */
  #lastScanAt: number | undefined;

  constructor(readonly workCenter: string) {
    this.source = `bench-edge-${workCenter}`;
  }

  /** The frame sequence the next frame gets. */
  get nextSeq(): number {
    return this.#frameSeq + 1;
  }

  /**
   * The next frame: the counters advance by `good` and `scrap` over its scans. As the edge
   * seals them (decision 0404), every frame after the first leads with the last frame's
   * counter and state readings as its carried base. Sealed now: `sealedAt` is the current time.
   */
  frame(good: number, scrap: number): Uint8Array {
    this.#frameSeq += 1;
    const base = this.#lastScanAt === undefined ? 0 : CARRIED_TAGS;
    const samples = base + SAMPLES_PER_FRAME;
    const timestampsMs = new Float64Array(samples);
    const tags = new Uint32Array(samples);
    const values = new Float64Array(samples);
    const quality = new Uint8Array(samples);
    for (let tag = 0; tag < base; tag++) {
      timestampsMs[tag] = this.#lastScanAt ?? 0;
      tags[tag] = tag;
      values[tag] = tag === 0 ? this.#good : tag === 1 ? this.#scrap : 1;
      quality[tag] = QUALITY_CARRIED_BASE;
    }
    const now = Date.now();
    for (let scan = 0; scan < SCANS_PER_FRAME; scan++) {
      const last = scan === SCANS_PER_FRAME - 1;
      for (let tag = 0; tag < TAGS_PER_SCAN; tag++) {
        const at = base + scan * TAGS_PER_SCAN + tag;
        timestampsMs[at] = now - (SCANS_PER_FRAME - 1 - scan);
        tags[at] = tag;
        values[at] =
          tag === 0
            ? this.#good + (last ? good : 0)
            : tag === 1
              ? this.#scrap + (last ? scrap : 0)
              : tag === 2
                ? 1
                : 20 + ((this.#frameSeq + scan + tag) % 7);
      }
    }
    this.#good += good;
    this.#scrap += scrap;
    this.#lastScanAt = now;
    return encodeFrame(
      {
        plant: PLANT,
        workCenter: this.workCenter,
        source: this.source,
        frameSeq: this.#frameSeq,
        sealedAt: new Date(now).toISOString(),
      },
      { timestampsMs, tags, values, quality },
    );
  }
}
