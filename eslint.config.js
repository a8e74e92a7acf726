// Lint rules, including the dependency direction of DESIGN.md: the engine is pure, adapters never
// import each other, only pipeline/server/cli wire things together.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapters = ['cafe24', 'store', 'queue', 'notify'];
const forbid = (folders) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((folder) => ({
        group: [`**/${folder}/**`, `../${folder}`, `./${folder}`],
        message: `This layer may not depend on src/${folder} (see DESIGN.md, "Dependencies point inward").`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', '.test-artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      ...forbid([...adapters, 'pipeline', 'server', 'cli', 'sandbox', 'facts', 'templates']),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The engine takes config and time as inputs.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine takes `now` as an input.' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid([...adapters, 'engine', 'pipeline', 'server', 'cli', 'sandbox', 'facts', 'templates']),
  },
  { files: ['src/facts/**/*.ts'], rules: forbid([...adapters, 'pipeline', 'server', 'cli', 'sandbox']) },
  { files: ['src/templates/**/*.ts'], rules: forbid([...adapters, 'pipeline', 'server', 'cli', 'sandbox']) },
  ...adapters.map((adapter) => ({
    files: [`src/${adapter}/**/*.ts`],
    rules: forbid([...adapters.filter((other) => other !== adapter), 'pipeline', 'server', 'cli']),
  })),
  {
    files: ['src/sandbox/**/*.ts'],
    rules: forbid([...adapters, 'pipeline', 'server', 'cli', 'engine', 'templates']),
  },
);
