import request from 'supertest';
import { createApp } from '../../app';
import { basic, enroll } from '../../test-support/http';

/** Replays the same requests against a fresh mock and returns everything it made up. */
async function replay(seed?: string) {
  const app = createApp(seed === undefined ? {} : { seed });
  const tickets: unknown[] = [];
  for (const [user, query] of [
    ['alice', 'isInteractive=true'],
    ['bob', 'factor=otp'],
    ['alice', 'factor=phone'],
    ['carol', 'isInteractive=true&factor=email'],
  ] as const) {
    tickets.push(
      ((await enroll(app, { query, headers: basic(user) })).body as { ticketId: string }).ticketId,
    );
  }
  const users = await Promise.all(
    ['alice', 'bob', 'carol'].map(
      async (u) => (await request(app).get(`/__admin/users/${u}`)).body as unknown,
    ),
  );
  const outbox = (await request(app).get('/__admin/outbox')).body as {
    emails: { to: string; subject: string; ticketId: string }[];
  };
  return {
    tickets,
    users,
    emails: outbox.emails.map(({ to, subject, ticketId }) => ({ to, subject, ticketId })),
  };
}

describe('determinism', () => {
  it('gives the same ticket ids, users and emails for the same seed and requests', async () => {
    expect(await replay('42')).toEqual(await replay('42'));
  });

  it('gives other values for another seed', async () => {
    const [a, b] = await Promise.all([replay('42'), replay('43')]);
    expect(a.tickets).not.toEqual(b.tickets);
    expect(a.users).not.toEqual(b.users);
  });

  it('gives other values on every run without a seed', async () => {
    const [a, b] = await Promise.all([replay(), replay()]);
    expect(a.tickets).not.toEqual(b.tickets);
  });

  it('keeps a session reproducible whatever other sessions do', async () => {
    const quiet = createApp({ seed: 's' });
    const busy = createApp({ seed: 's' });
    for (let i = 0; i < 5; i++)
      await enroll(busy, { headers: { ...basic('noise'), 'X-Mock-Session': 'other' } });
    const [a, b] = await Promise.all(
      [quiet, busy].map(
        async (app) =>
          (
            (
              await enroll(app, {
                query: 'isInteractive=true',
                headers: { ...basic('alice'), 'X-Mock-Session': 'ci' },
              })
            ).body as { ticketId: string }
          ).ticketId,
      ),
    );
    expect(a).toEqual(b);
  });

  it('issues the same ids again after a reset, as a fresh mock would', async () => {
    const app = createApp({ seed: 'reset' });
    const ticketId = async () =>
      ((await enroll(app, { headers: basic('alice') })).body as { ticketId: string }).ticketId;
    const first = await ticketId();
    await request(app).post('/__admin/reset');
    expect(await ticketId()).toBe(first);
  });
});
