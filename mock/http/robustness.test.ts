import request from 'supertest';
import { createApp } from '../app';
import type { EnrollmentRecords } from '../behaviours/enrollment/records';
import type { Logger } from '../logger';
import { MemoryStore } from '../state/memory-store';
import { basic, enroll, problemOf } from '../test-support/http';

describe('errors are problem details on every path', () => {
  const app = createApp({ seed: 'robust' });

  it.each([
    '/',
    '/v1',
    '/v1/me/mfa-enrollment/',
    '/V1/ME/MFA-ENROLLMENT',
    '/__admin',
    '/__admin/nope',
    '/enrollment/',
  ])('answers an unknown route %s with a 404 problem', async (path) => {
    const res = await request(app).post(path);
    expect(res.status).toBe(404);
    expect(problemOf(res)).toMatchObject({ code: 'route-not-found', instance: path });
  });

  it.each([
    { method: 'get', path: '/v1/me/mfa-enrollment', allow: 'POST, OPTIONS' },
    { method: 'put', path: '/v1/me/mfa-enrollment', allow: 'POST, OPTIONS' },
    { method: 'delete', path: '/__admin/tickets', allow: 'GET, HEAD, OPTIONS' },
    { method: 'post', path: '/__admin/health', allow: 'GET, HEAD, OPTIONS' },
    { method: 'get', path: '/__admin/reset', allow: 'POST, OPTIONS' },
    { method: 'patch', path: '/__admin/users/alice', allow: 'GET, DELETE, HEAD, OPTIONS' },
  ] as const)('answers $method $path with 405 and Allow: $allow', async ({ method, path, allow }) => {
    const res = await request(app)[method](path);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(problemOf(res).code).toBe('method-not-allowed');
  });

  it('answers OPTIONS with the allowed methods', async () => {
    const res = await request(app).options('/v1/me/mfa-enrollment');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('POST, OPTIONS');
  });

  it('answers a path with a broken percent-encoding with a 400 problem', async () => {
    const res = await request(app).get('/__admin/tickets/%E0%A4%A');
    expect(res.status).toBe(400);
    problemOf(res);
  });

  it('answers an unexpected failure with a 500 problem that hides the cause, and logs the cause', async () => {
    const store = new MemoryStore<EnrollmentRecords>();
    store.ensureUser = () => Promise.reject(new Error('disk on fire'));
    const logged: object[] = [];
    const logger: Logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (fields) => logged.push(fields),
    };
    const res = await request(createApp({ store, logger })).post('/v1/me/mfa-enrollment').set(basic('alice'));
    expect(res.status).toBe(500);
    expect(res.headers['x-mock-decision']).toBe('error:unexpected');
    expect(problemOf(res)).toMatchObject({
      code: 'internal-error',
      detail: 'The mock failed unexpectedly; its log has the details.',
    });
    expect(res.text).not.toContain('disk on fire');
    expect(logged).toEqual([expect.objectContaining({ err: new Error('disk on fire') })]);
  });
});

describe('CORS', () => {
  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    request(app).options('/v1/me/mfa-enrollment').set({
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,x-application-token',
    });

  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost'])(
    'allows %s by default',
    async (origin) => {
      const res = await preflight(createApp(), origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-headers']).toBe(
        'Authorization, X-Application-Token, Prefer, X-Mock-Session, Content-Type',
      );
      expect(res.headers['access-control-allow-credentials']).toBe('true');
    },
  );

  it.each(['https://localhost:5173', 'http://evil.example', 'http://localhost.evil.example'])(
    'refuses %s by default',
    async (origin) => {
      const res = await preflight(createApp(), origin);
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(problemOf(res).code).toBe('cors-origin-denied');
    },
  );

  it('allows exactly the origins --cors-origin lists', async () => {
    const app = createApp({ corsOrigin: 'https://app.example.com, https://admin.example.com' });
    expect((await preflight(app, 'https://admin.example.com')).status).toBe(204);
    expect((await preflight(app, 'http://localhost:5173')).status).toBe(403);
  });

  it('allows any origin with --cors-origin *', async () => {
    expect((await preflight(createApp({ corsOrigin: '*' }), 'https://anything.example')).status).toBe(204);
  });

  it('lets a page read the decision header of an actual request', async () => {
    const res = await enroll(createApp(), {
      headers: { Origin: 'http://localhost:5173', ...basic('alice') },
    });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-expose-headers']).toContain('X-Mock-Decision');
  });
});

describe('bounded memory', () => {
  it('keeps at most --max-tickets tickets, evicting the oldest', async () => {
    const app = createApp({ seed: 'bounded', limits: { maxTickets: 3 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          (await enroll(app, { query: 'isInteractive=true', headers: basic(`u${i}`) })).body as {
            ticketId: string;
          }
        ).ticketId,
      );
    const listed = (
      (await request(app).get('/__admin/tickets')).body as { tickets: { ticketId: string }[] }
    ).tickets.map((t) => t.ticketId);
    expect(listed).toEqual(ids.slice(2).reverse());
    expect((await request(app).get(`/__admin/tickets/${ids[0] ?? ''}`)).status).toBe(404);
  });

  it('keeps at most --max-emails emails per session', async () => {
    const app = createApp({ seed: 'outbox', limits: { maxEmailsPerSession: 2 } });
    for (let i = 0; i < 4; i++) await enroll(app, { headers: basic(`u${i}`) });
    const { emails } = (await request(app).get('/__admin/outbox')).body as { emails: { userId: string }[] };
    expect(emails.map((e) => e.userId)).toEqual(['u3', 'u2']);
  });
});
