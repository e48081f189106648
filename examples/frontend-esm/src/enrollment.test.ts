/**
 * The kit in an ES module project, as most new frontend projects are: `"type": "module"`,
 * `moduleResolution: nodenext`, `skipLibCheck: false`, msw 2. Every entry point is imported as an ES
 * module; tsc checks the kit's declarations with msw's own (one copy of msw's classes, so the kit's
 * handlers are msw's handlers), and `node --test` runs what tsc wrote.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { startServer } from 'nexus-mock-kit';
import { createNexusClient } from 'nexus-mock-kit/client';
import { createMockHandlers } from 'nexus-mock-kit/msw';
import { MFA_FACTORS, type MfaFactor } from 'nexus-mock-kit/types';

const baseUrl = 'https://nexus.example.test';
const mock = createMockHandlers({ baseUrl, seed: 'esm' });
const server = setupServer(...mock.handlers);
const nexus = createNexusClient({ baseUrl, credentials: { bearer: 'user-42', applicationToken: 'my-app' } });
const factor: MfaFactor = MFA_FACTORS[0] ?? 'otp';

describe('the kit through MSW, in an ES module project', () => {
  before(() => {
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    mock.reset();
  });
  after(() => {
    server.close();
  });

  it('sends a self-service user to the enrollment page', async () => {
    const { data, response } = await nexus.POST('/v1/me/mfa-enrollment', {
      params: { query: { isInteractive: true, factor } },
    });
    assert.equal(response.status, 200);
    assert.match(data?.ticketUrl ?? '', /^https:\/\/nexus\.example\.test\/enrollment\//);
  });

  it('refuses a request without credentials with a problem', async () => {
    const answer = await fetch(`${baseUrl}/v1/me/mfa-enrollment?isInteractive=true`, { method: 'POST' });
    assert.equal(answer.status, 401);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });

  it('gives the same first ticket for the same seed after reset()', async () => {
    const enroll = async (): Promise<string | undefined> =>
      (await nexus.POST('/v1/me/mfa-enrollment', { params: { query: { isInteractive: false } } })).data
        ?.ticketId ?? undefined;
    const first = await enroll();
    mock.reset();
    assert.equal(await enroll(), first);
    assert.notEqual(first, undefined);
  });
});

describe('the kit as a server, in an ES module project', () => {
  it('starts the mock from code and emails the link to a management user', async () => {
    const running = await startServer({ port: 0, seed: 'esm' });
    try {
      const client = createNexusClient({
        baseUrl: running.url,
        credentials: { bearer: 'user-7', applicationToken: 'my-app' },
      });
      const { response } = await client.POST('/v1/me/mfa-enrollment', {
        params: { query: { isInteractive: false } },
      });
      assert.equal(response.status, 200);
      const outbox = (await (await fetch(`${running.url}/__admin/outbox`)).json()) as { emails: unknown[] };
      assert.equal(outbox.emails.length, 1);
    } finally {
      await running.close();
    }
  });
});
