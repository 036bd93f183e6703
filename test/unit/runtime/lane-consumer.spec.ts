// The lane-consumer lifecycle shared by the connector services: stores taken at start and
// given back once at stop, given back when building the connector fails, and `running`
// refusing before start and after stop.
import type { LaneStores, SharedLaneStores } from '../../../services/runtime/business-lane.ts';
import { LaneConsumerSlot } from '../../../services/runtime/lane-consumer.ts';
import { silentLogger } from '../../../connectors/index.ts';

function countingLanes() {
  const calls: string[] = [];
  const lanes: SharedLaneStores = {
    acquire: () => {
      calls.push('acquire');
      return Promise.resolve({} as LaneStores);
    },
    release: () => {
      calls.push('release');
      return Promise.resolve();
    },
  };
  return { lanes, calls };
}

function connector(calls: string[]) {
  return {
    start: () => Promise.resolve(void calls.push('start')),
    stop: () => Promise.resolve(void calls.push('stop')),
  };
}

describe('LaneConsumerSlot', () => {
  it('acquires, starts, stops and releases once, in that order', async () => {
    const { lanes, calls } = countingLanes();
    const slot = new LaneConsumerSlot('test.connector', lanes);
    expect(() => slot.running).toThrow('test.connector is not started');
    await slot.start(silentLogger, () => connector(calls));
    expect(slot.running).toBeDefined();
    await slot.stop();
    await slot.stop();
    expect(calls).toEqual(['acquire', 'start', 'stop', 'release']);
    expect(() => slot.running).toThrow('test.connector is not started');
  });

  it('gives the stores back when the connector cannot be built', async () => {
    const { lanes, calls } = countingLanes();
    const slot = new LaneConsumerSlot('test.connector', lanes);
    await expect(
      slot.start(silentLogger, () => Promise.reject(new Error('ledger unavailable'))),
    ).rejects.toThrow('ledger unavailable');
    await slot.stop();
    expect(calls).toEqual(['acquire', 'release']);
  });
});
