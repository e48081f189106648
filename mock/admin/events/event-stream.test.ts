import request from 'supertest';
import { createApp, type AppOptions } from '../../app';
import { ManualClock } from '../../clock';
import { serveOnLoopback, type LoopbackServer } from '../../../support/loopback';
import { basic, bearer, ENROLLMENT_PATH, jwt } from '../../test-support/http';
import { openEvents, type EventReader } from '../../test-support/event-stream';

const servers: LoopbackServer[] = [];
const readers: EventReader[] = [];

async function start(options: AppOptions = {}) {
  const app = createApp({ seed: 'events', ...options });
  const server = await serveOnLoopback(app);
  servers.push(server);
  const events = async (session?: string, query = '') => {
    const reader = await openEvents(
      `${server.url}/__admin/events${query}`,
      session === undefined ? {} : { 'X-Mock-Session': session },
    );
    readers.push(reader);
    return reader;
  };
  return { app, url: server.url, events };
}

afterEach(async () => {
  readers.splice(0).forEach((r) => {
    r.close();
  });
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const dataOf = (event: { data: unknown }) => event.data as Record<string, unknown>;

describe('GET /__admin/events', () => {
  it('answers HEAD with the stream headers and ends (it holds no stream slot)', async () => {
    const res = await request(createApp({ seed: 'events' })).head('/__admin/events');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });

  it('streams a user, a ticket and the request of an interactive enrollment, as the admin API shows them', async () => {
    const { url, events } = await start();
    const stream = await events();
    const res = await request(url)
      .post(`${ENROLLMENT_PATH}?isInteractive=true&factor=otp`)
      .set(basic('alice'));
    const { ticketId } = res.body as { ticketId: string };

    const user = await stream.next();
    expect(user.event).toBe('user');
    expect(dataOf(user)).toMatchObject({
      type: 'user',
      action: 'created',
      userId: 'alice',
      session: 'default',
    });
    const ticket = await stream.next();
    expect(ticket.event).toBe('ticket');
    const shown = (await request(url).get(`/__admin/tickets/${ticketId}`)).body as unknown;
    expect(dataOf(ticket)).toEqual({
      type: 'ticket',
      action: 'issued',
      ticket: shown,
      id: Number(ticket.id),
      session: 'default',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const journaled = await stream.next();
    expect(journaled.event).toBe('request');
    const [entry] = ((await request(url).get('/__admin/requests?limit=1')).body as { requests: unknown[] })
      .requests;
    expect(dataOf(journaled).entry).toEqual(entry);
    expect(dataOf(journaled).entry).toMatchObject({
      status: 200,
      userId: 'alice',
      decision: 'ticket:created',
    });
  });

  it('numbers its events in order', async () => {
    const { url, events } = await start();
    const stream = await events();
    await request(url).post(ENROLLMENT_PATH).set(basic('bob'));
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(Number((await stream.next()).id));
    expect(ids).toEqual([ids[0], (ids[0] ?? 0) + 1, (ids[0] ?? 0) + 2, (ids[0] ?? 0) + 3]);
  });

  it('streams the email of a non-interactive enrollment as the outbox holds it', async () => {
    const { url, events } = await start();
    const stream = await events();
    await request(url).post(`${ENROLLMENT_PATH}?factor=phone`).set(basic('bob'));
    const email = await stream.until('email');
    const [held] = ((await request(url).get('/__admin/outbox')).body as { emails: unknown[] }).emails;
    expect(dataOf(email)).toMatchObject({ type: 'email', email: held });
  });

  it('streams a superseded ticket, a completion and the user it enrolled, a deletion and a reset', async () => {
    const { url, events } = await start();
    const first = (await request(url).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('carol')))
      .body as { ticketId: string };
    const stream = await events();
    const second = (await request(url).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('carol')))
      .body as { ticketId: string };
    expect(dataOf(await stream.until('ticket'))).toMatchObject({
      action: 'superseded',
      ticket: { ticketId: first.ticketId, status: 'superseded', supersededBy: second.ticketId },
    });
    expect(dataOf(await stream.until('ticket'))).toMatchObject({
      action: 'issued',
      ticket: { ticketId: second.ticketId, status: 'pending' },
    });

    await request(url).post(`/__admin/tickets/${second.ticketId}/complete`).expect(200);
    expect(dataOf(await stream.until('ticket'))).toMatchObject({
      action: 'completed',
      ticket: { ticketId: second.ticketId, status: 'completed', enrolledFactor: 'otp' },
    });
    expect(dataOf(await stream.until('user'))).toMatchObject({
      action: 'updated',
      user: { userId: 'carol', enrolledFactors: ['otp'] },
    });

    await request(url).delete('/__admin/users/carol').expect(204);
    expect(dataOf(await stream.until('user'))).toMatchObject({
      action: 'deleted',
      userId: 'carol',
      user: null,
    });
    await request(url).post('/__admin/reset').expect(204);
    expect(dataOf(await stream.until('session'))).toMatchObject({ type: 'session', action: 'reset' });
  });

  it('streams a scenario when it is added, each time it fires, and when it is removed', async () => {
    const { url, events } = await start();
    const stream = await events();
    await request(url).post('/__admin/scenarios/catalog/user-not-found').expect(201);
    expect(dataOf(await stream.next())).toMatchObject({
      type: 'scenario',
      action: 'added',
      scenarioId: 'scn_1',
      scenario: { id: 'scn_1', name: 'user-not-found', status: 404, fired: 0, remaining: null },
    });
    await request(url).post(ENROLLMENT_PATH).set(basic('dan')).expect(404);
    expect(dataOf(await stream.until('scenario'))).toMatchObject({
      action: 'fired',
      scenario: { id: 'scn_1', fired: 1 },
    });
    expect(dataOf(await stream.until('request')).entry).toMatchObject({
      status: 404,
      scenario: 'scn_1',
      decision: 'scenario:scn_1',
    });
    await request(url).delete('/__admin/scenarios/scn_1').expect(204);
    expect(dataOf(await stream.until('scenario'))).toMatchObject({
      action: 'removed',
      scenarioId: 'scn_1',
      scenario: null,
    });
  });

  it("streams only its own session's events", async () => {
    const { url, events } = await start();
    const mine = await events('qa-1');
    const theirs = await events();
    await request(url).post(ENROLLMENT_PATH).set(basic('erin')).set('X-Mock-Session', 'qa-2');
    await request(url).post(`${ENROLLMENT_PATH}?session=qa-1`).set(basic('frank'));
    await request(url).post(ENROLLMENT_PATH).set(basic('gina'));
    const first = dataOf(await mine.next());
    expect(first).toMatchObject({ session: 'qa-1', userId: 'frank' });
    expect(dataOf(await theirs.next())).toMatchObject({ session: 'default', userId: 'gina' });
  });

  it('never carries a credential', async () => {
    const { url, events } = await start();
    const stream = await events();
    const token = jwt({ sub: 'henry' });
    await request(url).post(ENROLLMENT_PATH).set(bearer(token, 'app-secret-7'));
    await request(url).post(`${ENROLLMENT_PATH}?factor=phone`).set(basic('ivy', 'pa55-secret'));
    await request(url)
      .post(`${ENROLLMENT_PATH}?isInteractive=true`)
      .set('Authorization', `Basic ${Buffer.from('jack:').toString('base64')}`);
    for (let requests = 0; requests < 3;) if ((await stream.next()).event === 'request') requests++;
    const raw = stream.raw();
    expect(raw).toContain('henry');
    expect(raw).toContain('ivy');
    for (const secret of [
      token,
      token.split('.')[1] ?? token,
      'app-secret-7',
      'pa55-secret',
      Buffer.from('ivy:pa55-secret').toString('base64'),
      Buffer.from('jack:').toString('base64'),
    ])
      expect(raw).not.toContain(secret);
  });

  it('keeps only the types asked for', async () => {
    const { url, events } = await start();
    const stream = await events(undefined, '?types=email,request');
    await request(url).post(`${ENROLLMENT_PATH}?factor=phone`).set(basic('kim'));
    expect((await stream.next()).event).toBe('email');
    expect((await stream.next()).event).toBe('request');
  });

  it.each(['?types=tickets', '?types=', '?types=email&types=request'])(
    'refuses %s with a 400 problem',
    async (query) => {
      const { url } = await start();
      const res = await request(url).get(`/__admin/events${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
    },
  );

  it('answers another method with 405', async () => {
    const { url } = await start();
    const res = await request(url).post('/__admin/events');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toContain('GET');
  });

  it('ends its streams when the signal aborts, and refuses new ones', async () => {
    const stopping = new AbortController();
    const { url, events } = await start({ signal: stopping.signal });
    const stream = await events();
    stopping.abort();
    await stream.ended;
    const res = await request(url).get('/__admin/events');
    expect(res.status).toBe(503);
  });

  it('sends its events with the time of the mock clock', async () => {
    const clock = new ManualClock(Date.parse('2030-01-02T03:04:05Z'));
    const { url, events } = await start({ clock });
    const stream = await events();
    await request(url).post('/__admin/scenarios').send({ status: 404 }).expect(201);
    expect(dataOf(await stream.next()).at).toBe('2030-01-02T03:04:05.000Z');
  });
});

describe('GET /__admin/sessions', () => {
  it('lists the sessions the mock holds, sorted', async () => {
    const { app } = await start();
    await request(app).post(ENROLLMENT_PATH).set(basic('a')).set('X-Mock-Session', 'zeta');
    await request(app).post(ENROLLMENT_PATH).set(basic('a'));
    await request(app).post('/__admin/scenarios?session=alpha').send({ status: 404 });
    const res = await request(app).get('/__admin/sessions');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessions: ['alpha', 'default', 'zeta'] });
  });

  it('forgets a reset session', async () => {
    const { app } = await start();
    await request(app).post('/__admin/scenarios?session=gone').send({ status: 404 });
    await request(app).post('/__admin/reset?session=gone').expect(204);
    expect(
      ((await request(app).get('/__admin/sessions')).body as { sessions: string[] }).sessions,
    ).not.toContain('gone');
  });
});
