import request from 'supertest';
import { createApp } from '../../app';
import { ManualClock } from '../../clock';
import { basic, enroll, problemOf } from '../../test-support/http';

interface TicketView {
  ticketId: string;
  status: string;
  factor: string | null;
  enrolledFactor: string | null;
  supersededBy: string | null;
  createdAt: string;
  expiresAt: string;
}

const HOUR = 3_600_000;

type Setup = ReturnType<typeof setup>;

/** Ways a ticket stops being pending. */
const completeIt = async (s: Setup, id: string): Promise<void> => {
  await s.complete(id);
};
const expireIt = (s: Setup): Promise<void> => {
  s.clock.advance(25 * HOUR);
  return Promise.resolve();
};
const supersedeIt = async (s: Setup): Promise<void> => {
  await s.issue('alice');
};

function setup(ticketTtlMs = 24 * HOUR) {
  const clock = new ManualClock();
  const app = createApp({ seed: 'lifecycle', clock, ticketTtlMs });
  const issue = async (user: string, query = 'isInteractive=true'): Promise<string> =>
    ((await enroll(app, { query, headers: basic(user) })).body as { ticketId: string }).ticketId;
  const ticket = async (id: string): Promise<TicketView> =>
    (await request(app).get(`/__admin/tickets/${id}`)).body as TicketView;
  const complete = (id: string, body?: object) => {
    const call = request(app).post(`/__admin/tickets/${id}/complete`);
    return body ? call.send(body) : call;
  };
  return { app, clock, issue, ticket, complete };
}

describe('the ticket lifecycle', () => {
  it('starts pending, with every field the admin API documents', async () => {
    const { issue, ticket, clock } = setup();
    const id = await issue('alice', 'isInteractive=true&factor=otp');
    expect(await ticket(id)).toEqual({
      ticketId: id,
      session: 'default',
      userId: 'alice',
      factor: 'otp',
      interactive: true,
      status: 'pending',
      ticketUrl: expect.stringContaining(`/enrollment/${id}`),
      createdAt: new Date(clock.now()).toISOString(),
      expiresAt: new Date(clock.now() + 24 * HOUR).toISOString(),
      completedAt: null,
      enrolledFactor: null,
      supersededBy: null,
    });
  });

  it('supersedes the pending ticket of the same user and factor', async () => {
    const { issue, ticket } = setup();
    const first = await issue('alice', 'factor=otp');
    const otherFactor = await issue('alice', 'factor=phone');
    const otherUser = await issue('bob', 'factor=otp');
    const second = await issue('alice', 'factor=otp');
    expect(await ticket(first)).toMatchObject({ status: 'superseded', supersededBy: second });
    for (const id of [otherFactor, otherUser, second]) expect((await ticket(id)).status).toBe('pending');
  });

  it('expires a pending ticket after the time to live, on the injected clock', async () => {
    const { issue, ticket, clock } = setup(HOUR);
    const id = await issue('alice');
    clock.advance(HOUR - 1);
    expect((await ticket(id)).status).toBe('pending');
    clock.advance(1);
    expect((await ticket(id)).status).toBe('expired');
  });

  it('does not supersede an expired ticket: it stays expired', async () => {
    const { issue, ticket, clock } = setup(HOUR);
    const old = await issue('alice');
    clock.advance(2 * HOUR);
    await issue('alice');
    expect((await ticket(old)).status).toBe('expired');
  });

  it("completes a pending ticket and adds its factor to the user's enrolled factors", async () => {
    const { app, issue, complete, clock } = setup();
    const id = await issue('alice', 'factor=webauthn-roaming');
    clock.advance(5000);
    const res = await complete(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      enrolledFactor: 'webauthn-roaming',
      completedAt: new Date(clock.now()).toISOString(),
    });
    expect(
      ((await request(app).get('/__admin/users/alice')).body as { enrolledFactors: string[] })
        .enrolledFactors,
    ).toEqual(['webauthn-roaming']);
  });

  it('enrolls the factor the completion names when the ticket requires none, and otp by default', async () => {
    const { app, issue, complete } = setup();
    expect((await complete(await issue('alice'), { factor: 'phone' })).body).toMatchObject({
      enrolledFactor: 'phone',
    });
    expect((await complete(await issue('alice'))).body).toMatchObject({ enrolledFactor: 'otp' });
    expect(
      ((await request(app).get('/__admin/users/alice')).body as { enrolledFactors: string[] })
        .enrolledFactors,
    ).toEqual(['phone', 'otp']);
  });

  it.each([
    {
      state: 'completed',
      prepare: completeIt,
    },
    { state: 'expired', prepare: expireIt },
    { state: 'superseded', prepare: supersedeIt },
  ])('refuses with 409 to complete a ticket that is $state', async ({ state, prepare }) => {
    const s = setup();
    const id = await s.issue('alice');
    await prepare(s, id);
    const res = await s.complete(id);
    expect(res.status).toBe(409);
    expect(problemOf(res)).toMatchObject({
      code: 'ticket-not-pending',
      ticketStatus: state,
      detail: expect.stringContaining(`is ${state}`),
    });
  });

  it('refuses a completion that names another factor than the ticket requires', async () => {
    const { issue, complete } = setup();
    const res = await complete(await issue('alice', 'factor=otp'), { factor: 'email' });
    expect(res.status).toBe(400);
    expect(problemOf(res).detail).toContain('requires the factor otp');
  });
});

describe('the enrollment page', () => {
  it('shows the user, the factor and the status, with a button that completes the enrollment', async () => {
    const { app, issue, ticket } = setup();
    const id = await issue('alice', 'isInteractive=true&factor=otp');
    const user = (await request(app).get('/__admin/users/alice')).body as { name: string };
    const page = await request(app).get(`/enrollment/${id}`);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(user.name);
    expect(page.text).toContain('<dd>otp</dd>');
    expect(page.text).toContain('data-status="pending"');
    expect(page.text).toMatch(
      /<form method="post" action="\/enrollment\/[^"]+">.*<button type="submit">Complete enrollment<\/button><\/form>/,
    );

    const submitted = await request(app).post(`/enrollment/${id}`).type('form').send({ factor: 'otp' });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.location).toBe(`/enrollment/${id}`);
    expect((await ticket(id)).status).toBe('completed');
    expect((await request(app).get(`/enrollment/${id}`)).text).toContain('already completed');
  });

  it('lets the user choose the factor when the ticket requires none', async () => {
    const { app, issue, ticket } = setup();
    const id = await issue('alice');
    expect((await request(app).get(`/enrollment/${id}`)).text).toContain(
      '<option>webauthn-platform</option>',
    );
    await request(app).post(`/enrollment/${id}`).type('form').send({ factor: 'webauthn-platform' });
    expect((await ticket(id)).enrolledFactor).toBe('webauthn-platform');
  });

  it.each([
    {
      state: 'expired',
      why: 'expired on',
      prepare: expireIt,
    },
    {
      state: 'superseded',
      why: 'A newer enrollment link was issued',
      prepare: supersedeIt,
    },
  ])(
    'says why a ticket that is $state cannot be completed, and offers no button',
    async ({ why, prepare }) => {
      const s = setup();
      const id = await s.issue('alice');
      await prepare(s);
      const page = await request(s.app).get(`/enrollment/${id}`);
      expect(page.text).toContain(why);
      expect(page.text).not.toContain('<button');
    },
  );

  it('answers an unknown ticket with a 404 problem', async () => {
    const res = await request(setup().app).get('/enrollment/no-such-ticket');
    expect(res.status).toBe(404);
    expect(problemOf(res).code).toBe('ticket-not-found');
  });

  it('escapes what it did not write', async () => {
    const { app, issue } = setup();
    const id = await issue('<script>alert(1)</script>');
    await request(app).delete(`/__admin/users/${encodeURIComponent('<script>alert(1)</script>')}`);
    const page = await request(app).get(`/enrollment/${id}`);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&#60;script&#62;');
  });
});
