import request from 'supertest';
import { createApp } from '../app';
import type { Logger } from '../logger';
import { basic, bearer, enroll, jwt } from '../test-support/http';

type App = ReturnType<typeof createApp>;
const journal = async (app: App, query = '') =>
  ((await request(app).get(`/__admin/requests${query}`)).body as { requests: Record<string, unknown>[] })
    .requests;

describe('the request journal', () => {
  it('records each request, newest first, with why the mock answered as it did', async () => {
    const app = createApp({ seed: 'journal' });
    await enroll(app, { query: 'isInteractive=true&factor=otp', headers: basic('alice') });
    await enroll(app, { query: 'isInteractive=maybe', headers: basic('bob') });
    await enroll(app, {});
    const entries = await journal(app);
    expect(entries).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        session: 'default',
        method: 'POST',
        path: '/v1/me/mfa-enrollment',
        query: {},
        operation: 'CreateMfaEnrollment',
        status: 401,
        userId: null,
        decision: 'auth:missing-credentials',
        scenario: null,
        durationMs: expect.any(Number),
      },
      expect.objectContaining({
        query: { isInteractive: 'maybe' },
        status: 400,
        userId: 'bob',
        decision: 'validation',
      }),
      expect.objectContaining({
        query: { isInteractive: 'true', factor: 'otp' },
        status: 200,
        userId: 'alice',
        decision: 'ticket:created',
      }),
    ]);
  });

  it('filters by status and user, and limits', async () => {
    const app = createApp();
    for (const user of ['alice', 'bob', 'alice']) await enroll(app, { headers: basic(user) });
    await enroll(app, {});
    expect(await journal(app, '?userId=alice')).toHaveLength(2);
    expect((await journal(app, '?status=401')).map((e) => e.status)).toEqual([401]);
    expect(await journal(app, '?limit=1')).toEqual([expect.objectContaining({ status: 401 })]);
  });

  it.each(['limit=0', 'limit=abc', 'status=20', 'userId=a&userId=b'])(
    'refuses ?%s with 400',
    async (query) => {
      expect((await request(createApp()).get(`/__admin/requests?${query}`)).status).toBe(400);
    },
  );

  it('keeps at most --journal-size entries per session', async () => {
    const app = createApp({ limits: { journalSize: 3 } });
    for (let i = 0; i < 5; i++) await enroll(app, { headers: basic(`u${i}`) });
    expect((await journal(app)).map((e) => e.userId)).toEqual(['u4', 'u3', 'u2']);
  });

  it('leaves out the admin API’s own calls', async () => {
    const app = createApp();
    await request(app).get('/__admin/tickets');
    await request(app).get('/nowhere');
    expect((await journal(app)).map((e) => e.path)).toEqual(['/nowhere']);
  });

  it('never holds a JWT, an application token or a Basic password, and neither does the log', async () => {
    const lines: object[] = [];
    const logger: Logger = {
      info: (f) => lines.push(f),
      warn: (f) => lines.push(f),
      error: (f) => lines.push(f),
    };
    const app = createApp({ logger });
    const token = jwt({ sub: 'user-9', email: 'nine@example.com' });
    await enroll(app, { query: 'isInteractive=true', headers: bearer(token, 'app-secret-123') });
    await enroll(app, { headers: basic('carol', 'basic-secret-456') });
    await enroll(app, { headers: { Authorization: `Bearer ${token}` } });
    const entries = await journal(app);
    expect(entries.map((e) => e.userId)).toEqual([null, 'carol', 'user-9']);
    const recorded = JSON.stringify(entries) + JSON.stringify(lines);
    for (const secret of [
      token,
      token.split('.')[1] ?? token,
      'app-secret-123',
      'basic-secret-456',
      Buffer.from('carol:basic-secret-456').toString('base64'),
    ]) {
      expect(recorded).not.toContain(secret);
    }
  });

  it('clips very long paths and query values', async () => {
    const app = createApp();
    await enroll(app, { query: `factor=${'x'.repeat(5000)}`, headers: basic('a') });
    const [entry] = await journal(app);
    expect(String((entry?.query as Record<string, string>).factor).length).toBeLessThanOrEqual(257);
  });
});
