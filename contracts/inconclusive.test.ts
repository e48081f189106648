/**
 * A deployment that answers 429 (or 503) to everything, after every retry the run allows, has said
 * nothing about the contract: its cases are inconclusive (skipped, saying why), never passed.
 */
import { serveOnLoopback } from '../support/loopback';
import { readSuiteConfig } from './config';
import { runSuite } from './run-suite';

it('reports every case a rate limit decided as inconclusive, none as passed or failed', async () => {
  const server = await serveOnLoopback((_req, res) => {
    res
      .writeHead(429, { 'Content-Type': 'application/problem+json', 'Retry-After': '0' })
      .end(JSON.stringify({ title: 'Too Many Requests', status: 429 }));
  });
  try {
    const summary = await runSuite(
      readSuiteConfig({
        NEXUS_BASE_URL: server.url,
        NEXUS_BASIC_USERNAME: 'u',
        NEXUS_BASIC_PASSWORD: 'pw-Q7x2r9dK4m',
        NEXUS_MAX_RETRIES: '1',
        NEXUS_CONTRACT_SEED: '9',
      }),
    );
    expect(summary.results.filter((r) => r.outcome === 'passed').map((r) => r.id)).toEqual([]);
    expect(summary.results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual([]);
    const valid = summary.results.find((r) => r.id === 'conformance.CreateMfaEnrollment.valid-call');
    expect(valid).toMatchObject({ outcome: 'skipped' });
    expect(valid?.reason).toMatch(/still answered 429 after every retry the run allows .*: inconclusive$/);
    expect(summary.retries).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
}, 60_000);
