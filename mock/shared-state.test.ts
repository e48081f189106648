/**
 * Replicas on one Redis behave as one mock, through HTTP: each test runs two apps (two "replicas",
 * each with its own Redis connection) on the same keys of a real redis-server.
 */
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { startRedis, type RedisServer } from '../support/redis-server';
import { createApp, type AppOptions } from './app';
import type { EnrollmentRecords } from './behaviours/enrollment/records';
import { ManualClock } from './clock';
import type { MemoryStoreLimits } from './state/memory-store';
import { RedisStore } from './state/redis/redis-store';
import { basic, ENROLLMENT_PATH, problemOf } from './test-support/http';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.kill();
});

const stores: RedisStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
let prefixes = 0;

/** `count` replicas sharing one key prefix on `url`, built alike (same seed and options). */
async function replicas(
  count: number,
  options: AppOptions & { limits?: Partial<MemoryStoreLimits> } = {},
  url = redis.url,
  commandTimeoutMs?: number,
): Promise<RequestListener[]> {
  const prefix = `team${++prefixes}:`;
  const apps: RequestListener[] = [];
  for (let i = 0; i < count; i++) {
    const store = await RedisStore.connect<EnrollmentRecords>({
      url,
      prefix,
      limits: options.limits,
      commandTimeoutMs,
    });
    stores.push(store);
    apps.push(createApp({ seed: 'team', ...options, store }));
  }
  return apps;
}

const enrollOn = async (app: RequestListener, user: string, query = 'isInteractive=true') =>
  (await request(app).post(`${ENROLLMENT_PATH}?${query}`).set(basic(user))).body as { ticketId: string };

describe('replicas on one Redis', () => {
  it('list, complete and expire on one replica a ticket created on another', async () => {
    const clock = new ManualClock();
    const [a, b, c] = await replicas(3, { clock, ticketTtlMs: 60_000 });
    if (!a || !b || !c) throw new Error('three replicas');
    const { ticketId } = await enrollOn(a, 'alice');
    const listed = await request(b).get('/__admin/tickets?userId=alice');
    expect(listed.body).toMatchObject({ tickets: [{ ticketId, status: 'pending' }] });
    expect(
      (await request(c).post(`/__admin/tickets/${ticketId}/complete`).send({ factor: 'otp' })).status,
    ).toBe(200);
    expect((await request(a).get('/__admin/users/alice')).body).toMatchObject({ enrolledFactors: ['otp'] });
    const later = await enrollOn(b, 'alice');
    clock.advance(60_000);
    expect((await request(c).get(`/__admin/tickets/${later.ticketId}`)).body).toMatchObject({
      status: 'expired',
    });
    const page = await request(a).get(`/enrollment/${later.ticketId}`);
    expect(page.text).toContain('expired');
  });

  it('share deleted users, the outbox and the journal', async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error('two replicas');
    await enrollOn(a, 'bob', 'factor=otp');
    expect((await request(b).get('/__admin/outbox?userId=bob')).body).toMatchObject({
      emails: [{ userId: 'bob' }],
    });
    expect((await request(b).delete('/__admin/users/bob')).status).toBe(204);
    const gone = await request(a).post(ENROLLMENT_PATH).set(basic('bob'));
    expect(gone.status).toBe(404);
    // The journal is written once an answer is sent: wait for the second entry.
    const statuses = async () =>
      (
        (await request(b).get('/__admin/requests?userId=bob')).body as { requests: { status: number }[] }
      ).requests.map((r) => r.status);
    for (let i = 0; i < 100 && (await statuses()).length < 2; i++) await new Promise(setImmediate);
    expect(await statuses()).toEqual([404, 200]);
  });

  it("spend a scenario's times exactly under concurrent requests to both", async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error('two replicas');
    await request(a).post('/__admin/scenarios').send({ status: 503, times: 4 }).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        request(i % 2 ? a : b)
          .post(ENROLLMENT_PATH)
          .set(basic(`u${i}`)),
      ),
    );
    expect(answers.filter((r) => r.status === 503)).toHaveLength(4);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(20);
    expect((await request(b).get('/__admin/scenarios')).body).toMatchObject({
      scenarios: [{ fired: 4, remaining: 0 }],
    });
  });

  it('give unique ticket ids across replicas, the ids one mock with the same seed gives', async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error('two replicas');
    const sequence = ['alice', 'bob', 'alice', 'carol', 'dave', 'bob'];
    const shared: string[] = [];
    for (const [i, user] of sequence.entries()) shared.push((await enrollOn(i % 2 ? a : b, user)).ticketId);
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await enrollOn(i % 2 ? a : b, `c${i}`)).ticketId),
    );
    expect(new Set([...shared, ...concurrent]).size).toBe(26);
    const single = createApp({ seed: 'team' });
    const alone: string[] = [];
    for (const user of sequence) alone.push((await enrollOn(single, user)).ticketId);
    expect(shared).toEqual(alone);
  });

  it('hold the limits across replicas', async () => {
    const [a, b] = await replicas(2, { limits: { maxTickets: 3, journalSize: 2 } });
    if (!a || !b) throw new Error('two replicas');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await enrollOn(i % 2 ? a : b, `u${i}`)).ticketId);
    const tickets = (await request(a).get('/__admin/tickets')).body as { tickets: { ticketId: string }[] };
    expect(tickets.tickets.map((t) => t.ticketId)).toEqual(ids.slice(2).reverse());
    const journal = async () =>
      ((await request(b).get('/__admin/requests')).body as { requests: unknown[] }).requests.length;
    for (let i = 0; i < 100 && (await journal()) < 2; i++) await new Promise(setImmediate);
    expect(await journal()).toBe(2);
    expect((await request(b).get('/__admin/health')).body).toMatchObject({
      store: { backend: 'redis', status: 'up', tickets: 3 },
    });
  });
});

describe('a replica whose Redis is lost', () => {
  it('answers 503 with Retry-After where it needs state, says so in health, and recovers by itself', async () => {
    const own = await startRedis();
    const [app] = await replicas(1, {}, own.url);
    if (!app) throw new Error('a replica');
    const { ticketId } = await enrollOn(app, 'alice');
    await own.kill();

    for (const call of [
      request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice')),
      request(app).get('/__admin/tickets'),
      request(app).post('/__admin/reset'),
      request(app).get(`/enrollment/${ticketId}`),
    ]) {
      const res = await call;
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(problemOf(res).code).toBe('store-unavailable');
    }
    const health = await request(app).get('/__admin/health');
    expect(health.status).toBe(503);
    expect(problemOf(health)).toMatchObject({ store: { backend: 'redis', status: 'down' } });
    // What needs no state is still answered.
    expect((await request(app).post(ENROLLMENT_PATH)).status).toBe(401);

    const again = await startRedis(own.port);
    try {
      for (let i = 0; i < 200 && (await request(app).get('/__admin/health')).status !== 200; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect((await request(app).get('/__admin/health')).body).toMatchObject({
        status: 'ok',
        store: { status: 'up' },
      });
      expect(
        (await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'))).status,
      ).toBe(200);
    } finally {
      await again.kill();
    }
  });

  it('answers 503 once a Redis that stopped answering times out, rather than never', async () => {
    const own = await startRedis();
    const [app] = await replicas(1, {}, own.url, 300);
    if (!app) throw new Error('a replica');
    await enrollOn(app, 'alice');
    own.process.kill('SIGSTOP');
    try {
      const res = await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('alice'));
      expect(res.status).toBe(503);
      expect(problemOf(res).code).toBe('store-unavailable');
    } finally {
      own.process.kill('SIGCONT');
      await own.kill();
    }
  });
});
