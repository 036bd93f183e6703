// One linter for the whole tree: typescript-eslint strictTypeChecked plus the import
// direction of ../shared/STYLE.md (contracts -> zod only; native -> nothing of ours;
// edge, actors and connectors -> contracts and native; only services/ may import moleculer).
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const ours = (folder) => [`**/${folder}`, `**/${folder}/*`, `**/${folder}/**`];
const moleculer = {
  group: ['moleculer', 'moleculer-*', 'moleculer/*'],
  message: 'Only services/ imports Moleculer: inject a port instead.',
};
const direction = (message, ...folders) => ({ group: folders.flatMap(ours), message });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'coverage/',
      'native/build/',
      'test/artifacts/',
      'benchmarks/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.js', 'web/dashboard/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|node:|\\.{1,2}/).*',
              message: 'contracts/ depends on zod only.',
            },
            direction(
              'contracts/ imports nothing of ours.',
              'native',
              'edge',
              'actors',
              'services',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', 'zod/*'],
              message: 'native/ stays free of zod: validate at the boundary that calls it.',
            },
            moleculer,
            direction(
              'native/ depends on nothing of ours.',
              'contracts',
              'edge',
              'actors',
              'services',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['edge/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            moleculer,
            direction('edge/ uses contracts/ and native/ only.', 'actors', 'services'),
          ],
        },
      ],
    },
  },
  {
    files: ['actors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            moleculer,
            direction('actors/ uses contracts/ and native/ only.', 'edge', 'services'),
          ],
        },
      ],
    },
  },
  {
    files: ['connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            moleculer,
            direction(
              'connectors/ uses contracts/ and native/ only.',
              'edge',
              'actors',
              'services',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['production/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            moleculer,
            direction('production/ uses contracts/ only.', 'edge', 'actors', 'services', 'native'),
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**', 'services/cli/**', 'scripts/**', 'benchmarks/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    // The dashboard page runs in the browser as served (no build step), untyped JavaScript.
    files: ['web/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  prettier,
);
