/**
 * Against a mock protected by `--admin-token`, the mock-only checks reach the admin API with
 * NEXUS_ADMIN_TOKEN, and the token never shows in a report.
 */
import { createApp } from '../mock/app';
import { serveOnLoopback } from '../support/loopback';
import { readSuiteConfig } from './config';
import { runSuite } from './run-suite';
import { STAND_IN_ENV } from './stand-ins';

const TOKEN = 'admin-Vq83kLm29xZt';

async function againstProtectedMock(env: Record<string, string>) {
  const server = await serveOnLoopback(createApp({ seed: 'admin-token', adminToken: TOKEN }));
  try {
    return await runSuite(
      readSuiteConfig({ ...STAND_IN_ENV, NEXUS_ALLOW_EMAIL: 'true', ...env, NEXUS_BASE_URL: server.url }),
    );
  } finally {
    await server.close();
  }
}

it('runs the mock-only checks with NEXUS_ADMIN_TOKEN, and never shows the token', async () => {
  const summary = await againstProtectedMock({ NEXUS_ADMIN_TOKEN: TOKEN });
  expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
  expect(summary.results.find((r) => r.id === 'mock.ticket-in-admin')?.outcome).toBe('passed');
  expect(JSON.stringify(summary)).not.toContain(TOKEN);
}, 60_000);

it('fails the admin checks without it, with the 401 in the message', async () => {
  const summary = await againstProtectedMock({});
  const failed = summary.results.find((r) => r.id === 'mock.ticket-in-admin');
  expect(failed?.outcome).toBe('failed');
  expect(failed?.reason).toContain('401');
}, 60_000);
