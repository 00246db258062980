import tseslint from 'typescript-eslint';

/** Folders and what each may import (docs/ARCHITECTURE.md). */
const layer = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((name) => ({
          group: [`**/${name}/**`, `**/${name}`],
          message: `src/${folder} must not import from src/${name} (see docs/ARCHITECTURE.md).`,
        })),
      },
    ],
  },
});

const everythingBut = (...allowed) =>
  [
    'domain',
    'scenario',
    'store',
    'services',
    'server',
    'web',
    'documents',
    'interchange',
    'cli',
    'contracts',
    'demo',
  ].filter((name) => !allowed.includes(name));

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'src/web/dist/**'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // noUncheckedIndexedAccess makes every typed-array read optional; hot loops index within
      // bounds they have just checked, so `!` is how they say so.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  layer('domain', everythingBut('domain')),
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'pg', '@electric-sql/*'],
              message: 'src/domain is pure: no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/domain never reads the environment.' },
        { name: 'Date', message: 'src/domain never reads the clock; pass dates in.' },
      ],
    },
  },
  layer('scenario', everythingBut('domain', 'scenario')),
  // Synthetic data is pure like the domain: seeded, no clock, no I/O.
  layer('demo', everythingBut('domain', 'demo')),
  {
    files: ['src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path'], message: 'src/demo is pure: no I/O.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/demo never reads the environment.' },
        { name: 'Date', message: 'src/demo never reads the clock; pass "today" in.' },
      ],
    },
  },
  layer('store', everythingBut('domain', 'store')),
  layer('documents', everythingBut('domain', 'documents')),
  layer('interchange', everythingBut('domain', 'interchange', 'scenario')),
  layer(
    'services',
    everythingBut(
      'domain',
      'store',
      'services',
      'scenario',
      'documents',
      'interchange',
      'contracts',
      'demo',
    ),
  ),
  layer('server', ['web', 'cli']),
  layer('cli', ['web', 'server/routes']),
  layer('contracts', everythingBut('contracts', 'domain')),
  {
    // The browser bundle takes only types from contracts: their zod schemas (and zod) would
    // multiply its size, and the server validates every request anyway.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...everythingBut('contracts', 'web').map((name) => ({
              group: [`**/${name}/**`, `**/${name}`],
              message: `src/web must not import from src/${name} (see docs/ARCHITECTURE.md).`,
            })),
            {
              group: ['**/contracts/**'],
              allowTypeImports: true,
              message: 'src/web imports only types from src/contracts, to keep the bundle small.',
            },
          ],
        },
      ],
    },
  },
);
