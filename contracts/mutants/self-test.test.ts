/**
 * Proof that the suite is sharp and precise: it must fail against every deliberately broken server,
 * through the case meant to catch it, and pass against every correct one, including correct servers
 * that differ where the spec leaves room.
 */
import { readSuiteConfig } from '../config';
import { runSuite } from '../run-suite';
import type { RunSummary } from '../summary';
import { CORRECT_SERVERS, MUTANTS } from './catalogue';
import { startReferenceServer, type KnownUser, type ReferenceOptions } from './reference-server';

const USER: KnownUser = {
  // Unlike the user name, so a report that shows the user name (which is not a secret) shows no token.
  token: 'tok-Self7Test3Qx',
  applicationToken: 'self-test-app',
  username: 'self-test-user',
  password: 'self-test-password',
};

const ENV = {
  NEXUS_BEARER_TOKEN: USER.token,
  NEXUS_APPLICATION_TOKEN: USER.applicationToken,
  NEXUS_BASIC_USERNAME: USER.username,
  NEXUS_BASIC_PASSWORD: USER.password,
  NEXUS_ALLOW_EMAIL: 'true',
  NEXUS_ALLOW_UNSAFE_METHODS: 'true',
  NEXUS_TIMEOUT_MS: '1500',
  NEXUS_MAX_RETRIES: '2',
  // Fixed, so the kill rate is the same on every run (the suite's own tests vary it).
  NEXUS_CONTRACT_SEED: '20261202',
};

async function runAgainst(options: ReferenceOptions, verifies = false): Promise<RunSummary> {
  const server = await startReferenceServer(verifies ? { ...options, user: USER } : options);
  try {
    const env = {
      ...ENV,
      NEXUS_BASE_URL: server.url,
      ...(verifies && { NEXUS_CHECK_WRONG_CREDENTIALS: 'true' }),
    };
    return await runSuite(readSuiteConfig(env));
  } finally {
    await server.close();
  }
}

const failuresOf = (summary: RunSummary) => summary.results.filter((r) => r.outcome === 'failed');
const skippedOf = (summary: RunSummary) =>
  summary.results
    .filter((r) => r.outcome === 'skipped')
    .map((r) => r.id)
    .sort();
const MOCK_ONLY = [
  'mock.prefer-code',
  'mock.ticket-in-admin',
  'mock.email-in-outbox',
  'coverage.every-documented-response',
];
const WRONG_CREDENTIALS = [
  'auth.CreateMfaEnrollment.Bearer-wrong',
  'auth.CreateMfaEnrollment.ApplicationToken-wrong',
  'auth.CreateMfaEnrollment.Basic-wrong',
];
const caught: string[] = [];

afterAll(() => {
  process.stdout.write(
    `\nContract suite kill rate: ${caught.length}/${MUTANTS.length} broken servers detected\n`,
  );
});

describe('the contract suite against broken servers', () => {
  it.each(MUTANTS)(
    'fails against $flaw ($breaks), in $caughtBy',
    async ({ flaw, caughtBy, verifies }) => {
      const summary = await runAgainst({ flaw }, verifies);
      const failed = failuresOf(summary).map((r) => r.id);
      if (failed.length > 0) caught.push(flaw);
      expect(failed).toContain(caughtBy);
      // Whatever a server sends back, no report may hold a credential.
      const report = JSON.stringify(summary);
      expect(report).not.toContain(USER.token);
      for (const secret of [
        USER.applicationToken,
        USER.password,
        Buffer.from(`${USER.username}:${USER.password}`).toString('base64'),
      ]) {
        expect(report).not.toContain(secret);
      }
    },
    60_000,
  );
});

describe('the contract suite against correct servers', () => {
  it.each(CORRECT_SERVERS)(
    'passes against the $flavour server ($differs)',
    async ({ flavour, verifies }) => {
      const summary = await runAgainst({ flavour }, verifies);
      expect(failuresOf(summary)).toEqual([]);
      // Only the mock's own control plane is out of reach (and wrong credentials, where nobody checks them).
      expect(skippedOf(summary)).toEqual(
        (verifies ? MOCK_ONLY : [...WRONG_CREDENTIALS, ...MOCK_ONLY]).sort(),
      );
    },
    60_000,
  );

  it('passes against the in-process mock, which takes any well-formed credentials', async () => {
    const summary = await runSuite(readSuiteConfig({}));
    expect(failuresOf(summary)).toEqual([]);
    expect(skippedOf(summary)).toEqual([...WRONG_CREDENTIALS].sort());
  }, 60_000);
});
