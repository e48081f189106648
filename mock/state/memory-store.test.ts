import { MemoryStore } from './memory-store';
import { ticket, user } from './test-support/records';

// What every store does is `test-support/store-behaviour.ts` (run for this store in store.test.ts);
// here, what is particular to the memory store, and its regressions.
describe('MemoryStore', () => {
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
