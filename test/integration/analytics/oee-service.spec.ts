// OEE acceptance through the service (issue 6): known confirmations and downtimes go into the
// business lane, `analytics.oee` answers the ISO 22400-2 values computed by hand below, and
// each recomputation is broadcast as `oee.updated`. The shift calendar comes from a YAML file
// (MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR) in CET: early 06:00-14:00 with a 10:00-10:30 break,
// late 14:00-22:00. Ideal cycle times come from `orders.get` (a stand-in order book).
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'moleculer';
import type { ShiftOee } from '../../../connectors/analytics/index.ts';
import { downtimeRecorded, operationConfirmed } from '../../support/business/events.ts';
import {
  startConnectorsNode,
  type ConnectorsNode,
} from '../../support/connectors/connectors-node.ts';
import { rejectionOf } from '../../support/thrown.ts';
import { waitFor } from '../../support/wait-for.ts';

const CALENDAR = `
utcOffsetMinutes: 60
shifts:
  - { name: early, start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }
  - { name: late, start: "14:00", end: "22:00" }
  - { name: night, start: "22:00", end: "06:00" }
`;
/** Local (CET) wall-clock time on 2026-03-02. */
const at = (hhmm: string) => `2026-03-02T${hhmm}:00+01:00`;
const MIN = 60_000;
/** Ideal cycle time per order (operation 0010): A 30 s, B 60 s. */
const IDEAL: Record<string, number> = { '1000001': 30_000, '1000002': 60_000 };

describe('analytics.connector: OEE per work center and shift', () => {
  let rig: ConnectorsNode;
  let dir: string;
  const notified: ShiftOee[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-oee-'));
    const calendarFile = join(dir, 'shifts.yaml');
    writeFileSync(calendarFile, CALENDAR);
    rig = await startConnectorsNode({
      env: { MILLWRIGHT_ANALYTICS_SHIFT_CALENDAR: calendarFile },
      services: [
        {
          name: 'orders',
          actions: {
            get: (ctx: Context<{ plant: string; order: string }>) => {
              const ideal = IDEAL[ctx.params.order];
              if (ideal === undefined) return null;
              const operations = [
                { operation: '0010', workCenter: 'WC-01', idealCycleTimeMs: ideal },
              ];
              return { order: { routing: { operations } }, correlationId: 'c', dispatched: true };
            },
          },
        },
        {
          name: 'dashboard',
          events: {
            'oee.updated': (ctx: Context<ShiftOee>) => {
              notified.push(ctx.params);
            },
          },
        },
      ],
    });
    await rig.node.broker.waitForServices(['orders', 'dashboard']);
  });
  afterAll(async () => {
    await rig.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes availability, effectiveness, quality and OEE of each shift by ISO 22400', async () => {
    const events = [
      // Run A, order 1000001: 06:00-10:00, 200 good + 10 scrap, ideal 0.5 min.
      operationConfirmed({
        workCenter: 'WC-01',
        sequence: 1,
        order: '1000001',
        yieldQty: 200,
        scrapQty: 10,
        reworkQty: 0,
        startedAt: at('06:00'),
        finishedAt: at('10:00'),
      }),
      // A jam 08:00-08:45 (unplanned).
      downtimeRecorded({
        workCenter: 'WC-01',
        sequence: 2,
        startedAt: at('08:00'),
        endedAt: at('08:45'),
        reason: 'JAM',
        planned: false,
      }),
      // Run B, order 1000002: 10:30-14:30 (into the late shift), 180 good, ideal 1 min.
      operationConfirmed({
        workCenter: 'WC-01',
        sequence: 3,
        order: '1000002',
        yieldQty: 180,
        scrapQty: 0,
        reworkQty: 0,
        startedAt: at('10:30'),
        finishedAt: at('14:30'),
      }),
      // A planned changeover 12:00-12:20 inside run B.
      downtimeRecorded({
        workCenter: 'WC-01',
        sequence: 4,
        startedAt: at('12:00'),
        endedAt: at('12:20'),
        reason: 'CHANGEOVER',
        planned: true,
      }),
    ];
    for (const event of events) await rig.lane.publish(event);
    // A: early. Jam: early. B: early + late. Changeover (cuts B): early + late. Six results.
    await waitFor('six OEE updates', () => notified.length === 6);

    const oee = (shift: string) =>
      rig.call<ShiftOee>('analytics.oee', {
        plant: 'P100',
        workCenter: 'WC-01',
        date: '2026-03-02',
        shift,
      });
    const early = await oee('early');
    // Early, in minutes: POT 480; PDOT = break 30 + changeover 20 = 50; PBT 430.
    // Running: A 240 - jam 45 = 195; B 10:30-14:00 = 210 - changeover 20 = 190; APT 385.
    // B runs 190 min in early and 30 in late: early gets 190/220 of its 180 parts.
    const bEarly = (180 * 190) / 220;
    const produced = 210 + bEarly;
    const good = 200 + bEarly;
    const idealMin = 210 * 0.5 + bEarly * 1;
    expect(early).toMatchObject({
      plant: 'P100',
      workCenter: 'WC-01',
      date: '2026-03-02',
      shift: 'early',
      startsAt: '2026-03-02T05:00:00.000Z',
      endsAt: '2026-03-02T13:00:00.000Z',
      plannedOperationTimeMs: 480 * MIN,
      plannedDowntimeMs: 50 * MIN,
      plannedBusyTimeMs: 430 * MIN,
      actualProductionTimeMs: 385 * MIN,
      unplannedDowntimeMs: 45 * MIN,
      idleTimeMs: 0,
      runs: 2,
      downtimes: 2,
      runsWithoutIdealCycleTime: 0,
    });
    expect(early.producedQuantity).toBeCloseTo(produced, 9);
    expect(early.goodQuantity).toBeCloseTo(good, 9);
    expect(early.availability).toBeCloseTo(385 / 430, 12);
    expect(early.effectiveness).toBeCloseTo(idealMin / 385, 12);
    expect(early.qualityRatio).toBeCloseTo(good / produced, 12);
    expect(early.oee).toBeCloseTo((385 / 430) * (idealMin / 385) * (good / produced), 12);
    expect(early.oee).toBeCloseTo(0.5891, 4); // = 260.45 / 430 x 355.45 / 365.45

    // Late: PBT 480, APT 30 (B 14:00-14:30), idle 450; 180 x 30/220 parts at 1 min each.
    const late = await oee('late');
    const bLate = (180 * 30) / 220;
    expect(late).toMatchObject({
      plannedBusyTimeMs: 480 * MIN,
      actualProductionTimeMs: 30 * MIN,
      unplannedDowntimeMs: 0,
      idleTimeMs: 450 * MIN,
      runs: 1,
      qualityRatio: 1,
    });
    expect(late.producedQuantity).toBeCloseTo(bLate, 9);
    expect(late.availability).toBeCloseTo(30 / 480, 12);
    expect(late.effectiveness).toBeCloseTo(bLate / 30, 12);
    expect(late.oee).toBeCloseTo(bLate / 480, 12);

    // The last notification of each shift is what the query answers.
    expect(notified.filter((n) => n.shift === 'early').at(-1)).toEqual(early);
    expect(notified.filter((n) => n.shift === 'late').at(-1)).toEqual(late);
    expect(notified.map((n) => n.shift)).toEqual([
      'early',
      'early',
      'early',
      'late',
      'early',
      'late',
    ]);
  });

  it('answers MW_ANALYTICS_UNKNOWN_SHIFT and MW_ANALYTICS_NO_DATA with what it knows', async () => {
    const ask = (shift: string) =>
      rejectionOf(
        rig.call('analytics.oee', {
          plant: 'P100',
          workCenter: 'WC-01',
          date: '2026-03-02',
          shift,
        }),
      );
    expect(await ask('swing')).toMatchObject({
      type: 'MW_ANALYTICS_UNKNOWN_SHIFT',
      data: { shifts: ['early', 'late', 'night'] },
    });
    expect(await ask('night')).toMatchObject({ type: 'MW_ANALYTICS_NO_DATA' });
  });
});
