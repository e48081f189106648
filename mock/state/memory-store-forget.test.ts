import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MemoryStore } from './memory-store';
import { rejectedRequest, ticket, user, type Email, type Ticket } from './test-support/records';

const outboxEmail: Email = {
  to: 'alice@example.com',
  subject: 'Set up multi-factor authentication',
  ticketId: 't-1',
  ticketUrl: 'http://mock/enrollment/t-1',
  sentAt: '2026-01-01T00:00:00.000Z',
  userId: 'alice',
  body: 'Open the link.',
};

/** A ticket that counts every read of its fields in `reads.count`. */
const watched = (record: Ticket, reads: { count: number }): Ticket =>
  new Proxy(record, {
    get(target, key) {
      reads.count++;
      return target[key as keyof Ticket];
    },
  });

/** Forgets session `mine` the way the store does: by reset, or as the least recently used of two. */
const forgetters: [string, (store: MemoryStore) => Promise<void>][] = [
  ['reset', (store) => store.reset('mine')],
  ['eviction', (store) => store.recordRequest('newcomer', rejectedRequest('newcomer'))],
];

describe('forget scanned every ticket in the store', () => {
  it.each(forgetters)(
    'forgets a session by %s without reading other sessions’ tickets',
    async (_, forget) => {
      const store = new MemoryStore({ maxSessions: 2 });
      const reads = { count: 0 };
      await store.issueTicket('mine', () => ticket('m1', 'u', 0, 'mine'), 0);
      for (let i = 0; i < 1000; i++) {
        await store.issueTicket('other', (n) => watched(ticket(`o${n}`, `u${n}`, 0, 'other'), reads), 0);
      }
      reads.count = 0;
      await forget(store);
      expect(reads.count).toBe(0);
      expect(await store.getTicket('mine', 'm1')).toBeUndefined();
      expect(await store.listTickets('other')).toHaveLength(1000);
    },
  );
});

describe('MemoryStore tickets of a session', () => {
  it('lists the tickets left after the oldest in the store were evicted, oldest first', async () => {
    const store = new MemoryStore({ maxTickets: 2 });
    await store.issueTicket('a', () => ticket('t1', 'u1', 0, 'a'), 0);
    await store.issueTicket('b', () => ticket('t2', 'u2', 0, 'b'), 0);
    await store.issueTicket('a', () => ticket('t3', 'u3', 0, 'a'), 0);
    await store.issueTicket('a', () => ticket('t4', 'u4', 0, 'a'), 0);
    expect((await store.listTickets('a')).map((t) => t.ticketId)).toEqual(['t3', 't4']);
    expect(await store.listTickets('b')).toEqual([]);
  });

  it('keeps the ticket another session issued under an id the reset session once held', async () => {
    const store = new MemoryStore({ maxTickets: 1 });
    await store.issueTicket('a', () => ticket('t1', 'u', 0, 'a'), 0);
    await store.issueTicket('c', () => ticket('t2', 'u', 0, 'c'), 0);
    await store.issueTicket('b', () => ticket('t1', 'u', 0, 'b'), 0);
    await store.reset('a');
    expect(await store.getTicket('b', 't1')).toBeDefined();
  });

  it('keeps maxTickets of live tickets after a reset', async () => {
    const store = new MemoryStore({ maxTickets: 2 });
    await store.issueTicket('a', () => ticket('t1', 'u1', 0, 'a'), 0);
    await store.issueTicket('a', () => ticket('t2', 'u2', 0, 'a'), 0);
    await store.reset('a');
    for (const id of ['t3', 't4', 't5']) await store.issueTicket('b', () => ticket(id, id, 0, 'b'), 0);
    expect((await store.listTickets('b')).map((t) => t.ticketId)).toEqual(['t4', 't5']);
    expect((await store.counts()).tickets).toBe(2);
  });
});

describe('a forgotten session stayed in memory through the user ring (1.5 GB under new sessions)', () => {
  it('frees a forgotten session’s state although its users are still in the ring', async () => {
    // The test needs a real collection to see what is still reachable.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const store = new MemoryStore({ maxSessions: 1, maxUsers: 100 });
    await store.ensureUser('mine', 'alice', () => user('alice'));
    let email: Email | undefined = { ...outboxEmail, userId: 'alice' };
    const held = new WeakRef(email);
    await store.recordEmail('mine', email);
    email = undefined;
    await store.ensureUser('newcomer', 'bob', () => user('bob'));
    expect(await store.listEmails('mine')).toEqual([]);
    // A collection is asynchronous to the weak reference: let the current turn end first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    gc();
    expect(held.deref()).toBeUndefined();
  });
});
