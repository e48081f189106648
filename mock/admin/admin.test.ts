import request from 'supertest';
import { createApp } from '../app';
import { basic, enroll, problemOf } from '../test-support/http';

async function seeded() {
  const app = createApp({ seed: 'admin' });
  const issue = async (user: string, query: string) =>
    ((await enroll(app, { query, headers: basic(user) })).body as { ticketId: string }).ticketId;
  const a1 = await issue('alice', 'isInteractive=true&factor=otp');
  const b1 = await issue('bob', 'factor=phone');
  const a2 = await issue('alice', 'isInteractive=true&factor=otp');
  return { app, a1, b1, a2 };
}

const ids = (body: unknown): string[] =>
  (body as { tickets: { ticketId: string }[] }).tickets.map((t) => t.ticketId);

describe('the admin API', () => {
  it('reports health', async () => {
    const res = await request(createApp({ seed: 'h' })).get('/__admin/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', seed: 'h' });
  });

  it('lists tickets newest first, filtered by user and status', async () => {
    const { app, a1, b1, a2 } = await seeded();
    expect(ids((await request(app).get('/__admin/tickets')).body)).toEqual([a2, b1, a1]);
    expect(ids((await request(app).get('/__admin/tickets?userId=alice')).body)).toEqual([a2, a1]);
    expect(ids((await request(app).get('/__admin/tickets?status=superseded')).body)).toEqual([a1]);
    expect(ids((await request(app).get('/__admin/tickets?userId=alice&status=pending')).body)).toEqual([a2]);
    expect(ids((await request(app).get('/__admin/tickets?userId=nobody')).body)).toEqual([]);
  });

  it.each(['status=lost', 'status=pending&status=expired', 'userId=a&userId=b'])(
    'refuses the filter ?%s with 400',
    async (query) => {
      const { app } = await seeded();
      const res = await request(app).get(`/__admin/tickets?${query}`);
      expect(res.status).toBe(400);
      expect(problemOf(res).code).toBe('invalid-admin-request');
    },
  );

  it('shows one ticket, or 404 for an unknown one', async () => {
    const { app, b1 } = await seeded();
    expect((await request(app).get(`/__admin/tickets/${b1}`)).body).toMatchObject({
      ticketId: b1,
      userId: 'bob',
      factor: 'phone',
    });
    const missing = await request(app).get('/__admin/tickets/nope');
    expect(missing.status).toBe(404);
    expect(problemOf(missing).code).toBe('ticket-not-found');
  });

  it('answers completing an unknown ticket with 404', async () => {
    const res = await request((await seeded()).app).post('/__admin/tickets/nope/complete');
    expect(res.status).toBe(404);
  });

  it('lists the outbox newest first, filtered by user', async () => {
    const { app, b1 } = await seeded();
    const outbox = (await request(app).get('/__admin/outbox')).body as { emails: Record<string, unknown>[] };
    expect(outbox.emails).toEqual([
      {
        to: expect.stringContaining('@example.'),
        subject: 'Set up multi-factor authentication (phone)',
        ticketId: b1,
        ticketUrl: expect.any(String),
        sentAt: expect.any(String),
        userId: 'bob',
        body: expect.any(String),
      },
    ]);
    expect(
      ((await request(app).get('/__admin/outbox?userId=alice')).body as { emails: unknown[] }).emails,
    ).toEqual([]);
  });

  it('shows a user, and 404 for one never seen', async () => {
    const { app } = await seeded();
    expect((await request(app).get('/__admin/users/bob')).body).toEqual({
      userId: 'bob',
      name: expect.any(String),
      email: expect.any(String),
      enrolledFactors: [],
    });
    expect((await request(app).get('/__admin/users/nobody')).status).toBe(404);
  });

  it('deletes a user, even one not seen yet, so that its next enrollment gets 404', async () => {
    const app = createApp({ seed: 'delete' });
    expect((await request(app).delete('/__admin/users/zoe')).status).toBe(204);
    expect((await request(app).get('/__admin/users/zoe')).status).toBe(404);
    expect((await enroll(app, { headers: basic('zoe') })).status).toBe(404);
  });

  it('resets tickets, users and the outbox', async () => {
    const { app } = await seeded();
    const reset = await request(app).post('/__admin/reset');
    expect(reset.status).toBe(204);
    expect(ids((await request(app).get('/__admin/tickets')).body)).toEqual([]);
    expect(((await request(app).get('/__admin/outbox')).body as { emails: unknown[] }).emails).toEqual([]);
    expect((await request(app).get('/__admin/users/alice')).status).toBe(404);
    expect((await request(app).get('/__admin/health')).body).toMatchObject({
      store: { tickets: 0, users: 0, emails: 0 },
    });
  });

  it('forgets deletions on reset', async () => {
    const app = createApp({ seed: 'reset-deleted' });
    await request(app).delete('/__admin/users/zoe');
    await request(app).post('/__admin/reset');
    expect((await enroll(app, { headers: basic('zoe') })).status).toBe(200);
  });
});

describe('admin request bodies', () => {
  it.each([
    {
      case: 'truncated JSON',
      body: '{"factor": ',
      type: 'application/json',
      status: 400,
      code: 'invalid-json-body',
    },
    {
      case: 'a JSON string instead of an object',
      body: '"otp"',
      type: 'application/json',
      status: 400,
      code: 'invalid-admin-request',
    },
    {
      case: 'an undocumented factor',
      body: '{"factor":"sms"}',
      type: 'application/json',
      status: 400,
      code: 'invalid-admin-request',
    },
    {
      case: 'a form body',
      body: 'factor=otp',
      type: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'unsupported-media-type',
    },
    {
      case: 'a body over 64 kB',
      body: JSON.stringify({ factor: 'otp', padding: 'x'.repeat(70_000) }),
      type: 'application/json',
      status: 413,
      code: 'payload-too-large',
    },
  ])(
    'answers $case with $status $code and keeps the ticket pending',
    async ({ body, type, status, code }) => {
      const { app, a2 } = await seeded();
      const res = await request(app)
        .post(`/__admin/tickets/${a2}/complete`)
        .set('Content-Type', type)
        .send(body);
      expect(res.status).toBe(status);
      expect(problemOf(res).code).toBe(code);
      expect(((await request(app).get(`/__admin/tickets/${a2}`)).body as { status: string }).status).toBe(
        'pending',
      );
    },
  );
});
