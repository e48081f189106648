/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // json-schema-faker 0.6 ships ES modules only, and Jest on Node 20 cannot require() one; Node
    // itself can (20.19+), so only the tests need this transform.
    '/node_modules/json-schema-faker/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!json-schema-faker/)'],
  testMatch: ['<rootDir>/{spec,mock,contracts,scripts,support}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // JUnit XML for CI, next to the contract suite's own reports.
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
};
