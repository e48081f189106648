import request from 'supertest';
import { createApp, type AppOptions } from '../app';
import { basic, ENROLLMENT_PATH, problemOf } from '../test-support/http';

/** A mock holding one pending ticket of alice, and a way to see everything it holds. */
async function setup(options: AppOptions = {}) {
  const app = createApp({ seed: 'origin', ...options });
  const res = await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'));
  const { ticketId } = res.body as { ticketId: string };
  const held = async () => ({
    tickets: (await request(app).get('/__admin/tickets')).body as unknown,
    scenarios: (await request(app).get('/__admin/scenarios')).body as unknown,
    user: (await request(app).get('/__admin/users/alice')).body as unknown,
  });
  return { app, ticketId, held };
}

/** The state-changing calls a page on another site could make a browser send without a preflight. */
const WRITES: readonly [string, (app: ReturnType<typeof createApp>, ticketId: string) => request.Test][] = [
  ['POST /__admin/reset', (app) => request(app).post('/__admin/reset')],
  [
    'POST /__admin/scenarios (text/plain)',
    (app) => request(app).post('/__admin/scenarios').set('Content-Type', 'text/plain').send('{"status":404}'),
  ],
  [
    'POST /__admin/scenarios/catalog/server-error',
    (app) => request(app).post('/__admin/scenarios/catalog/server-error'),
  ],
  ['DELETE /__admin/users/alice', (app) => request(app).delete('/__admin/users/alice')],
  ['POST /__admin/tickets/{id}/complete', (app, id) => request(app).post(`/__admin/tickets/${id}/complete`)],
  [
    'the enrollment page’s form',
    (app, id) => request(app).post(`/enrollment/${id}`).type('form').send({ factor: 'otp' }),
  ],
];

describe('cross-origin writes', () => {
  it.each(WRITES)('refuses %s from another origin with 403, changing nothing', async (_, send) => {
    const { app, ticketId, held } = await setup();
    const before = await held();
    const res = await send(app, ticketId).set('Origin', 'http://evil.example');
    expect(res.status).toBe(403);
    expect(problemOf(res)).toMatchObject({ code: 'cross-origin-write' });
    expect(await held()).toEqual(before);
  });

  it.each([
    ['a Referer on another site', { Referer: 'https://evil.example/page?x=1' }],
    ['Origin null (a sandboxed frame, a file)', { Origin: 'null' }],
    ['an origin that only looks local', { Origin: 'http://localhost.evil.example' }],
  ])('refuses a write with %s', async (_, headers) => {
    const { app, held } = await setup();
    const before = await held();
    const res = await request(app).post('/__admin/reset').set(headers);
    expect(res.status).toBe(403);
    expect(await held()).toEqual(before);
  });

  it.each<[string, Record<string, string>, AppOptions]>([
    ['no Origin or Referer (curl, a backend)', {}, {}],
    ['a page on localhost (the default CORS origins)', { Origin: 'http://localhost:5173' }, {}],
    ['a Referer on localhost', { Referer: 'http://127.0.0.1:3000/app' }, {}],
    [
      'an origin given to --cors-origin',
      { Origin: 'https://qa.example' },
      { corsOrigin: 'https://qa.example' },
    ],
    [
      'the --public-url origin',
      { Origin: 'https://mock.team.example' },
      { publicUrl: 'https://mock.team.example' },
    ],
  ])('accepts a write from %s', async (_, headers, options) => {
    const { app } = await setup(options);
    const res = await request(app).post('/__admin/reset').set(headers);
    expect(res.status).toBe(204);
    expect((await request(app).get('/__admin/tickets')).body).toEqual({ tickets: [] });
  });

  it('accepts the enrollment page’s own form (same origin)', async () => {
    const { app, ticketId } = await setup();
    const page = request(app).post(`/enrollment/${ticketId}`);
    const res = await page
      .type('form')
      .send({ factor: 'otp' })
      .set('Host', 'localhost:4010')
      .set('Origin', 'http://localhost:4010');
    expect(res.status).toBe(303);
    expect((await request(app).get(`/__admin/tickets/${ticketId}`)).body).toMatchObject({
      status: 'completed',
    });
  });

  it('answers reads from any origin (CORS decides what the page may read)', async () => {
    const { app } = await setup();
    const res = await request(app).get('/__admin/tickets').set('Origin', 'http://evil.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves the API under test to CORS', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post(`${ENROLLMENT_PATH}?isInteractive=true`)
      .set(basic('bob'))
      .set('Origin', 'http://evil.example');
    expect(res.status).toBe(200);
  });
});
