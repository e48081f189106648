/**
 * The suite through third-party tools, as CI runs it: against Prism mocking the spec, and through
 * Prism's validating proxy in front of the kit's mock. Each script is run as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';
import type { RunSummary } from '../contracts/summary';
import { BUILD_TIMEOUT_MS, buildDist } from '../support/build';
import { startAndWait } from '../support/processes';

// The scripts run from dist/, as CI runs them: build it first, so they never judge a stale copy.
beforeAll(buildDist, BUILD_TIMEOUT_MS);

function runScript(script: string, env: Record<string, string> = {}) {
  const reports = mkdtempSync(path.join(tmpdir(), 'nexus-reports-'));
  const run = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'dist', 'scripts', script)], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NEXUS_REPORTS_DIR: reports, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const summary = JSON.parse(
    readFileSync(path.join(reports, 'contracts-summary.json'), 'utf8'),
  ) as RunSummary;
  return { run, summary, junit: readFileSync(path.join(reports, 'contracts-junit.xml'), 'utf8') };
}

const outcomes = (summary: RunSummary, outcome: string) =>
  summary.results.filter((r) => r.outcome === outcome).map((r) => r.id);

describe('third-party targets', () => {
  it('passes the structural profile against Prism mocking the spec', () => {
    const { run, summary, junit } = runScript('contracts-prism.js');
    expect(run.status).toBe(0);
    expect(summary.profile).toBe('structural');
    expect(outcomes(summary, 'failed')).toEqual([]);
    expect(outcomes(summary, 'passed')).toEqual(
      expect.arrayContaining([
        'conformance.CreateMfaEnrollment.valid-call',
        'auth.CreateMfaEnrollment.no-credentials',
        'auth.CreateMfaEnrollment.accepts-Bearer+ApplicationToken',
        'auth.CreateMfaEnrollment.accepts-Basic',
        'positive.CreateMfaEnrollment',
      ]),
    );
    expect(junit).toContain('<testsuites');
  }, 150_000);

  it('passes through prism proxy --errors in front of the mock, with no violation reported', () => {
    const { run, summary } = runScript('contracts-proxy.js');
    expect(run.stdout).toContain('Prism proxy reported 0 response violations');
    expect(run.status).toBe(0);
    expect(summary.validatorViolations).toEqual([]);
    expect(outcomes(summary, 'passed')).toEqual(
      expect.arrayContaining([
        'behaviour.CreateMfaEnrollment.non-interactive-sends-email',
        'auth.CreateMfaEnrollment.Basic-empty-password',
      ]),
    );
  }, 150_000);

  it('fails through the proxy when the upstream breaks the contract, and names the violation', async () => {
    const serve = `require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/contracts/mutants/reference-server.js'))})
      .startReferenceServer({ flaw: 'email-sent-as-string' }).then((s) => console.log(s.url));`;
    const upstream = await startAndWait(process.execPath, ['-e', serve], /(http:\/\/\S+)/);
    try {
      // Longer than the redactor's pieces: a one-letter secret would be redacted wherever its letter occurs.
      const credentials = { NEXUS_BEARER_TOKEN: 'tok-proxy-7Qx', NEXUS_APPLICATION_TOKEN: 'app-proxy-7Qx' };
      const { run, summary } = runScript('contracts-proxy.js', {
        NEXUS_PROXY_TARGET: upstream.match[1] ?? '',
        ...credentials,
      });
      expect(run.status).toBe(1);
      expect(summary.validatorViolations.join('\n')).toContain('emailSent must be boolean');
    } finally {
      await upstream.stop();
    }
  }, 150_000);
});
