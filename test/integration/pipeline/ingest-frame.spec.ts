// Telemetry frames into the actor: `workcenter.host.ingestFrame` decodes real frames (native
// codec), turns counter readings into good / scrap deltas with the kernel and state samples
// into state changes; a re-sent frame counts once; a corrupt frame is refused with its code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '../../../native/index.ts';
import { loadConfig } from '../../../services/platform/index.ts';
import { startNode, type RunningNode } from '../../../services/runtime/run-node.ts';

const T0 = Date.UTC(2026, 11, 1, 6, 0);
/** Tags as the plant template orders them: good, scrap, state, then a process value. */
const GOOD = 0;
const SCRAP = 1;
const STATE = 2;
const TEMP = 3;

function frame(frameSeq: number, samples: [tag: number, value: number][]) {
  const n = samples.length;
  return encodeFrame(
    {
      plant: 'P100',
      workCenter: 'WC-FRAME',
      source: 'plc-1',
      frameSeq,
      sealedAt: new Date(T0 + frameSeq * 1_000).toISOString(),
    },
    {
      timestampsMs: Float64Array.from(samples, (_, i) => T0 + frameSeq * 1_000 + i),
      tags: Uint32Array.from(samples, ([tag]) => tag),
      values: Float64Array.from(samples, ([, value]) => value),
      quality: new Uint8Array(n),
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

  it('counts counter deltas once per frame and reports state changes', async () => {
    // The first reading of a counter is its baseline.
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
    const second = frame(2, [
      [GOOD, 3],
      [GOOD, 7],
      [SCRAP, 1],
      [TEMP, 61],
    ]);
    expect(await ingest(second)).toMatchObject({ good: 7, scrap: 1, accepted: true });
    // The edge re-sends a frame it did not see acknowledged: nothing is counted twice.
    expect(await ingest(second)).toMatchObject({ good: 0, scrap: 0, accepted: false });
    expect(
      await ingest(
        frame(3, [
          [GOOD, 12],
          [STATE, 2],
        ]),
      ),
    ).toMatchObject({
      good: 5,
      scrap: 0,
      state: 'idle',
    });
    // Inputs: two counter frames and two state changes.
    const counts = await node.broker.call('workcenter.host.tell', {
      key: 'P100/WC-FRAME',
      message: { kind: 'counts.requested' },
    });
    expect(counts).toMatchObject({ reply: { good: 12, scrap: 1, inputs: 4 } });
    const view = await node.broker.call<{ state: { machine?: unknown } }, object>(
      'workcenter.host.inspect',
      { key: 'P100/WC-FRAME' },
    );
    expect(JSON.stringify(view.state)).toContain('idle');
  });

  it('refuses a corrupt frame with its MW_FRAME_* code', async () => {
    const bytes = frame(9, [[GOOD, 1]]);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await expect(ingest(bytes)).rejects.toMatchObject({ type: 'MW_FRAME_CHECKSUM' });
  });
});
