/**
 * Proof that the suite is sharp and precise: it must fail against every deliberately broken server
 * and pass against every correct one, including correct servers that differ where the spec leaves room.
 */
import { readSuiteConfig, type SuiteConfig } from '../config';
import { runSuite } from '../run-suite';
import type { RunSummary } from '../summary';
import { CORRECT_FLAVOURS, MUTANTS } from './catalogue';
import { startReferenceServer, type ReferenceOptions } from './reference-server';

const CREDENTIALS = {
  NEXUS_BEARER_TOKEN: 'self-test-user',
  NEXUS_APPLICATION_TOKEN: 'self-test-app',
  NEXUS_BASIC_USERNAME: 'self-test-user',
  NEXUS_BASIC_PASSWORD: 'self-test-password',
  NEXUS_ALLOW_EMAIL: 'true',
  NEXUS_TIMEOUT_MS: '1500',
  NEXUS_MAX_RETRIES: '0',
};

async function runAgainst(options: ReferenceOptions): Promise<RunSummary> {
  const server = await startReferenceServer(options);
  try {
    const config: SuiteConfig = readSuiteConfig({ ...CREDENTIALS, NEXUS_BASE_URL: server.url });
    return await runSuite(config);
  } finally {
    await server.close();
  }
}

const failuresOf = (summary: RunSummary) => summary.results.filter((r) => r.outcome === 'failed');
const killed: string[] = [];
const survived: string[] = [];

afterAll(() => {
  process.stdout.write(
    `\nContract suite kill rate: ${killed.length}/${MUTANTS.length} broken servers detected` +
      `${survived.length > 0 ? ` (survived: ${survived.join(', ')})` : ''}\n`,
  );
});

describe('the contract suite against broken servers', () => {
  it.each(MUTANTS)(
    'fails against $flaw ($breaks)',
    async ({ flaw }) => {
      const failures = failuresOf(await runAgainst({ flaw }));
      (failures.length > 0 ? killed : survived).push(flaw);
      expect(failures.length).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('the contract suite against correct servers', () => {
  it.each(CORRECT_FLAVOURS)(
    'passes against the $flavour server ($differs)',
    async ({ flavour }) => {
      const summary = await runAgainst({ flavour });
      expect(failuresOf(summary)).toEqual([]);
      // Only the mock's own control plane is out of reach.
      expect(summary.results.filter((r) => r.outcome === 'skipped').map((r) => r.id)).toEqual([
        'mock.prefer-code',
        'mock.ticket-in-admin',
        'mock.email-in-outbox',
      ]);
    },
    60_000,
  );

  it('passes against the in-process mock with nothing skipped', async () => {
    const summary = await runSuite(readSuiteConfig({}));
    expect(failuresOf(summary)).toEqual([]);
    expect(summary.results.every((r) => r.outcome === 'passed')).toBe(true);
  }, 60_000);
});
