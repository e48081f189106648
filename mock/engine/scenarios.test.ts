import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../app';
import { DEFAULT_CATALOG_PATH } from '../admin/catalog';
import { basic, enroll, problemOf } from '../test-support/http';

const alice = basic('alice');
type App = ReturnType<typeof createApp>;

const addScenario = async (app: App, body: unknown) =>
  request(app)
    .post('/__admin/scenarios')
    .send(body as object);
const scenarios = async (app: App) =>
  ((await request(app).get('/__admin/scenarios')).body as { scenarios: Record<string, unknown>[] }).scenarios;
const tickets = async (app: App) =>
  ((await request(app).get('/__admin/tickets')).body as { tickets: unknown[] }).tickets;
const emails = async (app: App) =>
  ((await request(app).get('/__admin/outbox')).body as { emails: unknown[] }).emails;

describe('scenarios', () => {
  it('answers the next K matching requests with the status, then serves normally', async () => {
    const app = createApp({ seed: 'scn' });
    const created = await addScenario(app, { status: 404, times: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'scn_1', status: 404, times: 2, fired: 0, remaining: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await enroll(app, { query: 'isInteractive=true', headers: alice });
      expect(res.status).toBe(404);
      expect(res.headers['x-mock-decision']).toBe('scenario:scn_1');
    }
    expect((await enroll(app, { query: 'isInteractive=true', headers: alice })).status).toBe(200);
    expect(await scenarios(app)).toEqual([expect.objectContaining({ id: 'scn_1', fired: 2, remaining: 0 })]);
  });

  it('acts on every matching request until it is removed when times is absent', async () => {
    const app = createApp();
    await addScenario(app, { status: 503 });
    for (let i = 0; i < 3; i++)
      expect((await enroll(app, { headers: alice, serverErrorExpected: true })).status).toBe(503);
    expect((await request(app).delete('/__admin/scenarios/scn_1')).status).toBe(204);
    expect((await enroll(app, { headers: alice })).status).toBe(200);
    expect((await request(app).delete('/__admin/scenarios/scn_1')).status).toBe(404);
  });

  it('creates no ticket and sends no email when it forces an error', async () => {
    const app = createApp();
    await addScenario(app, { status: 400, example: 'invalidFactor' });
    const res = await enroll(app, { headers: alice });
    expect(problemOf(res).detail).toContain("query parameter 'factor'");
    expect(await tickets(app)).toEqual([]);
    expect(await emails(app)).toEqual([]);
  });

  it.each([
    { match: { userId: 'bob' }, hits: ['bob'], misses: ['alice'] },
    { match: { factor: 'otp' }, hits: ['factor=otp'], misses: ['factor=phone', ''] },
    { match: { isInteractive: false }, hits: ['', 'isInteractive=false'], misses: ['isInteractive=true'] },
  ])('matches only requests with $match', async ({ match, hits, misses }) => {
    const app = createApp();
    await addScenario(app, { status: 404, match });
    const send = (hint: string) =>
      enroll(
        app,
        hint === 'bob' || hint === 'alice' ? { headers: basic(hint) } : { query: hint, headers: alice },
      );
    for (const hint of hits) expect((await send(hint)).status).toBe(404);
    for (const hint of misses) expect((await send(hint)).status).toBe(200);
  });

  it('lets an explicit Prefer win, without using the scenario up', async () => {
    const app = createApp();
    await addScenario(app, { status: 404, times: 1 });
    expect((await enroll(app, { headers: { ...alice, Prefer: 'code=401' } })).status).toBe(401);
    expect((await enroll(app, { headers: alice })).status).toBe(404);
  });

  it('serves a generated body with dynamic: true', async () => {
    const app = createApp({ seed: 'dyn' });
    await addScenario(app, { status: 200, dynamic: true });
    expect((await enroll(app, { headers: alice })).status).toBe(200);
  });

  it.each([
    { body: {}, field: 'status', says: 'a scenario needs status, delayMs or fault' },
    { body: { status: 'teapot' }, field: 'status', says: 'must be integer' },
    { body: { status: 999 }, field: 'status', says: 'must be <= 599' },
    { body: { status: 204 }, field: 'status', says: '204 has no documented response' },
    {
      body: { status: 404, example: 'interactive' },
      field: 'example',
      says: 'names no example of 404. Examples of 404: userNotFound',
    },
    { body: { status: 200, example: 'nope' }, field: 'example', says: 'names no example of 200' },
    {
      body: { delayMs: 0, example: 'invalidFactor' },
      field: 'status',
      says: 'is required with example or dynamic',
    },
    {
      body: { status: 400, example: 'invalidFactor', dynamic: true },
      field: 'dynamic',
      says: 'cannot be combined with example',
    },
    { body: { status: 404, times: 0 }, field: 'times', says: 'must be >= 1' },
    { body: { delayMs: -5 }, field: 'delayMs', says: 'must be >= 0' },
    { body: { fault: 'explode' }, field: 'fault', says: 'connection-reset, empty-response, malformed-body' },
    {
      body: { status: 404, match: { factor: 'sms' } },
      field: 'match.factor',
      says: 'must be one of: otp',
    },
    {
      body: { status: 404, match: { isInteractive: 'yes' } },
      field: 'match.isInteractive',
      says: 'must be boolean',
    },
    { body: { status: 404, colour: 'red' }, field: 'colour', says: 'is not allowed' },
    { body: [404], field: '(body)', says: 'must be object' },
  ])('refuses $body with 400 naming $field, and stores nothing', async ({ body, field, says }) => {
    const app = createApp();
    const res = await addScenario(app, body);
    expect(res.status).toBe(400);
    const problem = problemOf(res);
    expect(problem.code).toBe('invalid-scenario');
    expect(problem.errors).toEqual(
      expect.arrayContaining([{ field, message: expect.stringContaining(says) }]),
    );
    expect(await scenarios(app)).toEqual([]);
  });

  it('refuses a scenario beyond the session limit with 409', async () => {
    const app = createApp({ limits: { maxScenariosPerSession: 1 } });
    await addScenario(app, { status: 500 });
    const res = await addScenario(app, { status: 500 });
    expect(res.status).toBe(409);
    expect(problemOf(res).code).toBe('too-many-scenarios');
  });

  it('removes every scenario on reset', async () => {
    const app = createApp();
    await addScenario(app, { status: 500 });
    await request(app).post('/__admin/reset');
    expect(await scenarios(app)).toEqual([]);
  });
});

describe('the scenario catalogue', () => {
  it('lists each scenario with its description from the catalogue file and a ready-to-paste curl', async () => {
    const res = await request(createApp()).get('/__admin/scenarios/catalog').set('X-Mock-Session', 'qa-1');
    const { catalog } = res.body as { catalog: { name: string; description: string; curl: string }[] };
    expect(catalog.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'user-not-found',
        'invalid-factor',
        'unauthorized',
        'slow-network',
        'connection-drop',
        'email-provider-down',
      ]),
    );
    const file = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8')) as {
      scenarios: { name: string; description: string }[];
    };
    expect(catalog.map(({ name, description }) => ({ name, description }))).toEqual(
      file.scenarios.map(({ name, description }) => ({ name, description })),
    );
    for (const entry of catalog) {
      expect(entry.curl).toMatch(
        new RegExp(
          `^curl -X POST -H 'X-Mock-Session: qa-1' http://127\\.0\\.0\\.1:\\d+/__admin/scenarios/catalog/${entry.name}$`,
        ),
      );
    }
  });

  it('activates a catalogue scenario by name', async () => {
    const app = createApp();
    const res = await request(app).post('/__admin/scenarios/catalog/email-provider-down');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'email-provider-down',
      status: 503,
      match: { isInteractive: false },
    });
    expect((await enroll(app, { headers: alice, serverErrorExpected: true })).status).toBe(503);
    expect((await enroll(app, { query: 'isInteractive=true', headers: alice })).status).toBe(200);
  });

  it('answers an unknown name with 404 listing the names', async () => {
    const res = await request(createApp()).post('/__admin/scenarios/catalog/meteor-strike');
    expect(res.status).toBe(404);
    expect(problemOf(res).detail).toContain('user-not-found');
  });

  it.each([
    { case: 'without a description', entry: { name: 'quiet', scenario: { status: 404 } } },
    {
      case: 'with an empty description',
      entry: { name: 'quiet', description: '', scenario: { status: 404 } },
    },
  ])('refuses a catalogue entry $case, naming it', ({ entry }) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), 'undescribed.json');
    writeFileSync(file, JSON.stringify({ scenarios: [entry] }));
    expect(() => createApp({ scenarioCatalog: file })).toThrow(
      'scenarios[0] (quiet): description is required',
    );
  });

  it('loads another catalogue file, and refuses an invalid one naming the entry and field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        scenarios: [{ name: 'teapot', description: 'I am a teapot', scenario: { status: 418 } }],
      }),
    );
    expect(() => createApp({ scenarioCatalog: good })).not.toThrow();
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ scenarios: [{ name: 'slow', description: 'slow', scenario: { delayMs: 'long' } }] }),
    );
    expect(() => createApp({ scenarioCatalog: bad })).toThrow(
      /scenarios\[0\] \(slow\): delayMs must be integer/,
    );
  });
});
