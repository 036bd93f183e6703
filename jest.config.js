// Jest runs TypeScript through @swc/jest (types are stripped; `npm run typecheck` checks them).
// ESM-only packages (aedes, hexy, ...) are transformed too, so they load under Jest's CommonJS.
const esmOnly = [
  'aedes',
  'aedes-[^/]+',
  'hexy',
  'mqemitter',
  'retimer',
  'hyperid',
  'fastfall',
  'fastparallel',
  'fastseries',
  'reusify',
  'uuid',
];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 60_000,
  maxWorkers: 2,
};
