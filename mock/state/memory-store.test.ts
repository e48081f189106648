import { MemoryStore } from './memory-store';
import { email, rejectedRequest, ticket, user } from './test-support/records';

describe('MemoryStore', () => {
  it('asks for another ticket when the id is taken, in any session', async () => {
    const store = new MemoryStore();
    await store.issueTicket('a', () => ticket('t1', 'u', 0, 'a'), 0);
    const made: number[] = [];
    const make = (n: number) => {
      made.push(n);
      return ticket(n === 1 ? 't1' : 't2', 'u', 0, 'b');
    };
    const { ticket: issued } = await store.issueTicket('b', make, 0);
    expect(made).toEqual([1, 2]);
    expect(issued.ticketId).toBe('t2');
  });

  it('lists the sessions it holds: not a reset one, nor one it forgot to stay bounded', async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    await store.ensureUser('a', 'u', () => user('u'));
    await store.recordEmail('b', email('u'));
    expect([...(await store.listSessions())].sort()).toEqual(['a', 'b']);
    await store.reset('a');
    expect(await store.listSessions()).toEqual(['b']);
    await store.nextSequence('c', 'n');
    await store.nextSequence('d', 'n');
    expect([...(await store.listSessions())].sort()).toEqual(['b', 'd']);
  });

  it('evicts the oldest tickets across sessions beyond maxTickets', async () => {
    const store = new MemoryStore({ maxTickets: 2 });
    await store.issueTicket('a', () => ticket('t1', 'u1', 0, 'a'), 0);
    await store.issueTicket('b', () => ticket('t2', 'u2', 0, 'b'), 0);
    await store.issueTicket('a', () => ticket('t3', 'u3', 0, 'a'), 0);
    expect(await store.getTicket('a', 't1')).toBeUndefined();
    expect((await store.counts()).tickets).toBe(2);
  });

  it('does not supersede through an evicted ticket', async () => {
    const store = new MemoryStore({ maxTickets: 1 });
    await store.issueTicket('s', () => ticket('t1', 'u', 0, 's'), 0);
    await store.issueTicket('s', () => ticket('t2', 'other', 0, 's'), 0);
    expect((await store.issueTicket('s', () => ticket('t3', 'u', 0, 's'), 0)).superseded).toEqual([]);
  });

  it('evicts the oldest users beyond maxUsers, and recreates them on sight', async () => {
    const store = new MemoryStore({ maxUsers: 2 });
    for (const id of ['u1', 'u2', 'u3']) await store.ensureUser('s', id, () => user(id));
    expect(await store.getUser('s', 'u1')).toBeUndefined();
    expect((await store.counts()).users).toBe(2);
  });

  it('forgets the least recently used session beyond maxSessions', async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    await store.issueTicket('a', () => ticket('ta', 'u', 0, 'a'), 0);
    await store.issueTicket('b', () => ticket('tb', 'u', 0, 'b'), 0);
    await store.ensureUser('a', 'u', () => user('u'));
    await store.issueTicket('c', () => ticket('tc', 'u', 0, 'c'), 0);
    expect(await store.getTicket('b', 'tb')).toBeUndefined();
    expect(await store.getTicket('a', 'ta')).toBeDefined();
    expect(await store.counts()).toEqual({ sessions: 2, users: 1, deletedUsers: 0, tickets: 2, emails: 0 });
  });

  it('forgets a session that only holds a journal before one that holds state', async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    await store.issueTicket('qa', () => ticket('tq', 'u', 0, 'qa'), 0);
    for (const noise of ['n1', 'n2', 'n3']) {
      await store.recordRequest(noise, rejectedRequest(noise));
    }
    expect(await store.getTicket('qa', 'tq')).toBeDefined();
    expect((await store.counts()).sessions).toBe(2);
  });

  it('does not count deleted users as users (counts() counted deletion markers)', async () => {
    const store = new MemoryStore();
    for (const id of ['u1', 'u2']) await store.ensureUser('s', id, () => user(id));
    await store.deleteUser('s', 'u1');
    await store.deleteUser('s', 'never-seen');
    expect(await store.counts()).toMatchObject({ users: 1, deletedUsers: 2 });
  });

  it('stops counting a deleted user when its marker is evicted or its session reset', async () => {
    const store = new MemoryStore({ maxUsers: 2 });
    await store.deleteUser('a', 'gone');
    await store.deleteUser('b', 'gone');
    await store.ensureUser('b', 'u', () => user('u'));
    expect(await store.counts()).toMatchObject({ users: 1, deletedUsers: 1 });
    await store.reset('b');
    expect(await store.counts()).toMatchObject({ users: 0, deletedUsers: 0 });
  });

  it('creates no session for a read', async () => {
    const store = new MemoryStore();
    await store.listTickets('ghost');
    await store.getUser('ghost', 'u');
    expect((await store.counts()).sessions).toBe(0);
  });

  it('completes a ticket once, at the time given', async () => {
    const store = new MemoryStore();
    await store.ensureUser('s', 'u', () => user('u'));
    await store.issueTicket('s', () => ticket('t1', 'u', 0, 's'), 0);
    expect(await store.completeTicket('s', 't1', 'otp', 10)).toMatchObject({
      outcome: 'completed',
      ticket: { completedAt: 10, enrolledFactor: 'otp' },
    });
    expect(await store.completeTicket('s', 't1', 'otp', 11)).toMatchObject({ outcome: 'not-pending' });
    expect((await store.getUser('s', 'u'))?.enrolledFactors).toEqual(['otp']);
  });

  it('does not complete an expired ticket', async () => {
    const store = new MemoryStore();
    await store.issueTicket('s', () => ticket('t1', 'u', 0, 's'), 0);
    expect(await store.completeTicket('s', 't1', 'otp', 1000)).toMatchObject({ outcome: 'not-pending' });
  });
});
