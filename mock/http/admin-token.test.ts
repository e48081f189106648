import request from 'supertest';
import { createApp } from '../app';
import type { Logger } from '../logger';
import { basic, ENROLLMENT_PATH, problemOf } from '../test-support/http';
import { TOKEN_EXEMPT } from './admin-token';

const TOKEN = 's3cret-admin-token';
const auth = { Authorization: `Bearer ${TOKEN}` };

function setup() {
  const lines: string[] = [];
  const record = (fields: object, message: string): void => {
    lines.push(`${message} ${JSON.stringify(fields)}`);
  };
  const logger: Logger = { info: record, warn: record, error: record };
  return { app: createApp({ seed: 'token', adminToken: TOKEN, logger }), lines };
}

const ADMIN_CALLS: readonly [string, string][] = [
  ['GET', '/__admin/tickets'],
  ['GET', '/__admin/outbox'],
  ['GET', '/__admin/requests'],
  ['GET', '/__admin/scenarios'],
  ['GET', '/__admin/scenarios/catalog'],
  ['POST', '/__admin/scenarios/catalog/server-error'],
  ['POST', '/__admin/reset'],
  ['DELETE', '/__admin/users/alice'],
  ['GET', '/__admin/session'],
  ['GET', '/__admin/events'],
  ['POST', '/__admin/console'],
  ['GET', '/__admin'],
  ['GET', '/__admin/nope'],
];

describe('the admin token', () => {
  it.each(ADMIN_CALLS)('refuses %s %s without the token: 401 problem details', async (method, path) => {
    const { app } = setup();
    const res = await request(app)[method === 'GET' ? 'get' : method === 'POST' ? 'post' : 'delete'](path);
    expect(res.status).toBe(401);
    expect(problemOf(res).code).toBe('admin-token-required');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="nexus-mock admin"');
  });

  it.each([
    ['a wrong token', 'Bearer s3cret-admin-tokeN'],
    ['a longer token', `Bearer ${TOKEN}x`],
    ['the token as Basic', `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s, and the refused call changes nothing', async (_, authorization) => {
    const { app } = setup();
    await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'));
    const res = await request(app).post('/__admin/reset').set('Authorization', authorization);
    expect(res.status).toBe(401);
    expect(
      ((await request(app).get('/__admin/tickets').set(auth)).body as { tickets: unknown[] }).tickets,
    ).toHaveLength(1);
  });

  it.each(['/__ADMIN/reset', '/%5F%5Fadmin/reset', '//__admin/reset', '/__admin//reset', '/__Admin/reset'])(
    'does not let %s around it',
    async (path) => {
      const { app } = setup();
      await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'));
      const res = await request(app).post(path);
      expect(res.status).not.toBe(204);
      expect(
        ((await request(app).get('/__admin/tickets').set(auth)).body as { tickets: unknown[] }).tickets,
      ).toHaveLength(1);
    },
  );

  it('lets the token holder drive the mock', async () => {
    const { app } = setup();
    await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'));
    expect((await request(app).get('/__admin/tickets').set(auth)).status).toBe(200);
    expect((await request(app).post('/__admin/scenarios').set(auth).send({ status: 404 })).status).toBe(201);
    expect((await request(app).post('/__admin/reset').set('Authorization', `bearer  ${TOKEN}`)).status).toBe(
      204,
    );
  });

  it.each([
    ['GET', '/__admin/health', 200],
    ['HEAD', '/__admin/health', 200],
    ['GET', '/__admin/console', 200],
    ['GET', '/__admin/console/app.js', 200],
  ])('exempts %s %s (answered %i here)', async (method, path, status) => {
    const { app } = setup();
    const res = await (method === 'GET' ? request(app).get(path) : request(app).head(path));
    expect(res.status).toBe(status);
  });

  it('keeps the exemptions to health and the console page', () => {
    expect(TOKEN_EXEMPT.map((e) => [e.methods, String(e.path)])).toEqual([
      [['GET', 'HEAD'], '/__admin/health'],
      [['GET', 'HEAD'], '/__admin/console'],
      [['GET', 'HEAD'], expect.stringMatching(/^\/\^\\\/__admin\\\/console\\\//)],
    ]);
  });

  it.each([
    '/__admin/console/../tickets',
    '/__admin/console/./x/../../reset',
    '/__admin/console/%2e%2e/tickets',
    '/__admin/console/a%2ftickets',
    '/__admin/console/..',
  ])('does not exempt %s, which climbs out of the console', async (path) => {
    const { app } = setup();
    expect((await request(app).get(path)).status).toBe(401);
  });

  it('shows the seed in health only to the token holder (the seed predicts ticket ids)', async () => {
    const { app } = setup();
    const open = await request(app).get('/__admin/health');
    expect(open.status).toBe(200);
    expect(open.body).not.toHaveProperty('seed');
    expect(open.body).toMatchObject({ status: 'ok', store: { backend: 'memory' } });
    expect((await request(app).get('/__admin/health').set(auth)).body).toMatchObject({ seed: 'token' });
  });

  it('asks nothing of the API under test', async () => {
    const { app } = setup();
    const res = await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'));
    expect(res.status).toBe(200);
  });

  it('never writes the token to the log or the journal', async () => {
    const { app, lines } = setup();
    await request(app).get('/__admin/tickets').set(auth);
    await request(app).get('/__admin/tickets').set('Authorization', `Bearer ${TOKEN}-wrong`);
    await request(app).post(ENROLLMENT_PATH).set(auth);
    const journal = (await request(app).get('/__admin/requests').set(auth)).text;
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(journal).not.toContain(TOKEN);
  });

  it('is not asked for when the mock has none', async () => {
    const res = await request(createApp()).post('/__admin/reset');
    expect(res.status).toBe(204);
  });
});
