/**
 * `npm run contracts` as CI calls it: pointed at a deployment by NEXUS_BASE_URL, it exits non-zero
 * when the deployment breaks the contract and 0 when it honours it, and never prints a secret.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startReferenceServer, type ReferenceOptions } from '../contracts/mutants/reference-server';
import { PACKAGE_ROOT } from '../spec/document';
import { BUILD_TIMEOUT_MS, buildDist } from '../support/build';
import { runCollecting } from '../support/processes';

const SECRETS = {
  NEXUS_BEARER_TOKEN: 'tok-s3cr3t-bearer',
  NEXUS_APPLICATION_TOKEN: 'app-s3cr3t-token',
  NEXUS_BASIC_USERNAME: 'ci-user',
  NEXUS_BASIC_PASSWORD: 'pw-s3cr3t-basic',
};

// The CLI runs from dist/, as CI runs it: build it first, so it never judges a stale copy.
beforeAll(buildDist, BUILD_TIMEOUT_MS);

/** Runs the CLI without blocking this process, which serves the target. */
async function contracts(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; reports: string }> {
  const reports = mkdtempSync(path.join(tmpdir(), 'nexus-reports-'));
  const ran = await runCollecting(process.execPath, [path.join(PACKAGE_ROOT, 'dist/scripts/contracts.js')], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NEXUS_REPORTS_DIR: reports, ...env },
  });
  return { ...ran, reports };
}

async function against(options: ReferenceOptions, env: Record<string, string>) {
  const server = await startReferenceServer(options);
  try {
    return await contracts({ NEXUS_BASE_URL: server.url, ...env });
  } finally {
    await server.close();
  }
}

describe('npm run contracts against a deployment', () => {
  it('exits 1 against a deployment that breaks the contract, saying which rule', async () => {
    const { code, output } = await against(
      { flaw: 'bearer-alone-accepted' },
      { ...SECRETS, NEXUS_ALLOW_EMAIL: 'true' },
    );
    expect(code).toBe(1);
    expect(output).toContain('FAIL  auth.CreateMfaEnrollment.Bearer-without-ApplicationToken');
  }, 120_000);

  it('exits 0 against a correct deployment and writes JUnit XML', async () => {
    const { code, reports } = await against({ flavour: 'aspnet' }, { ...SECRETS, NEXUS_ALLOW_EMAIL: 'true' });
    expect(code).toBe(0);
    const junit = readFileSync(path.join(reports, 'contracts-junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites');
    expect(junit).toContain('CreateMfaEnrollment accepts Basic [auth.CreateMfaEnrollment.accepts-Basic]');
  }, 120_000);

  it('prints no secret, even when the deployment echoes the credentials into a failing answer', async () => {
    const { code, output, reports } = await against(
      { flaw: 'echoes-credentials' },
      { ...SECRETS, NEXUS_ALLOW_EMAIL: 'true' },
    );
    expect(code).toBe(1);
    const junit = readFileSync(path.join(reports, 'contracts-junit.xml'), 'utf8');
    const summary = readFileSync(path.join(reports, 'contracts-summary.txt'), 'utf8');
    expect(output).toContain('[REDACTED]');
    const basic = Buffer.from('ci-user:pw-s3cr3t-basic').toString('base64');
    for (const secret of ['tok-s3cr3t-bearer', 'app-s3cr3t-token', 'pw-s3cr3t-basic', basic]) {
      for (const text of [output, junit, summary]) expect(text).not.toContain(secret);
    }
  }, 120_000);

  it('skips, with the reason, what the missing credentials and email permission rule out', async () => {
    const { code, output } = await against(
      { flavour: 'minimal' },
      { NEXUS_BASIC_USERNAME: 'ci-user', NEXUS_BASIC_PASSWORD: 'pw' },
    );
    expect(code).toBe(0);
    expect(output).toContain('SKIP  auth.CreateMfaEnrollment.accepts-Bearer+ApplicationToken ');
    expect(output).toContain('no credentials for Bearer: set NEXUS_BEARER_TOKEN');
    expect(output).toContain('sends a real email: set NEXUS_ALLOW_EMAIL=true');
    expect(output).toContain('PASS  auth.CreateMfaEnrollment.accepts-Basic ');
  }, 120_000);
});

describe('npm run contracts with a bad setting', () => {
  it.each([
    [
      { NEXUS_SPEC: 'no/such/spec.yaml' },
      /^contracts: .*no\/such\/spec\.yaml: cannot read the file \(ENOENT\)\n$/,
    ],
    [{ NEXUS_DECISIONS: 'maybe' }, /^contracts: NEXUS_DECISIONS must be fail or warn, got 'maybe'\n$/],
  ])('exits 2 with one line for %p, before jest starts', async (env, line) => {
    const { code, output } = await contracts(env);
    expect(code).toBe(2);
    expect(output).toMatch(line);
  });
});
