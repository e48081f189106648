// Typed lint: typescript-eslint's type-checked rules. Generated and built files are not linted.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // examples/ is a consumer's project: type-checked against the packed kit (scripts/package-example.test.ts).
  { ignores: ['dist/', 'reports/', 'spec/generated/', 'coverage/', 'examples/', '*.mjs', '*.js'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The console's browser modules: plain JavaScript type-checked by their own tsconfig (DOM types),
    // which already reports an undefined name; ESLint's no-undef knows no browser globals.
    files: ['mock/admin/console/assets/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    // The store belongs to no behaviour: state/ names its own ports (records.ts, engine-state.ts),
    // and what sits above it (the HTTP prelude, the engine, behaviours, the admin API, the server)
    // plugs into them, never the reverse.
    files: ['mock/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(\\.\\./)+(mock/)?(behaviours|engine|http|admin|server|msw)(/|$)|^(\\.\\./)+(mock/)?(app|index)$',
              message:
                'mock/state/ imports nothing above it: declare the port in state/ and let the caller plug in.',
            },
          ],
        },
      ],
    },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.objectContaining ...) are typed `any`.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Plain JavaScript that runs before anything is built (`npm start`'s staleness check): linted
    // without type information, which needs a TypeScript project.
    files: ['scripts/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
