#!/usr/bin/env node
// `npm ci` / `npm install` hook: builds the C++ aggregation kernel (native/binding.gyp) with
// the node-gyp that npm ships. It never fails the install: without a C++ toolchain, or with
// MILLWRIGHT_NATIVE=0, it says so and the TypeScript reference kernel is used at run time.
// (A build tool, like node-gyp itself, so it reads the environment; see docs/frames.md.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const say = (line) => console.log(`millwright: ${line}`);

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath &&
      join(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'),
    join(
      dirname(process.execPath),
      '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    ),
  ];
  return candidates.find((path) => path !== undefined && path !== '' && existsSync(path));
}

function build() {
  if (process.env.MILLWRIGHT_NATIVE === '0') return 'skipped (MILLWRIGHT_NATIVE=0)';
  const gyp = nodeGyp();
  if (gyp === undefined) return 'skipped (node-gyp not found)';
  const args = [gyp, 'rebuild', '--release'];
  // Use the headers installed next to this node when npm has no nodedir set: node-gyp would
  // otherwise download them, and an offline machine would fail the build for no reason.
  const prefix = join(dirname(process.execPath), '..');
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include/node/node_api.h')))
    args.push(`--nodedir=${prefix}`);
  const result = spawnSync(process.execPath, args, {
    cwd: join(root, 'native'),
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
  if (result.error) return `failed (${result.error.message})`;
  return result.status === 0 ? 'built' : `failed (node-gyp exit ${result.status})`;
}

try {
  const outcome = build();
  say(`native aggregation kernel ${outcome}`);
  if (outcome !== 'built')
    say('the TypeScript reference kernel will be used (same results, slower)');
} catch (error) {
  say(`native aggregation kernel not built: ${error instanceof Error ? error.message : error}`);
}
process.exitCode = 0;
