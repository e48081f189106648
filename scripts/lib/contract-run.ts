import path from 'node:path';
import { reportsDir } from '../../support/reports';
import { PACKAGE_ROOT } from '../../spec/document';
import { run } from '../../support/processes';
import { readSuiteConfig } from '../../contracts/config';
import { loadSuiteSpec } from '../../contracts/suite-spec';

/** `--profile X`, `--base-url URL` and `--spec FILE` become environment variables; everything else goes to jest. */
export function splitArgs(argv: readonly string[]): { env: Record<string, string>; jestArgs: string[] } {
  const env: Record<string, string> = {};
  const jestArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const value = (): string => inline ?? argv[++i] ?? '';
    if (flag === '--profile') env.NEXUS_CONTRACT_PROFILE = value();
    else if (flag === '--base-url') env.NEXUS_BASE_URL = value();
    else if (flag === '--spec') env.NEXUS_SPEC = path.resolve(value());
    else jestArgs.push(arg);
  }
  return { env, jestArgs };
}

/**
 * Runs the contract suite under jest with the given environment: the default reporter, JUnit XML in
 * reports/contracts-junit.xml, and the one-screen summary the suite prints itself.
 */
export function runContractSuite(env: NodeJS.ProcessEnv, jestArgs: readonly string[] = []): Promise<number> {
  // Bad variables or an unreadable document: one line and exit 2 here, not a stack trace from jest.
  try {
    loadSuiteSpec(readSuiteConfig(env).spec);
  } catch (error) {
    process.stderr.write(`contracts: ${(error as Error).message}\n`);
    return Promise.resolve(2);
  }
  const jest = require.resolve('jest/bin/jest');
  return run(
    process.execPath,
    [
      jest,
      '--rootDir',
      PACKAGE_ROOT,
      '--runTestsByPath',
      path.join(PACKAGE_ROOT, 'contracts', 'nexus.contract.test.ts'),
      '--reporters=default',
      '--reporters=jest-junit',
      '--verbose',
      ...jestArgs,
    ],
    {
      ...env,
      JEST_JUNIT_OUTPUT_DIR: reportsDir(env),
      JEST_JUNIT_OUTPUT_NAME: 'contracts-junit.xml',
      JEST_JUNIT_SUITE_NAME: 'Nexus contract suite',
      JEST_JUNIT_CLASSNAME: '{classname}',
      JEST_JUNIT_TITLE: '{title}',
    },
  );
}
