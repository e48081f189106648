import request from 'supertest';
import { MFA_FACTORS } from '../../../spec/types';
import { createApp } from '../../app';
import { basic, enroll, problemOf } from '../../test-support/http';

interface TicketBody {
  ticketId: string;
  emailSent: boolean;
  ticketUrl: string | null;
}

const alice = basic('alice');

describe('query validation', () => {
  const app = createApp({ seed: 'validation' });

  it.each([
    {
      query: 'isInteractive=maybe',
      errors: [{ in: 'query', name: 'isInteractive', message: 'must be boolean' }],
    },
    { query: 'isInteractive=', errors: [{ in: 'query', name: 'isInteractive', message: 'must be boolean' }] },
    {
      query: 'isInteractive=TRUE',
      errors: [{ in: 'query', name: 'isInteractive', message: 'must be boolean' }],
    },
    {
      query: 'isInteractive=true&isInteractive=false',
      errors: [{ in: 'query', name: 'isInteractive', message: 'must be given once' }],
    },
    {
      query: 'factor=sms',
      errors: [{ in: 'query', name: 'factor', message: `must be one of: ${MFA_FACTORS.join(', ')}` }],
    },
    {
      query: 'factor=otp&factor=otp',
      errors: [{ in: 'query', name: 'factor', message: 'must be given once' }],
    },
  ])('rejects ?$query with 400 naming the parameter and the reason', async ({ query, errors }) => {
    const res = await enroll(app, { query, headers: alice });
    expect(res.status).toBe(400);
    expect(res.headers['x-mock-decision']).toBe('validation');
    const problem = problemOf(res);
    expect(problem.errors).toEqual(errors);
    expect(problem.detail).toBe(errors.map((e) => `query parameter '${e.name}' ${e.message}`).join('; '));
  });

  it('reports every violation, not just the first', async () => {
    const res = await enroll(app, { query: 'factor=sms&isInteractive=maybe', headers: alice });
    expect((problemOf(res).errors as { name: string }[]).map((e) => e.name).sort()).toEqual([
      'factor',
      'isInteractive',
    ]);
  });

  it('checks credentials before the query', async () => {
    const res = await enroll(app, { query: 'isInteractive=maybe' });
    expect(res.status).toBe(401);
  });

  it.each(MFA_FACTORS)('accepts the documented factor %s', async (factor) => {
    const res = await enroll(app, { query: `factor=${factor}&isInteractive=true`, headers: alice });
    expect(res.status).toBe(200);
  });

  it('ignores query parameters the spec does not document', async () => {
    const res = await enroll(app, { query: 'isInteractive=true&utm_source=mail', headers: alice });
    expect(res.status).toBe(200);
  });
});

describe('enrollment', () => {
  it('answers isInteractive=true with the URL of its own enrollment page and sends no email', async () => {
    const app = createApp({ seed: 'interactive' });
    const res = await enroll(app, { query: 'isInteractive=true&factor=otp', headers: alice });
    const body = res.body as TicketBody;
    expect(body).toEqual({ ticketId: expect.any(String), emailSent: false, ticketUrl: expect.any(String) });
    const url = new URL(body.ticketUrl ?? '');
    expect(url.pathname).toBe(`/enrollment/${body.ticketId}`);
    const page = await request(app).get(url.pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-status="pending"');
    expect(((await request(app).get('/__admin/outbox')).body as { emails: unknown[] }).emails).toEqual([]);
  });

  it.each(['', 'isInteractive=false'])('answers ?%s by emailing the user the link', async (query) => {
    const app = createApp({ seed: 'email' });
    const res = await enroll(app, { query, headers: alice });
    const body = res.body as TicketBody;
    expect(body).toEqual({ ticketId: expect.any(String), emailSent: true, ticketUrl: null });
    const user = (await request(app).get('/__admin/users/alice')).body as { email: string; name: string };
    const { emails } = (await request(app).get('/__admin/outbox')).body as {
      emails: Record<string, string>[];
    };
    expect(emails).toEqual([
      expect.objectContaining({
        to: user.email,
        ticketId: body.ticketId,
        ticketUrl: expect.stringContaining(`/enrollment/${body.ticketId}`),
        sentAt: expect.any(String),
      }),
    ]);
    expect(emails[0]?.body).toContain(emails[0]?.ticketUrl);
    expect(emails[0]?.body).toContain(user.name);
  });

  it('gives every ticket its own id, also under concurrent requests', async () => {
    const app = createApp({ seed: 'concurrency' });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        enroll(app, { query: 'isInteractive=true', headers: basic(`user-${i % 7}`) }),
      ),
    );
    const ids = responses.map((r) => (r.body as TicketBody).ticketId);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(ids).size).toBe(100);
  });

  it('answers a deleted user with 404 user not found, and issues nothing', async () => {
    const app = createApp({ seed: 'deleted' });
    await enroll(app, { headers: alice });
    expect((await request(app).delete('/__admin/users/alice')).status).toBe(204);
    const res = await enroll(app, { query: 'isInteractive=true', headers: alice });
    expect(res.status).toBe(404);
    expect(res.headers['x-mock-decision']).toBe('user:not-found');
    expect(problemOf(res)).toMatchObject({
      title: 'User not found.',
      detail: "The user 'alice' does not exist.",
    });
    expect(
      ((await request(app).get('/__admin/tickets')).body as { tickets: unknown[] }).tickets,
    ).toHaveLength(1);
  });

  it('uses --public-url for the URLs it hands out', async () => {
    const app = createApp({ seed: 'public', publicUrl: 'https://mock.example.test/nexus' });
    const res = await enroll(app, { query: 'isInteractive=true', headers: alice });
    expect((res.body as TicketBody).ticketUrl).toMatch(
      /^https:\/\/mock\.example\.test\/nexus\/enrollment\/[0-9a-f-]{36}$/,
    );
  });

  it('falls back to its own address when the Host header is not a host', async () => {
    // On a loopback listener the Host check refuses such a Host before anything else: listen wider.
    const app = createApp({ seed: 'host', listenHost: '0.0.0.0' });
    const res = await enroll(app, {
      query: 'isInteractive=true',
      headers: { ...alice, Host: 'evil.example/<script>' },
    });
    expect((res.body as TicketBody).ticketUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/enrollment\//);
  });
});
