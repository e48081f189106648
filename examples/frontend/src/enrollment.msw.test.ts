/** The module against the kit's MSW handlers: the mock runs inside the test, no server, no port. */
import { setupServer } from 'msw/node';
import { createNexusClient } from 'nexus-mock-kit/client';
import { createMockHandlers } from 'nexus-mock-kit/msw';
import { startEnrollment } from './enrollment';

const baseUrl = 'https://nexus.example.test';
const mock = createMockHandlers({ baseUrl, seed: 'frontend' });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

const nexus = createNexusClient({ baseUrl, credentials: { bearer: 'user-42', applicationToken: 'my-app' } });

/** Switches on one of the mock's ready-made scenarios for the next requests. */
async function scenario(name: string): Promise<void> {
  const response = await fetch(`${baseUrl}/__admin/scenarios/catalog/${name}`, { method: 'POST' });
  expect(response.status).toBe(201);
}

describe('startEnrollment against the MSW handlers', () => {
  it('sends a self-service user to the enrollment page', async () => {
    const view = await startEnrollment(nexus, { selfService: true, factor: 'otp' });
    expect(view.kind).toBe('redirect');
    expect(view.kind === 'redirect' && view.url).toMatch(/^https:\/\/nexus\.example\.test\/enrollment\//);
  });

  it('emails the link otherwise, and the outbox shows the email', async () => {
    const view = await startEnrollment(nexus, { selfService: false });
    expect(view.kind).toBe('email-sent');
    const outbox = (await (await fetch(`${baseUrl}/__admin/outbox?userId=user-42`)).json()) as {
      emails: { userId: string; ticketId: string }[];
    };
    expect(outbox.emails).toHaveLength(1);
    expect(outbox.emails[0]?.ticketId).toBe(view.kind === 'email-sent' ? view.ticketId : 'none');
  });

  it('shows the problem detail the API sends for a missing user', async () => {
    await scenario('user-not-found');
    expect(await startEnrollment(nexus, { selfService: true })).toEqual({
      kind: 'error',
      status: 404,
      message: expect.stringContaining('does not exist'),
    });
  });

  it('asks the user to sign in again on 401', async () => {
    await scenario('unauthorized');
    const view = await startEnrollment(nexus, { selfService: true });
    expect(view).toEqual({ kind: 'error', status: 401, message: 'Your session has expired. Sign in again.' });
  });

  it('says the service could not be reached when the connection drops', async () => {
    await scenario('connection-drop');
    const view = await startEnrollment(nexus, { selfService: true });
    expect(view).toMatchObject({ kind: 'error', status: 0 });
  });

  it('starts every test from the same state: the same seed gives the same first ticket', async () => {
    const first = await startEnrollment(nexus, { selfService: false });
    mock.reset();
    expect(await startEnrollment(nexus, { selfService: false })).toEqual(first);
  });
});
