import request from 'supertest';
import { createApp } from '../../app';
import { basic, enroll, problemOf } from '../../test-support/http';

const alice = basic('alice');

async function stateOf(app: ReturnType<typeof createApp>) {
  const tickets = ((await request(app).get('/__admin/tickets')).body as { tickets: unknown[] }).tickets;
  const emails = ((await request(app).get('/__admin/outbox')).body as { emails: unknown[] }).emails;
  return { tickets: tickets.length, emails: emails.length };
}

describe('forcing a response with Prefer', () => {
  it.each([200, 400, 401, 404])(
    'serves the documented %i with a body that validates against the spec',
    async (code) => {
      const app = createApp({ seed: 'prefer' });
      const res = await enroll(app, {
        query: 'isInteractive=true',
        headers: { ...alice, Prefer: `code=${code}` },
      });
      expect(res.status).toBe(code);
      expect(res.headers['x-mock-decision']).toBe(`prefer:code=${code}`);
      expect(await stateOf(app)).toEqual({ tickets: 0, emails: 0 });
    },
  );

  it('answers a forced 401 with a challenge and a forced 404 naming the user', async () => {
    const app = createApp({ seed: 'prefer' });
    const unauthorized = await enroll(app, { headers: { ...alice, Prefer: 'code=401' } });
    expect(unauthorized.headers['www-authenticate']).toContain('Basic');
    const notFound = await enroll(app, { headers: { ...alice, Prefer: 'code=404' } });
    expect(problemOf(notFound).detail).toBe("The user 'alice' does not exist.");
  });

  it('shapes a forced 200 like the real answer to the request, without creating a ticket', async () => {
    const app = createApp({ seed: 'prefer' });
    const interactive = await enroll(app, {
      query: 'isInteractive=true',
      headers: { ...alice, Prefer: 'code=200' },
    });
    expect(interactive.body).toEqual({
      ticketId: expect.any(String),
      emailSent: false,
      ticketUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/enrollment\//),
    });
    const emailed = await enroll(app, { headers: { ...alice, Prefer: 'code=200' } });
    expect(emailed.body).toEqual({ ticketId: expect.any(String), emailSent: true, ticketUrl: null });
    expect(await stateOf(app)).toEqual({ tickets: 0, emails: 0 });
  });

  it.each([500, 503, 429, 418])(
    'serves %i, which has no response of its own, from the default problem response',
    async (code) => {
      const res = await enroll(createApp({ seed: 'prefer' }), {
        headers: { ...alice, Prefer: `code=${code}` },
        serverErrorExpected: true,
      });
      expect(res.status).toBe(code);
      expect(problemOf(res).status).toBe(code);
    },
  );

  it('asks a client to come back after a forced 503 or 429', async () => {
    const res = await enroll(createApp(), {
      headers: { ...alice, Prefer: 'code=503' },
      serverErrorExpected: true,
    });
    expect(res.headers['retry-after']).toBe('1');
  });

  it.each([
    {
      prefer: 'code=abc',
      says: 'Prefer code=abc is not an HTTP status. Allowed: 200, 400, 401, 404, or any other 4xx/5xx status (the default response).',
    },
    { prefer: 'code=999', says: 'Prefer code=999 is not an HTTP status.' },
    { prefer: 'code=204', says: 'Prefer code=204 is not documented for this operation.' },
    {
      prefer: 'example=nope',
      says: 'Prefer example=nope names no example. Examples: interactive (200), emailSent (200), invalidFactor (400)',
    },
    { prefer: 'code=404, example=interactive', says: 'Prefer example=interactive names no example of 404.' },
    { prefer: 'dynamic=maybe', says: 'Prefer dynamic=maybe must be true or false.' },
    { prefer: 'example=interactive, dynamic=true', says: 'cannot be combined' },
  ])('answers Prefer: $prefer with a 400 that says what is allowed', async ({ prefer, says }) => {
    const app = createApp();
    const res = await enroll(app, { headers: { ...alice, Prefer: prefer } });
    expect(res.status).toBe(400);
    expect(res.headers['x-mock-decision']).toBe('prefer:invalid');
    expect(problemOf(res)).toMatchObject({ code: 'invalid-prefer', detail: expect.stringContaining(says) });
    expect(await stateOf(app)).toEqual({ tickets: 0, emails: 0 });
  });

  it('serves a named example, with the status of its response', async () => {
    const res = await enroll(createApp(), { headers: { ...alice, Prefer: 'example=invalidFactor' } });
    expect(res.status).toBe(400);
    expect(problemOf(res).detail).toContain("query parameter 'factor' must be one of");
    const unavailable = await enroll(createApp(), {
      headers: { ...alice, Prefer: 'example=serviceUnavailable' },
      serverErrorExpected: true,
    });
    expect(unavailable.status).toBe(503);
  });

  it('generates a body from the schema with dynamic=true, the same for the same seed', async () => {
    const body = async () =>
      (await enroll(createApp({ seed: 'dyn' }), { headers: { ...alice, Prefer: 'code=404, dynamic=true' } }))
        .body as unknown;
    const first = await body();
    expect(first).toMatchObject({ status: 404 });
    expect(await body()).toEqual(first);
    const other = (
      await enroll(createApp({ seed: 'other' }), { headers: { ...alice, Prefer: 'code=404, dynamic=true' } })
    ).body as unknown;
    expect(other).not.toEqual(first);
  });

  it.each([
    { query: '__code=404', status: 404, decision: 'prefer:code=404' },
    { query: '__example=invalidIsInteractive', status: 400, decision: 'prefer:example=invalidIsInteractive' },
    { query: '__code=200&__dynamic=true', status: 200, decision: 'prefer:code=200,dynamic=true' },
  ])('takes the query twin ?$query', async ({ query, status, decision }) => {
    const res = await enroll(createApp(), { query, headers: alice });
    expect(res.status).toBe(status);
    expect(res.headers['x-mock-decision']).toBe(decision);
  });

  it('lets the query twin win over the header', async () => {
    const res = await enroll(createApp(), { query: '__code=401', headers: { ...alice, Prefer: 'code=404' } });
    expect(res.status).toBe(401);
  });

  it('ignores preferences it does not know', async () => {
    const res = await enroll(createApp(), {
      query: 'isInteractive=true',
      headers: { ...alice, Prefer: 'return=minimal, respond-async' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('ticket:created');
  });

  it('still checks credentials and the query first', async () => {
    const app = createApp();
    expect((await enroll(app, { headers: { Prefer: 'code=200' } })).status).toBe(401);
    expect(
      (await enroll(app, { query: 'isInteractive=maybe', headers: { ...alice, Prefer: 'code=200' } })).status,
    ).toBe(400);
  });
});
