import { readSuiteConfig } from './config';
import { findingsOf } from './findings';
import type { CaseResult } from './runner';
import { runSuite } from './run-suite';
import { formatSummary } from './summary';
import { serveOnLoopback } from '../support/loopback';

const failed = (id: string, reason: string, check = 'response_headers_conformance'): CaseResult => ({
  id,
  title: id,
  outcome: 'failed',
  check,
  source: 'seed',
  reason,
});

describe('findingsOf', () => {
  it('groups failures on the same rule for the same reason, whatever request each names', () => {
    const findings = findingsOf([
      failed('a', 'GET /x?y=1: a 401 must carry WWW-Authenticate. Received headers: none'),
      { id: 'p', title: 'p', outcome: 'passed' },
      failed('b', 'POST /z: a 401 must carry WWW-Authenticate. Received headers: none\nminimal request ...'),
      failed('c', 'POST /z: a 401 must carry WWW-Authenticate. Received headers: none', 'other_check'),
      failed('d', 'GET /x: server error. Received: 500'),
    ]);
    expect(findings.map((f) => [f.check, f.count, f.cases])).toEqual([
      ['response_headers_conformance', 2, ['a', 'b']],
      ['other_check', 1, ['c']],
      ['response_headers_conformance', 1, ['d']],
    ]);
    expect(findings[0]?.reason).toBe('a 401 must carry WWW-Authenticate. Received headers: none');
  });
});

it('shows one missing challenge on every 401 once in the summary, with its count and cases, and still fails the run', async () => {
  // A correct-looking deployment but for one thing: every 401 lacks WWW-Authenticate.
  const server = await serveOnLoopback((_req, res) => {
    res
      .writeHead(401, { 'Content-Type': 'application/problem+json' })
      .end(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }));
  });
  try {
    const summary = await runSuite(
      readSuiteConfig({ NEXUS_BASE_URL: server.url, NEXUS_CONTRACT_SEED: '1', NEXUS_MAX_RETRIES: '0' }),
    );
    const challenge = summary.findings.find((f) => f.reason.includes('WWW-Authenticate is missing'));
    expect(challenge?.count).toBeGreaterThan(3);
    const text = formatSummary(summary);
    expect(text.match(/WWW-Authenticate is missing/g)).toHaveLength(2); // its first case, and the finding
    expect(text).toMatch(/same cause as finding \d+/);
    expect(text).toContain(`x${challenge?.count ?? 0}: `);
    expect(summary.results.some((r) => r.outcome === 'failed')).toBe(true);
  } finally {
    await server.close();
  }
}, 60_000);
