/**
 * Against a deployment, the suite sends no enrollment that emails anybody unless NEXUS_ALLOW_EMAIL=true:
 * not in its listed inputs, its generated ones, or its invalid ones (an invalid isInteractive that a
 * broken server reads as false would email too, so the pinned parameter is never broken).
 */
import { readSuiteConfig } from './config';
import { startReferenceServer } from './mutants/reference-server';
import { runSuite } from './run-suite';

const CREDENTIALS = {
  NEXUS_BEARER_TOKEN: 'tok-Safe81kQ',
  NEXUS_APPLICATION_TOKEN: 'app-Safe27xW',
  NEXUS_BASIC_USERNAME: 'safety-user',
  NEXUS_BASIC_PASSWORD: 'pw-Safe53mZ',
  NEXUS_CONTRACT_SEED: '4',
};

async function emailsSent(env: Record<string, string>) {
  let emails = 0;
  const server = await startReferenceServer({
    onEmail: () => {
      emails++;
    },
  });
  try {
    const summary = await runSuite(readSuiteConfig({ ...CREDENTIALS, ...env, NEXUS_BASE_URL: server.url }));
    return { emails, summary };
  } finally {
    await server.close();
  }
}

it('sends no email-sending enrollment without NEXUS_ALLOW_EMAIL, and still checks the rest', async () => {
  const { emails, summary } = await emailsSent({});
  expect(emails).toBe(0);
  expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
  expect(summary.results.find((r) => r.id === 'generative.CreateMfaEnrollment.valid')?.outcome).toBe(
    'passed',
  );
  expect(
    summary.results.find((r) => r.id === 'behaviour.CreateMfaEnrollment.default-sends-email')?.reason,
  ).toMatch(/sends a real email: set NEXUS_ALLOW_EMAIL=true/);
}, 60_000);

it('sends them with NEXUS_ALLOW_EMAIL=true', async () => {
  const { emails } = await emailsSent({ NEXUS_ALLOW_EMAIL: 'true' });
  expect(emails).toBeGreaterThan(5);
}, 60_000);
