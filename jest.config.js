/**
 * Packages that ship ES modules only. Jest on Node 20 cannot require() one; Node itself can (20.19+),
 * so only the tests need them transformed: json-schema-faker 0.6 (the engine's generated bodies), and
 * what msw 2.15 requires (its handlers are the kit's `nexus-mock-kit/msw`).
 */
const ESM_ONLY = [
  ...['json-schema-faker', 'rettime', 'until-async', '@open-draft/deferred-promise'],
  // The OpenAPI 3.0 and Swagger 2.0 upgrader (spec/upgrade.ts) and its helpers.
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
  testMatch: ['<rootDir>/{spec,mock,client,contracts,scripts,support}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // JUnit XML for CI, next to the contract suite's own reports.
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
};
