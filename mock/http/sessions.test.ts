import request from 'supertest';
import { createApp } from '../app';
import { basic, enroll, ENROLLMENT_PATH, expectConformant } from '../test-support/http';

type App = ReturnType<typeof createApp>;
const inSession = (session: string) => ({ ...basic('alice'), 'X-Mock-Session': session });

async function view(app: App, session: string) {
  const get = async (path: string) =>
    (await request(app).get(path).set('X-Mock-Session', session)).body as Record<string, unknown[]>;
  return {
    tickets: (await get('/__admin/tickets')).tickets?.length,
    emails: (await get('/__admin/outbox')).emails?.length,
    scenarios: (await get('/__admin/scenarios')).scenarios?.length,
    requests: (await get('/__admin/requests')).requests?.length,
  };
}

describe('sessions', () => {
  it('keep two clients working in parallel from seeing each other', async () => {
    const app = createApp({ seed: 'sessions' });
    await request(app).post('/__admin/scenarios').set('X-Mock-Session', 'qa').send({ status: 404 });
    const [qa, ci] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => enroll(app, { headers: inSession('qa') }))),
      Promise.all(Array.from({ length: 5 }, () => enroll(app, { headers: inSession('ci') }))),
    ]);
    expect(qa.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(ci.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await view(app, 'qa')).toEqual({ tickets: 0, emails: 0, scenarios: 1, requests: 5 });
    expect(await view(app, 'ci')).toEqual({ tickets: 5, emails: 5, scenarios: 0, requests: 5 });
    expect(await view(app, 'default')).toEqual({ tickets: 0, emails: 0, scenarios: 0, requests: 0 });
  });

  it('keep users apart: deleting a user in one session leaves the other alone', async () => {
    const app = createApp();
    await request(app).delete('/__admin/users/alice').set('X-Mock-Session', 'a');
    expect((await enroll(app, { headers: inSession('a') })).status).toBe(404);
    expect((await enroll(app, { headers: inSession('b') })).status).toBe(200);
  });

  it('let admin calls name the session with ?session= as well as the header', async () => {
    const app = createApp();
    await enroll(app, { headers: inSession('qa') });
    expect(
      ((await request(app).get('/__admin/tickets?session=qa')).body as { tickets: unknown[] }).tickets,
    ).toHaveLength(1);
  });

  it('reset only the session they name', async () => {
    const app = createApp();
    await enroll(app, { headers: inSession('a') });
    await enroll(app, { headers: inSession('b') });
    await request(app).post('/__admin/reset').set('X-Mock-Session', 'a');
    expect((await view(app, 'a')).tickets).toBe(0);
    expect((await view(app, 'b')).tickets).toBe(1);
  });

  it('put a non-default session into the ticket URL, so the page finds the ticket', async () => {
    const app = createApp();
    const res = await enroll(app, { query: 'isInteractive=true', headers: inSession('qa tab') });
    const url = new URL((res.body as { ticketUrl: string }).ticketUrl);
    expect(url.searchParams.get('session')).toBe('qa tab');
    expect((await request(app).get(`${url.pathname}${url.search}`)).status).toBe(200);
    expect((await request(app).get(url.pathname)).status).toBe(404);
  });

  it('refuse a session name longer than 200 characters, saying why', async () => {
    const res = await enroll(createApp(), {
      headers: { ...basic('alice'), 'X-Mock-Session': 'x'.repeat(201) },
    });
    expect(res.status).toBe(400);
    expect(res.headers['x-mock-decision']).toBe('session:invalid');
  });
});

describe('pinning a browser to a session with a cookie', () => {
  it('sets the cookie on POST /__admin/session, and later requests act on that session', async () => {
    const app = createApp();
    const agent = request.agent(app);
    const pinned = await agent.post('/__admin/session').send({ session: 'frontend-dev' });
    expect(pinned.body).toEqual({ session: 'frontend-dev', pinned: true });
    expect(pinned.headers['set-cookie']?.[0]).toMatch(
      /^nexus-mock-session=frontend-dev; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const enrolled = await agent.post(ENROLLMENT_PATH).set(basic('alice'));
    expectConformant({
      method: 'POST',
      url: ENROLLMENT_PATH,
      status: enrolled.status,
      headers: enrolled.headers,
      text: enrolled.text,
    });
    expect((await view(app, 'frontend-dev')).tickets).toBe(1);
    expect((await agent.get('/__admin/session')).body).toEqual({ session: 'frontend-dev', pinned: true });
  });

  it('pins from the address bar with ?pin=, lets the header win over the cookie, and unpins on DELETE', async () => {
    const app = createApp();
    const agent = request.agent(app);
    await agent.get('/__admin/session?pin=tab-1');
    expect((await agent.get('/__admin/session')).body).toMatchObject({ session: 'tab-1' });
    expect((await agent.get('/__admin/session').set('X-Mock-Session', 'ci')).body).toMatchObject({
      session: 'ci',
    });
    await agent.delete('/__admin/session');
    expect((await agent.get('/__admin/session')).body).toEqual({ session: 'default', pinned: false });
  });

  it('refuses to pin without a name', async () => {
    expect((await request(createApp()).post('/__admin/session').send({})).status).toBe(400);
  });
});
