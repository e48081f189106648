/**
 * The console's event stream across replicas: two apps ("replicas", each with its own Redis
 * connections) on the same keys of a real redis-server, each listening on loopback. What one
 * replica serves appears live on a stream attached to the other, and each event once.
 */
import request from 'supertest';
import { serveOnLoopback, type LoopbackServer } from '../../../support/loopback';
import { startRedis, type RedisServer } from '../../../support/redis-server';
import { createApp, type AppOptions } from '../../app';
import type { EnrollmentRecords } from '../../behaviours/enrollment/records';
import { MemoryStore } from '../../state/memory-store';
import { RedisStore } from '../../state/redis/redis-store';
import { openEvents, type EventReader, type StreamedEvent } from '../../test-support/event-stream';
import { basic, ENROLLMENT_PATH } from '../../test-support/http';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.kill();
});

const readers: EventReader[] = [];
const servers: LoopbackServer[] = [];
const stores: RedisStore<EnrollmentRecords>[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const store of stores.splice(0)) await store.close();
});

interface Replica {
  readonly url: string;
  events(session?: string): Promise<EventReader>;
}

async function serve(options: AppOptions): Promise<Replica> {
  const server = await serveOnLoopback(createApp({ seed: 'replica-events', ...options }));
  servers.push(server);
  return {
    url: server.url,
    async events(session) {
      const headers: Record<string, string> = session === undefined ? {} : { 'X-Mock-Session': session };
      const reader = await openEvents(`${server.url}/__admin/events`, headers);
      readers.push(reader);
      return reader;
    },
  };
}

let prefixes = 0;
/** `count` replicas sharing one key prefix (and so one events channel) on the test's redis-server. */
async function replicas(count: number): Promise<Replica[]> {
  const prefix = `events${++prefixes}:`;
  const started: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const store = await RedisStore.connect<EnrollmentRecords>({ url: redis.url, prefix });
    stores.push(store);
    started.push(await serve({ store }));
  }
  return started;
}

/** Two replicas, each with a stream of the default session open. */
async function watchedPair() {
  const [a, b] = await replicas(2);
  if (!a || !b) throw new Error('two replicas');
  return { a, b, onA: await a.events(), onB: await b.events() };
}

async function enrollOn(replica: Replica, user: string, session?: string): Promise<void> {
  const call = request(replica.url).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic(user));
  const res = await (session === undefined ? call : call.set('X-Mock-Session', session));
  expect(res.status).toBe(200);
}

/** The events up to and including the creation of `user`: the marker that ends what a test reads. */
async function readUntilUser(stream: EventReader, user: string): Promise<StreamedEvent[]> {
  const read: StreamedEvent[] = [];
  for (;;) {
    const event = await stream.next();
    read.push(event);
    if (event.event === 'user' && (event.data as { userId?: string }).userId === user) return read;
  }
}

/** An event as every replica should show it: all but its number, which each replica gives its own. */
const shown = ({ event, data }: StreamedEvent) => {
  const { id, ...rest } = data as Record<string, unknown>;
  return { event, id: typeof id, ...rest };
};

const kinds = (events: readonly StreamedEvent[]) =>
  events.map(({ event, data }) => `${event}:${(data as { action?: string }).action ?? ''}`);

describe('event streams across replicas on one Redis', () => {
  it("shows on replica A's stream, live and once, an enrollment that replica B served", async () => {
    const { a, b, onA, onB } = await watchedPair();
    await enrollOn(b, 'alice');
    // Another session's traffic stays on its own streams.
    await enrollOn(b, 'stranger', 'elsewhere');
    const fromB = await readUntilRequests(onA, 1);
    // A marker served by A once B's events reached Redis: an echo of them would come before it.
    await enrollOn(a, 'marker');
    const seenOnA = [...fromB, ...(await readUntilUser(onA, 'marker'))];
    const seenOnB = await readUntilUser(onB, 'marker');

    const once = ['user:created', 'ticket:issued', 'request:', 'user:created'];
    expect(kinds(seenOnA)).toEqual(once);
    expect(kinds(seenOnB)).toEqual(once);
    expect(fromB.map(shown)).toEqual(seenOnB.slice(0, 3).map(shown));
    expect(fromB[2]?.data).toMatchObject({ type: 'request', entry: { userId: 'alice', status: 200 } });
  });

  it('streams every event of the other replica as that replica shows it, in order', async () => {
    const { b, onA, onB } = await watchedPair();
    await enrollOn(b, 'alice');
    await enrollOn(b, 'alice');
    const fromB = await readUntilRequests(onB, 2);
    const onAFromB = await readUntilRequests(onA, 2);
    expect(onAFromB.map(shown)).toEqual(fromB.map(shown));
    expect(kinds(onAFromB)).toEqual([
      'user:created',
      'ticket:issued',
      'request:',
      'ticket:superseded',
      'ticket:issued',
      'request:',
    ]);
    // Each replica numbers the events it sends, in order.
    const ids = onAFromB.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('reaches a stream opened again after the first one closed', async () => {
    const [a, b] = await replicas(2);
    if (!a || !b) throw new Error('two replicas');
    const first = await a.events();
    first.close();
    await first.ended;
    const again = await a.events();
    await enrollOn(b, 'carol');
    expect((await again.next()).data).toMatchObject({ type: 'user', action: 'created', userId: 'carol' });
  });

  it('leaves a replica without Redis as it was: its own events once, nothing of another mock', async () => {
    const lone = await serve({ store: new MemoryStore<EnrollmentRecords>() });
    const other = await serve({ store: new MemoryStore<EnrollmentRecords>() });
    const stream = await lone.events();
    await enrollOn(other, 'elsewhere');
    await enrollOn(lone, 'dave');
    await enrollOn(lone, 'marker');
    const seen = await readUntilUser(stream, 'marker');
    expect(kinds(seen)).toEqual(['user:created', 'ticket:issued', 'request:', 'user:created']);
    expect(seen[0]?.data).toMatchObject({ userId: 'dave' });
  });
});

async function readUntilRequests(stream: EventReader, count: number): Promise<StreamedEvent[]> {
  const read: StreamedEvent[] = [];
  while (read.filter((e) => e.event === 'request').length < count) read.push(await stream.next());
  return read;
}
