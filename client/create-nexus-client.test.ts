import { createApp } from '../mock/app';
import { serveOnLoopback, type LoopbackServer } from '../support/loopback';
import { createNexusClient } from './create-nexus-client';

let mock: LoopbackServer;

beforeAll(async () => {
  mock = await serveOnLoopback(createApp({ seed: 'client' }));
});
afterAll(() => mock.close());

async function admin<T>(path: string): Promise<T> {
  return (await (await fetch(`${mock.url}/__admin${path}`)).json()) as T;
}

describe('createNexusClient against the mock', () => {
  it('creates an interactive ticket with Basic credentials', async () => {
    const nexus = createNexusClient({ baseUrl: mock.url, credentials: { username: 'alice', password: 's' } });
    const { data, error, response } = await nexus.POST('/v1/me/mfa-enrollment', {
      params: { query: { isInteractive: true, factor: 'otp' } },
    });
    expect(error).toBeUndefined();
    expect(response.headers.get('x-mock-decision')).toBe('ticket:created');
    expect(data).toMatchObject({ emailSent: false, ticketUrl: expect.stringContaining('/enrollment/') });
    const { tickets } = await admin<{ tickets: { ticketId: string; userId: string }[] }>(
      '/tickets?userId=alice',
    );
    expect(tickets.map((t) => t.ticketId)).toContain(data?.ticketId);
  });

  it('sends a bearer token with the application token', async () => {
    const nexus = createNexusClient({
      baseUrl: `${mock.url}/`,
      credentials: { bearer: 'user-42', applicationToken: 'my-app' },
    });
    const { data } = await nexus.POST('/v1/me/mfa-enrollment');
    expect(data).toMatchObject({ emailSent: true, ticketUrl: null });
    const { emails } = await admin<{ emails: unknown[] }>('/outbox?userId=user-42');
    expect(emails).toHaveLength(1);
  });

  it('returns the documented problem details as the error', async () => {
    const nexus = createNexusClient({ baseUrl: mock.url, credentials: { username: 'bob', password: 's' } });
    const { data, error, response } = await nexus.POST('/v1/me/mfa-enrollment', {
      headers: { Prefer: 'code=404' },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ status: 404, title: expect.any(String) });
  });

  it('sends its requests through the fetch it is given', async () => {
    const seen: string[] = [];
    const nexus = createNexusClient({
      baseUrl: mock.url,
      credentials: { username: 'carol', password: 's' },
      fetch: (request) => {
        seen.push(
          `${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization') ?? ''}`,
        );
        return fetch(request);
      },
    });
    await nexus.POST('/v1/me/mfa-enrollment');
    expect(seen).toEqual([`POST /v1/me/mfa-enrollment Basic ${Buffer.from('carol:s').toString('base64')}`]);
  });

  it('uses the global fetch of the moment of each call, so a fetch replaced later (MSW) is used', async () => {
    const nexus = createNexusClient({
      baseUrl: 'http://nexus.invalid',
      credentials: { username: 'd', password: 's' },
    });
    const original = globalThis.fetch;
    globalThis.fetch = () =>
      Promise.resolve(Response.json({ ticketId: 'x', emailSent: true, ticketUrl: null }));
    try {
      const { data } = await nexus.POST('/v1/me/mfa-enrollment');
      expect(data?.ticketId).toBe('x');
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('createNexusClient given unusable options', () => {
  const credentials = { username: 'alice', password: 's' };
  it.each([
    ['no options', undefined, 'expected an options object'],
    ['no base URL', { credentials }, 'baseUrl must be an absolute http(s) URL'],
    ['a relative base URL', { baseUrl: '/api', credentials }, "got '/api'"],
    [
      'a base URL with credentials',
      { baseUrl: 'http://u:p@nexus.test', credentials },
      'baseUrl must not hold credentials',
    ],
    ['a base URL with a query', { baseUrl: 'http://nexus.test?x=1', credentials }, 'must not have a query'],
    [
      'no credentials',
      { baseUrl: 'http://nexus.test' },
      'credentials must be { bearer, applicationToken } or { username, password }',
    ],
    [
      'half the bearer pair',
      { baseUrl: 'http://nexus.test', credentials: { bearer: 't' } },
      'got { bearer }',
    ],
    [
      'a fetch that is not a function',
      { baseUrl: 'http://nexus.test', credentials, fetch: 'yes' },
      'fetch must be a function',
    ],
  ])('throws at once for %s, naming what is wrong', (_name, options, message) => {
    expect(() => createNexusClient(options as never)).toThrow(`createNexusClient: `);
    expect(() => createNexusClient(options as never)).toThrow(message);
  });
});
