import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decisionForViolation } from '../spec/decisions';
import { loadSpec, SPEC_PATH } from '../spec/document';
import { readSuiteConfig } from './config';
import { loadDecisionNames, SUITE_DECISIONS } from './decisions';
import { startReferenceServer, type ReferenceOptions } from './mutants/reference-server';
import { runSuite } from './run-suite';

/** The ids of the table of rules the suite adds (the second table of ASSUMPTIONS.md). */
function suiteRulesInAssumptions(): string[] {
  const text = readFileSync(path.join(path.dirname(SPEC_PATH), 'ASSUMPTIONS.md'), 'utf8');
  const part = text.split('## Rules the contract suite enforces')[1] ?? '';
  return [...part.matchAll(/^\| (D\d+) \|/gm)].map((m) => m[1] ?? '');
}

describe('the decisions the suite enforces', () => {
  it('lists every rule the suite names in ASSUMPTIONS.md, and no other', () => {
    expect(Object.values(SUITE_DECISIONS).sort()).toEqual(suiteRulesInAssumptions().sort());
  });

  it('has a short name for every decision, for failure messages', () => {
    const names = loadDecisionNames();
    expect(names.get('D2')).toBe('factor list');
    expect(names.get('D13')).toBe('credential forms');
    expect([...names.keys()]).toHaveLength(16);
  });

  it.each([
    { instancePath: '/ticketUrl', expected: 'D5' },
    { instancePath: '', expected: 'D4' },
    { instancePath: '/emailSent', expected: undefined },
  ])(
    'traces a violation at $instancePath to the decision on its schema node',
    ({ instancePath, expected }) => {
      expect(decisionForViolation(loadSpec(), '#/components/schemas/MfaEnrollmentTicket', instancePath)).toBe(
        expected,
      );
    },
  );
});

const ENV = {
  NEXUS_BEARER_TOKEN: 'tok-decisions-7c1',
  NEXUS_APPLICATION_TOKEN: 'app-decisions-2f9',
  NEXUS_BASIC_USERNAME: 'decisions-user',
  NEXUS_BASIC_PASSWORD: 'pw-decisions-5e3',
  NEXUS_ALLOW_EMAIL: 'true',
  NEXUS_CONTRACT_SEED: '11',
  NEXUS_TIMEOUT_MS: '1500',
};

async function runAgainst(options: ReferenceOptions, env: Record<string, string> = {}) {
  const server = await startReferenceServer(options);
  try {
    return await runSuite(readSuiteConfig({ ...ENV, ...env, NEXUS_BASE_URL: server.url }));
  } finally {
    await server.close();
  }
}

describe('NEXUS_DECISIONS', () => {
  it('fails a broken decision rule by default, naming the decision', async () => {
    const summary = await runAgainst({ flaw: 'empty-basic-password-accepted' });
    const failed = summary.results.filter((r) => r.outcome === 'failed');
    expect(failed.map((r) => [r.id, r.source])).toContainEqual([
      'auth.CreateMfaEnrollment.Basic-empty-password',
      'D13: credential forms',
    ]);
  }, 60_000);

  it('=warn reports it as a warning, so a deployment that legitimately differs passes', async () => {
    const summary = await runAgainst({ flaw: 'empty-basic-password-accepted' }, { NEXUS_DECISIONS: 'warn' });
    expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
    const warned = summary.results.find((r) => r.id === 'auth.CreateMfaEnrollment.Basic-empty-password');
    expect(warned).toMatchObject({ outcome: 'warned', source: 'D13: credential forms' });
  }, 60_000);

  it('=warn still fails a rule of the seed', async () => {
    const summary = await runAgainst({ flaw: 'ignores-auth' }, { NEXUS_DECISIONS: 'warn' });
    const failed = summary.results.filter((r) => r.outcome === 'failed');
    expect(failed.map((r) => [r.id, r.source])).toContainEqual([
      'auth.CreateMfaEnrollment.no-credentials',
      'seed',
    ]);
  }, 60_000);
});
