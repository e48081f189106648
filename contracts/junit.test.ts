import { formatJunit } from './junit';
import type { RunSummary } from './summary';

const summary: RunSummary = {
  target: 'https://nexus.example',
  profile: 'full',
  spec: 'spec/nexus.openapi.yaml',
  seed: 7,
  requests: 3,
  retries: 0,
  validatorViolations: [],
  findings: [],
  documentWarnings: [],
  sampling: { operations: 0, fullyChecked: [], note: undefined },
  coverage: { operations: [], documented: 0, observed: 0, percent: 100 },
  results: [
    { id: 'a.pass', title: 'passes', outcome: 'passed' },
    {
      id: 'b.fail',
      title: 'fails <badly> & "loudly"',
      outcome: 'failed',
      check: 'status_code_conformance',
      reason: 'Received: 500.\nDocumented: 200',
    },
    { id: 'c.skip', title: 'skips', outcome: 'skipped', reason: 'no credentials' },
    {
      id: 'd.warn',
      title: 'warns',
      outcome: 'warned',
      check: 'ignored_auth',
      source: 'D13: credential forms',
      reason: 'empty password accepted',
    },
  ],
};

describe('formatJunit', () => {
  const xml = formatJunit(summary, 1234);

  it('counts the cases, failures and skips, with the run time in seconds', () => {
    expect(xml).toContain(
      '<testsuites name="Nexus contract suite" tests="4" failures="1" errors="0" skipped="1" time="1.234">',
    );
  });

  it('names each case as jest does, and says why one failed or was skipped', () => {
    expect(xml).toContain('name="passes [a.pass]"/>');
    expect(xml).toContain(
      '<failure type="status_code_conformance" message="status_code_conformance: Received: 500.">Received: 500.\nDocumented: 200</failure>',
    );
    expect(xml).toContain('<skipped message="no credentials"/>');
  });

  it('writes a warning (NEXUS_DECISIONS=warn) as output of a passing case, with the decision it comes from', () => {
    expect(xml).toContain(
      '<system-out>WARN ignored_auth [D13: credential forms]: empty password accepted</system-out>',
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xml).toContain('name="fails &lt;badly&gt; &amp; &quot;loudly&quot; [b.fail]"');
    const odd = formatJunit(
      { ...summary, results: [{ id: 'x', title: 'bell\u0007', outcome: 'passed' }] },
      0,
    );
    expect(odd).toContain('name="bell [x]"');
  });
});
