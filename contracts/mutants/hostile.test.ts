/**
 * A broken deployment cannot hold CI hostage (issue 18): against each hostile server the run ends,
 * every case that reached it fails naming the operation and the limit it broke, none passes and
 * none is waved through as inconclusive, and the reports stay small. Times and memory are measured
 * by `npm run bench:hostile`, not here.
 */
import { readSuiteConfig } from '../config';
import { runSuite } from '../run-suite';
import type { RunSummary } from '../summary';
import { startHostileServer, type HostileKind } from './hostile-servers';

const LIMITS = {
  NEXUS_REQUEST_TIMEOUT_MS: '1500',
  NEXUS_MAX_BODY_BYTES: String(1024 * 1024),
  NEXUS_BEARER_TOKEN: 'tok-Hostile7Zq',
  NEXUS_APPLICATION_TOKEN: 'app-Hostile7Zq',
  NEXUS_CONTRACT_SEED: '18',
};

async function runAgainst(kind: HostileKind, env: Record<string, string> = {}): Promise<RunSummary> {
  const server = await startHostileServer(kind);
  try {
    return await runSuite(readSuiteConfig({ ...LIMITS, NEXUS_BASE_URL: server.url, ...env }));
  } finally {
    await server.close();
  }
}

const reasons = (summary: RunSummary): string[] =>
  summary.results.filter((r) => r.outcome === 'failed').map((r) => r.reason ?? '');

describe('the contract suite against a hostile deployment', () => {
  it.each<[HostileKind, RegExp]>([
    [
      'never-answers',
      /^(GET|POST) \/v1\/me\/mfa-enrollment\S*: no response headers within 1500 ms \(NEXUS_REQUEST_TIMEOUT_MS\)/,
    ],
    ['headers-byte-at-a-time', /: no response headers within 1500 ms \(NEXUS_REQUEST_TIMEOUT_MS\)/],
    ['body-byte-every-2s', /: the body did not end \(\d+ bytes received\) within 1500 ms/],
    ['endless-json', /: the body is larger than 1 MB \(NEXUS_MAX_BODY_BYTES\)/],
    ['gzip-bomb', /: the body is larger than 1 MB \(NEXUS_MAX_BODY_BYTES\)/],
    ['body-190mb', /: the body is larger than 1 MB \(NEXUS_MAX_BODY_BYTES\)/],
    ['garbage', /: the connection failed \(HPE_/],
    ['reset-midway', /: (the connection failed|the connection closed before the body ended)/],
    ['short-body', /: the connection closed before the body ended/],
  ])(
    'fails against a deployment that %s, naming the limit, and passes nothing',
    async (kind, breach) => {
      const summary = await runAgainst(kind);
      expect(summary.results.filter((r) => r.outcome === 'passed').map((r) => r.id)).toEqual([]);
      const failed = reasons(summary);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]).toMatch(breach);
      // No failure is waved through as inconclusive: every skip is a profile's, a credential's or a mock's.
      const skipped = summary.results.filter((r) => r.outcome === 'skipped').map((r) => r.reason ?? '');
      expect(skipped.filter((reason) => reason.includes('inconclusive'))).toEqual([]);
    },
    60_000,
  );

  it('gives up on a deployment that stops answering after a few requests, saying why', async () => {
    const summary = await runAgainst('never-answers');
    expect(summary.requests).toBeLessThanOrEqual(3);
    expect(reasons(summary).at(-1)).toMatch(
      /not sent: the last 3 requests got no complete answer in time \(no response headers within 1500 ms/,
    );
  }, 60_000);

  it('quotes a 5 MB answer in a few hundred characters, so reports stay small', async () => {
    const summary = await runAgainst('body-5mb', { NEXUS_MAX_BODY_BYTES: String(10 * 1024 * 1024) });
    const failed = reasons(summary);
    expect(failed.join('\n')).toContain('characters)');
    expect(Math.max(...failed.map((reason) => reason.length))).toBeLessThan(5000);
    expect(JSON.stringify(summary).length).toBeLessThan(500_000);
  }, 60_000);

  it('ends at NEXUS_RUN_TIMEOUT_MS and still summarizes what ran, with one failure saying why', async () => {
    const summary = await runAgainst('body-byte-every-2s', {
      NEXUS_REQUEST_TIMEOUT_MS: '60000',
      NEXUS_RUN_TIMEOUT_MS: '1000',
    });
    const stopped = summary.results.find((r) => r.id === 'run.stopped');
    expect(stopped).toMatchObject({ outcome: 'failed', check: 'run_completed' });
    expect(stopped?.reason).toMatch(/^the run reached NEXUS_RUN_TIMEOUT_MS \(1 s\): \d+ cases did not run$/);
    expect(reasons(summary)[0]).toContain('the run reached NEXUS_RUN_TIMEOUT_MS (1 s)');
    expect(summary.results.filter((r) => r.reason?.startsWith('not run:')).length).toBeGreaterThan(5);
  }, 60_000);
});
