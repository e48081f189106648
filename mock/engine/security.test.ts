import request from 'supertest';
import { createApp } from '../app';
import { basic, bearer, enroll, jwt, problemOf } from '../test-support/http';

const app = createApp({ seed: 'auth' });
const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('authentication', () => {
  it.each([
    { refused: 'no credentials', headers: {}, decision: 'auth:missing-credentials' },
    {
      refused: 'a bearer token without the application token',
      headers: { Authorization: 'Bearer tok' },
      decision: 'auth:missing-application-token',
    },
    {
      refused: 'an application token without a bearer token',
      headers: { 'X-Application-Token': 'app' },
      decision: 'auth:missing-bearer',
    },
    {
      refused: 'an empty bearer token',
      headers: { Authorization: 'Bearer ', 'X-Application-Token': 'app' },
      decision: 'auth:empty-bearer-token',
    },
    {
      refused: 'a bearer token with spaces',
      headers: { Authorization: 'Bearer a b', 'X-Application-Token': 'app' },
      decision: 'auth:malformed-bearer-token',
    },
    {
      refused: 'an empty application token',
      headers: { Authorization: 'Bearer tok', 'X-Application-Token': '' },
      decision: 'auth:empty-application-token',
    },
    {
      refused: 'Basic that is not base64',
      headers: { Authorization: 'Basic not*base64!' },
      decision: 'auth:malformed-basic',
    },
    {
      refused: 'Basic without a colon',
      headers: { Authorization: `Basic ${base64('alice')}` },
      decision: 'auth:malformed-basic',
    },
    {
      refused: 'Basic with an empty password',
      headers: { Authorization: `Basic ${base64('alice:')}` },
      decision: 'auth:empty-basic-password',
    },
    {
      refused: 'Basic with an empty user name',
      headers: { Authorization: `Basic ${base64(':pw')}` },
      decision: 'auth:empty-basic-username',
    },
    {
      refused: 'Basic with no credentials',
      headers: { Authorization: 'Basic' },
      decision: 'auth:empty-basic-credentials',
    },
    {
      refused: 'an unknown scheme',
      headers: { Authorization: 'Digest username="a"' },
      decision: 'auth:unsupported-scheme',
    },
    {
      refused: 'a JWT without a sub claim',
      headers: bearer(jwt({ name: 'x' })),
      decision: 'auth:jwt-without-sub',
    },
  ])('refuses $refused with 401 problem details and a challenge', async ({ headers, decision }) => {
    const res = await enroll(app, { headers });
    expect(res.status).toBe(401);
    expect(res.headers['x-mock-decision']).toBe(decision);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="Nexus", Basic realm="Nexus", charset="UTF-8"',
    );
    expect(problemOf(res)).toMatchObject({
      status: 401,
      code: 'unauthorized',
      detail: expect.stringMatching(/\S/),
    });
  });

  it('names a malformed credential rather than a missing one (a tie went to the first alternative)', async () => {
    // Basic %%% and an application token: one scheme present in each alternative. The broken
    // credential is what the client must fix, not the Bearer token it never meant to send.
    const res = await enroll(app, { headers: { Authorization: 'Basic %%%', 'X-Application-Token': 'app' } });
    expect(res.status).toBe(401);
    expect(res.headers['x-mock-decision']).toBe('auth:malformed-basic');
  });

  it('never echoes a bare token, sent without a scheme, as if it were one', async () => {
    const res = await enroll(app, { headers: { Authorization: 'secret-token-without-scheme' } });
    expect(res.headers['x-mock-decision']).toBe('auth:unsupported-scheme');
    expect(problemOf(res).detail).toBe(
      'The Authorization header has no scheme. Send a Bearer token with the X-Application-Token header, or HTTP Basic credentials.',
    );
  });

  it('tells a client without credentials what it may send', async () => {
    const res = await enroll(app);
    expect(problemOf(res).detail).toBe(
      'No credentials were sent. Send a Bearer token with the X-Application-Token header, or HTTP Basic credentials.',
    );
  });

  it.each([
    { accepted: 'a bearer token with the application token', headers: bearer('tok-1') },
    { accepted: 'HTTP Basic alone', headers: basic('alice') },
    {
      accepted: 'a lower-case bearer scheme',
      headers: { Authorization: 'bearer tok-2', 'X-Application-Token': 'app' },
    },
    { accepted: 'an upper-case basic scheme', headers: { Authorization: `BASIC ${base64('bob:pw')}` } },
    { accepted: 'Basic with a colon in the password', headers: basic('carol', 'pa:ss') },
    {
      accepted: 'Basic next to a stray application token',
      headers: { ...basic('dave'), 'X-Application-Token': 'app' },
    },
  ])('accepts $accepted', async ({ headers }) => {
    const res = await enroll(app, { query: 'isInteractive=true', headers });
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('ticket:created');
  });
});

describe('identity', () => {
  const ownerOf = async (ticketId: unknown): Promise<unknown> =>
    ((await request(app).get(`/__admin/tickets/${String(ticketId)}`)).body as { userId: unknown }).userId;

  it.each([
    {
      credentials: "a JWT's sub claim",
      headers: bearer(jwt({ sub: 'user-42', name: 'Ada' })),
      userId: 'user-42',
    },
    {
      credentials: 'an opaque bearer token itself',
      headers: bearer('opaque-user-7'),
      userId: 'opaque-user-7',
    },
    { credentials: 'the Basic user name', headers: basic('erin@example.com'), userId: 'erin@example.com' },
  ])('names the user by $credentials', async ({ headers, userId }) => {
    const res = await enroll(app, { query: 'isInteractive=true', headers });
    expect(await ownerOf((res.body as { ticketId: unknown }).ticketId)).toBe(userId);
  });

  it('creates a user on first sight with a generated name and email', async () => {
    await enroll(app, { headers: basic('frank') });
    const user = (await request(app).get('/__admin/users/frank')).body as Record<string, unknown>;
    expect(user).toEqual({
      userId: 'frank',
      name: expect.stringMatching(/\w+ \w+/),
      email: expect.stringMatching(/^[^@\s]+@example\.(com|net|org)$/),
      enrolledFactors: [],
    });
  });
});
