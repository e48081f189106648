import path from 'node:path';
import { setupServer } from 'msw/node';
import { PACKAGE_ROOT } from '../../spec/document';
import { createMockHandlers } from './create-mock-handlers';

const BASE = 'http://nexus.test/api';
const ENROLL = `${BASE}/v1/me/mfa-enrollment`;
const ADMIN = `${BASE}/__admin`;
const alice = { Authorization: `Basic ${Buffer.from('alice:secret').toString('base64')}` };

interface Ticket {
  ticketId: string;
  emailSent: boolean;
  ticketUrl: string | null;
}

const unhandled: string[] = [];
const server = setupServer();
let mock = createMockHandlers({ baseUrl: BASE, seed: 'msw' });

beforeAll(() => {
  server.listen({
    onUnhandledRequest: (request) => {
      unhandled.push(request.url);
    },
  });
});
beforeEach(() => {
  mock = createMockHandlers({ baseUrl: BASE, seed: 'msw' });
  server.resetHandlers(...mock.handlers);
  unhandled.length = 0;
});
afterAll(() => {
  server.close();
});

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('createMockHandlers', () => {
  it('answers an interactive enrollment with a ticket whose URL is under the base URL', async () => {
    const response = await fetch(`${ENROLL}?isInteractive=true&factor=otp`, {
      method: 'POST',
      headers: alice,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mock-decision')).toBe('ticket:created');
    const ticket = await json<Ticket>(response);
    expect(ticket.emailSent).toBe(false);
    expect(ticket.ticketUrl).toBe(`${BASE}/enrollment/${ticket.ticketId}`);
    const page = await fetch(ticket.ticketUrl ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(ticket.ticketId);
  });

  it('sends a management enrollment to the outbox, which fetch reads from the admin API', async () => {
    const response = await fetch(ENROLL, {
      method: 'POST',
      headers: { Authorization: 'Bearer user-42', 'X-Application-Token': 'my-app' },
    });
    expect(await json<Ticket>(response)).toMatchObject({ emailSent: true, ticketUrl: null });
    const { emails } = await json<{ emails: { userId: string; ticketUrl: string }[] }>(
      await fetch(`${ADMIN}/outbox?userId=user-42`),
    );
    expect(emails).toHaveLength(1);
    expect(emails[0]?.userId).toBe('user-42');
    expect(emails[0]?.ticketUrl.startsWith(`${BASE}/enrollment/`)).toBe(true);
  });

  it.each([
    ['no credentials', {}, 401, 'auth:missing-credentials'],
    [
      'a bearer token without the application token',
      { Authorization: 'Bearer t' },
      401,
      'auth:missing-application-token',
    ],
  ])('rejects %s with problem details', async (_name, headers, status, decision) => {
    const response = await fetch(ENROLL, { method: 'POST', headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('x-mock-decision')).toBe(decision);
    expect(await json<{ status: number }>(response)).toMatchObject({ status });
  });

  it('refuses the event stream at once (it never ends; the admin API is read instead)', async () => {
    const res = await fetch(`${ADMIN}/events`);
    expect(res.status).toBe(501);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await json<{ detail: string }>(res)).detail).toContain('/__admin/tickets');
  });

  it('validates the query and names every bad parameter', async () => {
    const response = await fetch(`${ENROLL}?isInteractive=maybe&factor=sms`, {
      method: 'POST',
      headers: alice,
    });
    expect(response.status).toBe(400);
    const problem = await json<{ errors: { name: string }[] }>(response);
    expect(problem.errors.map((e) => e.name).sort()).toEqual(['factor', 'isInteractive']);
  });

  it('forces a documented answer with Prefer', async () => {
    const response = await fetch(ENROLL, { method: 'POST', headers: { ...alice, Prefer: 'code=404' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-mock-decision')).toBe('prefer:code=404');
  });

  it('applies a scenario set through the admin API, then stops once it is spent', async () => {
    const created = await fetch(`${ADMIN}/scenarios`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 404, times: 1 }),
    });
    expect(created.status).toBe(201);
    const first = await fetch(ENROLL, { method: 'POST', headers: alice });
    expect(first.status).toBe(404);
    const second = await fetch(ENROLL, { method: 'POST', headers: alice });
    expect(second.status).toBe(200);
  });

  it.each(['connection-drop', 'empty-response'])(
    'turns the %s fault into a network error, as fetch reports one',
    async (name) => {
      expect((await fetch(`${ADMIN}/scenarios/catalog/${name}`, { method: 'POST' })).status).toBe(201);
      await expect(fetch(ENROLL, { method: 'POST', headers: alice })).rejects.toThrow(TypeError);
    },
  );

  it('answers with half a body for the malformed-json fault', async () => {
    await fetch(`${ADMIN}/scenarios/catalog/malformed-json`, { method: 'POST' });
    const response = await fetch(ENROLL, { method: 'POST', headers: alice });
    expect(response.headers.get('x-mock-decision')).toMatch(/^scenario:scn_\d+:malformed-body$/);
    await expect(response.json()).rejects.toHaveProperty('name', 'SyntaxError');
  });

  it('answers an unknown path under the base URL with the mock own 404 problem', async () => {
    const response = await fetch(`${BASE}/v2/nothing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('leaves requests outside the base URL to other handlers', async () => {
    await fetch('http://nexus.test/other/v1/me/mfa-enrollment', { method: 'POST', headers: alice }).catch(
      () => undefined,
    );
    expect(unhandled).toEqual(['http://nexus.test/other/v1/me/mfa-enrollment']);
  });

  it('forgets every ticket, email and scenario on reset()', async () => {
    await fetch(ENROLL, {
      method: 'POST',
      headers: { Authorization: 'Bearer u', 'X-Application-Token': 'a' },
    });
    await fetch(`${ADMIN}/scenarios`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 404 }),
    });
    mock.reset();
    expect(await json<unknown>(await fetch(`${ADMIN}/tickets`))).toEqual({ tickets: [] });
    expect(await json<unknown>(await fetch(`${ADMIN}/outbox`))).toEqual({ emails: [] });
    expect(await json<unknown>(await fetch(`${ADMIN}/scenarios`))).toMatchObject({ scenarios: [] });
  });

  it('gives the same ids to two handler sets with the same seed, and again after reset()', async () => {
    const ids = async (): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${ENROLL}?isInteractive=true`, { method: 'POST', headers: alice });
        out.push((await json<Ticket>(response)).ticketId);
      }
      return out;
    };
    const first = await ids();
    server.resetHandlers(...createMockHandlers({ baseUrl: BASE, seed: 'msw' }).handlers);
    expect(await ids()).toEqual(first);
    const other = createMockHandlers({ baseUrl: BASE, seed: 'another' });
    server.resetHandlers(...other.handlers);
    const different = await ids();
    expect(different).not.toEqual(first);
    other.reset();
    expect(await ids()).toEqual(different);
  });

  it('serves another document given as spec', async () => {
    const pets = createMockHandlers({
      baseUrl: 'http://pets.test',
      spec: path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml'),
    });
    server.resetHandlers(...pets.handlers);
    const response = await fetch('http://pets.test/pets/7', { headers: { Authorization: 'Bearer t-1' } });
    expect(response.status).toBe(200);
  });
});

describe('createMockHandlers given unusable options', () => {
  it.each([
    ['no options', undefined, 'expected an options object'],
    ['no base URL', {}, 'baseUrl must be an absolute http(s) URL'],
    ['a relative base URL', { baseUrl: '/api' }, "got '/api'"],
    ['another scheme', { baseUrl: 'ftp://nexus.test' }, "baseUrl must use http or https, got 'ftp:'"],
    ['a base URL with a query', { baseUrl: 'http://nexus.test/?a=1' }, 'baseUrl must not have a query'],
    ['a misspelt option', { baseURL: 'http://nexus.test' }, "unknown option 'baseURL'"],
    ['an empty seed', { baseUrl: BASE, seed: '' }, 'seed must be a non-empty string'],
    [
      'a spec that is a number',
      { baseUrl: BASE, spec: 3 },
      'spec must be a path or a parsed OpenAPI 3.1 document',
    ],
    [
      'a spec file that does not exist',
      { baseUrl: BASE, spec: '/nowhere/api.yaml' },
      '/nowhere/api.yaml: cannot read the file',
    ],
    [
      'an OpenAPI version the kit does not read',
      { baseUrl: BASE, spec: { openapi: '4.0.0', info: {}, paths: {} } },
      'createMockHandlers: spec:',
    ],
  ])('throws at once for %s, naming what is wrong', (_name, options, message) => {
    expect(() => createMockHandlers(options as never)).toThrow(message);
  });
});
