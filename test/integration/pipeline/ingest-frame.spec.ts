// Telemetry frames into the actor: `workcenter.host.ingestFrame` decodes real frames (native
// codec) and aggregates each on its own from the base readings it carries (decision 0404):
// counter readings become good / scrap deltas, the last state reading the machine state; frames
// count once in any arrival order; a corrupt frame is refused with its code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, QUALITY_CARRIED_BASE } from '../../../native/index.ts';
import type { WorkCenterState } from '../../../actors/index.ts';
import { loadConfig } from '../../../services/platform/index.ts';
import { startNode, type RunningNode } from '../../../services/runtime/run-node.ts';

const T0 = Date.UTC(2026, 11, 1, 6, 0);
/** Tags as the plant template orders them: good, scrap, state, then a process value. */
const GOOD = 0;
const SCRAP = 1;
const STATE = 2;
const TEMP = 3;

type Reading = [tag: number, value: number];

/** A frame of readings at T0 + frameSeq s, opened by `base`: readings of earlier frames. */
function frame(frameSeq: number, readings: Reading[], base: [...Reading, seq: number][] = []) {
  const samples = [
    ...base.map(([tag, value, seq]) => ({
      tag,
      value,
      t: T0 + seq * 1_000,
      q: QUALITY_CARRIED_BASE,
    })),
    ...readings.map(([tag, value], i) => ({ tag, value, t: T0 + frameSeq * 1_000 + i, q: 0 })),
  ];
  return encodeFrame(
    {
      plant: 'P100',
      workCenter: 'WC-FRAME',
      source: 'plc-1',
      frameSeq,
      sealedAt: new Date(T0 + frameSeq * 1_000).toISOString(),
    },
    {
      timestampsMs: Float64Array.from(samples, (s) => s.t),
      tags: Uint32Array.from(samples, (s) => s.tag),
      values: Float64Array.from(samples, (s) => s.value),
      quality: Uint8Array.from(samples, (s) => s.q),
    },
  );
}

describe('workcenter.host.ingestFrame', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-ingest-'));
  let node: RunningNode;
  const ingest = (bytes: Uint8Array) =>
    node.broker.call<Record<string, unknown>, object>('workcenter.host.ingestFrame', { bytes });

  beforeAll(async () => {
    node = await startNode(
      loadConfig(
        {},
        { MILLWRIGHT_DATA_DIR: dataDir, MILLWRIGHT_METRICS_PORT: '0', LOG_LEVEL: 'warn' },
      ),
      ['actors'],
    );
    await node.broker.waitForServices(['workcenter.host']);
  });

  afterAll(async () => {
    await node.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts each frame once from its carried base, in any arrival order, and keeps the newest state', async () => {
    // The first reading of a stream's counter is its zero point.
    expect(
      await ingest(
        frame(1, [
          [GOOD, 0],
          [SCRAP, 0],
          [STATE, 1],
          [TEMP, 60],
        ]),
      ),
    ).toMatchObject({ good: 0, scrap: 0, state: 'running', accepted: true });
    const second = frame(
      2,
      [
        [GOOD, 3],
        [GOOD, 7],
        [SCRAP, 1],
        [TEMP, 61],
      ],
      [
        [GOOD, 0, 1],
        [SCRAP, 0, 1],
        [STATE, 1, 1],
      ],
    );
    expect(await ingest(second)).toMatchObject({ good: 7, scrap: 1, accepted: true });
    // The edge re-sends a frame it did not see acknowledged: nothing is counted twice.
    expect(await ingest(second)).toMatchObject({ accepted: false });
    // Live frame 4 arrives before backlog frame 3 (live first): both count, once.
    const base3: [number, number, number][] = [
      [GOOD, 7, 2],
      [SCRAP, 1, 2],
      [STATE, 1, 1],
    ];
    const fourth = frame(
      4,
      [
        [GOOD, 15],
        [STATE, 2],
      ],
      [
        [GOOD, 12, 3],
        [SCRAP, 1, 2],
        [STATE, 1, 1],
      ],
    );
    expect(await ingest(fourth)).toMatchObject({ good: 3, scrap: 0, state: 'idle' });
    expect(await ingest(frame(3, [[GOOD, 12]], base3))).toMatchObject({ good: 5, accepted: true });
    const counts = await node.broker.call('workcenter.host.tell', {
      key: 'P100/WC-FRAME',
      message: { kind: 'counts.requested' },
    });
    // One input per frame, duplicates excluded.
    expect(counts).toMatchObject({ reply: { good: 15, scrap: 1, inputs: 4 } });
    const view = await node.broker.call<{ state: WorkCenterState }, object>(
      'workcenter.host.inspect',
      { key: 'P100/WC-FRAME' },
    );
    // Frame 3 came last but is older: the idle state of frame 4 stays.
    expect(view.state.machine).toEqual({
      state: 'idle',
      since: new Date(T0 + 4_001).toISOString(),
    });
    expect(view.state.sources['plc-1']).toMatchObject({ highWater: 4, above: [] });
    expect(view.state.lastInputAt).toBe(new Date(T0 + 4_001).toISOString());
  });

  it('refuses a corrupt frame with its MW_FRAME_* code', async () => {
    const bytes = frame(9, [[GOOD, 1]]);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await expect(ingest(bytes)).rejects.toMatchObject({ type: 'MW_FRAME_CHECKSUM' });
  });
});
