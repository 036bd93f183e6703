// The machine and versions a result was measured on: CPU model and cores, memory, OS, Node,
// the packages on the hot paths, nats-server, msgpackr's native acceleration and the git
// commit. Read once per suite run; a figure without these cannot be reproduced or compared.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { isNativeAccelerationEnabled } from 'msgpackr';
import { findBinary } from '../../test/support/servers/index.ts';

/** Packages whose version changes benchmark figures; absent ones are left out. */
export const TRACKED_PACKAGES = [
  'moleculer',
  'nats',
  'msgpackr',
  'msgpackr-extract',
  'piscina',
  'pino',
  'mqtt',
  'aedes',
  'node-opcua',
  'better-sqlite3',
  'zod',
  'tsx',
  'node-red',
] as const;

export interface Environment {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  /** 1-minute load average when the suite started: how busy the machine already was. */
  readonly loadAverage: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly natsServer: string | null;
  readonly msgpackrNative: boolean;
  /** A compiled addon exists under native/build (whether a suite used it is in its flags). */
  readonly nativeAddonBuilt: boolean;
  readonly gitCommit: string | null;
  readonly gitDirty: boolean | null;
}

const GENERATED = ['benchmarks/results', 'benchmarks/RESULTS.md', 'benchmarks/charts'];

function run(command: string, args: readonly string[], cwd: string): string | null {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch {
    return null;
  }
}

function packageVersions(root: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of TRACKED_PACKAGES) {
    try {
      const manifest = readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8');
      const { version } = JSON.parse(manifest) as { version?: unknown };
      if (typeof version === 'string') versions[name] = version;
    } catch {
      // not installed
    }
  }
  return versions;
}

function natsServerVersion(root: string): string | null {
  const binary = findBinary('nats-server');
  if (binary === undefined) return null;
  const output = run(binary, ['--version'], root);
  return output?.match(/v?\d+\.\d+\.\d+\S*/)?.[0] ?? output;
}

function addonBuilt(root: string): boolean {
  const dir = join(root, 'native', 'build', 'Release');
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.node'));
}

export function captureEnvironment(root: string): Environment {
  const cpuList = cpus();
  const commit = run('git', ['rev-parse', 'HEAD'], root);
  // The runner's own outputs do not make the tree dirty: they are what it is writing.
  const status =
    commit === null
      ? null
      : run('git', ['status', '--porcelain', '--', '.', ...GENERATED.map((p) => `:!${p}`)], root);
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryBytes: totalmem(),
    loadAverage: loadavg()[0] ?? 0,
    os: `${process.platform} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    packages: packageVersions(root),
    natsServer: natsServerVersion(root),
    msgpackrNative: isNativeAccelerationEnabled,
    nativeAddonBuilt: addonBuilt(root),
    gitCommit: commit,
    gitDirty: status === null ? null : status.length > 0,
  };
}
