/**
 * msw 2.15 and the kit (its upgrader, for an OpenAPI 3.0 or Swagger 2.0 document) require a few
 * packages that ship ES modules only; Jest on Node 20 cannot require() them, so they are transformed
 * like the tests. (Vitest, or Jest on Node 24.9+, needs none of this.)
 */
const ESM_ONLY = [
  ...['rettime', 'until-async', '@open-draft/deferred-promise'],
  ...['@scalar/openapi-upgrader', '@scalar/helpers'],
];
const ESM_PATTERN = `(?:${ESM_ONLY.map((name) => name.replace('/', '\\/')).join('|')})`;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': 'ts-jest',
    [`/node_modules/${ESM_PATTERN}/.+\\.m?js$`]: ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_PATTERN}/)`],
  testMatch: ['<rootDir>/src/**/*.test.ts'],
};
