import Redis from 'ioredis';
import { startRedis, type RedisServer } from '../../../support/redis-server';
import { StoreUnavailable } from '../store-unavailable';
import type { ScenarioRequest } from '../scenarios';
import { rejectedRequest, ticket, user } from '../test-support/records';
import { RedisStore } from './redis-store';

let redis: RedisServer;
let inspect: Redis;
beforeAll(async () => {
  redis = await startRedis();
  inspect = new Redis(redis.url);
});
afterAll(async () => {
  inspect.disconnect();
  await redis.kill();
});

let prefixes = 0;
const opened: RedisStore[] = [];
async function open(options: Partial<Parameters<typeof RedisStore.connect>[0]> = {}): Promise<RedisStore> {
  const store = await RedisStore.connect({ url: redis.url, prefix: `r${++prefixes}:`, ...options });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/** Polls until `condition` holds: at most 200 times, 25 ms apart (Redis expires keys in the background). */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the condition never held');
}

const anyRequest: ScenarioRequest = {
  operation: 'op',
  userId: 'u',
  parameters: { path: {}, query: {}, header: {}, cookie: {} },
  responses: new Set([404]),
  examples: new Set(),
};

/** Writes something of every kind the store keeps, in session `s`. */
async function fill(store: RedisStore): Promise<void> {
  await store.ensureUser('s', 'u', () => user('u'));
  await store.deleteUser('s', 'gone');
  await store.issueTicket(
    's',
    (n) => ticket(`t${n}`, 'u', 0, 's'),
    0,
    (t) => ({
      to: 'u@example.com',
      subject: 's',
      ticketId: t.ticketId,
      ticketUrl: 'http://mock',
      sentAt: '2026-01-01T00:00:00.000Z',
      userId: 'u',
      body: 'b',
    }),
  );
  await store.completeTicket('s', 't1', 'otp', 1);
  await store.addScenario('s', { status: 404, times: 3 }, 0);
  await store.claimScenario('s', anyRequest);
  await store.recordRequest('s', rejectedRequest('s'));
  await store.nextSequence('s', 'body');
}

describe('RedisStore in Redis', () => {
  it('gives every key it writes a TTL no longer than the session TTL', async () => {
    const store = await open({ prefix: 'ttl:', sessionTtlMs: 60_000 });
    await fill(store);
    const keys = await inspect.keys('ttl:*');
    expect(keys.length).toBeGreaterThanOrEqual(15);
    for (const key of keys) {
      const ttl = await inspect.pttl(key);
      expect([key, ttl > 0 && ttl <= 60_000]).toEqual([key, true]);
    }
  });

  it('lets a session nobody writes to leave Redis by expiry, the shared keys with the last one', async () => {
    const store = await open({ prefix: 'gone:', sessionTtlMs: 300 });
    await fill(store);
    expect((await inspect.keys('gone:*')).length).toBeGreaterThan(0);
    await eventually(async () => (await inspect.keys('gone:*')).length === 0);
    expect(await store.listTickets('s')).toEqual([]);
    expect((await store.counts()).sessions).toBe(0);
  });

  it('keeps a session written to alive while an idle one expires', async () => {
    const store = await open({ prefix: 'alive:', sessionTtlMs: 400 });
    await store.issueTicket('idle', () => ticket('ti', 'u', 0, 'idle'), 0);
    await store.issueTicket('busy', () => ticket('tb', 'u', 0, 'busy'), 0);
    await eventually(async () => {
      await store.recordRequest('busy', rejectedRequest('busy'));
      return (await store.getTicket('idle', 'ti')) === undefined;
    });
    expect(await store.getTicket('busy', 'tb')).toBeDefined();
  });

  it('gives replicas on one Redis unique numbers, and spends a scenario exactly, under concurrency', async () => {
    const [a, b] = [await open({ prefix: 'pair:' }), await open({ prefix: 'pair:' })];
    const issued = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).issueTicket('s', (n) => ticket(`t${n}`, `u${i}`, 0, 's'), 0),
      ),
    );
    expect(new Set(issued.map((r) => r.ticket.ticketId)).size).toBe(30);
    await a.addScenario('s', { status: 404, times: 5 }, 0);
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).claimScenario('s', anyRequest)),
    );
    expect(claims.filter(Boolean)).toHaveLength(5);
    expect(await b.listScenarios('s')).toMatchObject([{ fired: 5, remaining: 0 }]);
  });
});

describe('RedisStore numbering tickets', () => {
  it('costs a replica that guessed wrong one more attempt per ticket, however many are in flight', async () => {
    const [a, b] = [await open({ prefix: 'guess:' }), await open({ prefix: 'guess:' })];
    for (let i = 0; i < 10; i++) await b.issueTicket('s', (n) => ticket(`t${n}`, `b${i}`, 0, 's'), 0);
    let made = 0;
    const issued = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        a.issueTicket('s', (n) => (made++, ticket(`t${n}`, `a${i}`, 0, 's')), 0),
      ),
    );
    expect(issued.map((r) => r.ticket.ticketId).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `t${i + 11}`).sort(),
    );
    expect(made).toBeLessThanOrEqual(80);
  });
});

describe('RedisStore when Redis goes away', () => {
  it('refuses to open when Redis cannot be reached, saying why', async () => {
    await expect(RedisStore.connect({ url: 'redis://127.0.0.1:1' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('fails at once while Redis is down, and works again once it is back', async () => {
    const own = await startRedis();
    const store = await RedisStore.connect({ url: own.url, prefix: 'down:' });
    try {
      await store.issueTicket('s', () => ticket('t1', 'u', 0, 's'), 0);
      await own.kill();
      await expect(store.getTicket('s', 't1')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.issueTicket('s', () => ticket('t2', 'u', 0, 's'), 0)).rejects.toBeInstanceOf(
        StoreUnavailable,
      );
      await expect(store.counts()).rejects.toBeInstanceOf(StoreUnavailable);
      const again = await startRedis(own.port);
      try {
        // A new Redis has forgotten the scripts too: they are loaded again.
        await eventually(() => Promise.resolve(store.connected));
        await store.issueTicket('s', () => ticket('t3', 'u', 0, 's'), 0);
        expect((await store.listTickets('s')).map((t) => t.ticketId)).toEqual(['t3']);
      } finally {
        await again.kill();
      }
    } finally {
      await store.close();
    }
  });

  it('gives up on a Redis that stops answering after the command timeout, not never', async () => {
    const own = await startRedis();
    const store = await RedisStore.connect({ url: own.url, prefix: 'hung:', commandTimeoutMs: 200 });
    try {
      own.process.kill('SIGSTOP');
      await expect(store.listTickets('s')).rejects.toBeInstanceOf(StoreUnavailable);
      own.process.kill('SIGCONT');
      await eventually(async () => {
        try {
          await store.listTickets('s');
          return true;
        } catch {
          return false;
        }
      });
    } finally {
      own.process.kill('SIGCONT');
      await store.close();
      await own.kill();
    }
  });
});
