import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  decodeFrame,
  nativeKernelAvailable,
  referenceKernel,
  WindowStore,
} from '../../../native/index.ts';
import { plantFrames, plantOptions } from '../../support/telemetry/plant-frames.ts';

const root = join(import.meta.dirname, '../../..');

function runCheck(nativeSetting: '0' | '1') {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/support/telemetry/kernel-check.ts'],
    {
      cwd: root,
      env: { ...process.env, MILLWRIGHT_NATIVE: nativeSetting },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout) as { native: boolean; reason: string; windows: unknown };
}

function referenceWindows() {
  const store = new WindowStore(plantOptions);
  return plantFrames(20, 300).flatMap((frame) => {
    const { columns } = decodeFrame(frame);
    return store
      .apply(referenceKernel(columns, store.spec, store.carry))
      .closed.map((w) => w.tags.map((t) => [t.tag, t.count, t.mean, t.counter?.delta ?? null]));
  });
}

describe('MILLWRIGHT_NATIVE', () => {
  it('=0 runs the TypeScript reference, with the reference results', () => {
    const result = runCheck('0');
    expect(result).toMatchObject({ native: false, reason: 'disabled' });
    expect(result.windows).toEqual(referenceWindows());
  });

  it('=1 runs the native kernel when npm ci built it, else says why not', () => {
    const result = runCheck('1');
    expect(result.native).toBe(nativeKernelAvailable());
    expect(result.reason).toMatch(nativeKernelAvailable() ? /^native$/ : /^unavailable: /);
    expect(result.windows).toHaveLength(referenceWindows().length);
  });
});
