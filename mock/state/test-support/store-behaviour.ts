import type { ResponseKey } from '../../../spec/operation';
import type { MemoryStoreLimits } from '../memory-store';
import type { ScenarioRequest } from '../scenarios';
import { ScenarioLimit, type Store } from '../store';
import { rejectedRequest, ticket, user, type Email, type TestRecords, type Ticket } from './records';

/** Opens a fresh, empty store with these limits; the suite closes it after each test. */
export type OpenStore = (
  limits?: Partial<MemoryStoreLimits>,
) => Promise<Store<TestRecords> & { close?: () => Promise<void> }>;

const email = (ticketId: string, userId = 'u'): Email => ({
  to: `${userId}@example.com`,
  subject: 'Set up multi-factor authentication',
  ticketId,
  ticketUrl: `http://mock/enrollment/${ticketId}`,
  sentAt: '2026-01-01T00:00:00.000Z',
  userId,
  body: 'Open the link.',
});

const request = (operation = 'op', userId: string | undefined = 'u'): ScenarioRequest => ({
  operation,
  userId,
  parameters: { path: {}, query: { factor: 'otp' }, header: {}, cookie: {} },
  responses: new Set<ResponseKey>([200, 404, 'default']),
  examples: new Set(),
});

const issue = (
  store: Store<TestRecords>,
  session: string,
  id: string,
  userId = 'u',
  at = 0,
): Promise<unknown> => store.issueTicket(session, () => ticket(id, userId, at, session), at);

/**
 * What every `Store` does, whatever holds the state: one suite, run against the memory store and
 * against the Redis store on a real redis-server (`store.test.ts`).
 */
export function describeStoreBehaviour(name: string, open: OpenStore): void {
  describe(`${name}: the Store contract`, () => {
    const opened: (Store<TestRecords> & { close?: () => Promise<void> })[] = [];
    const fresh = async (limits?: Partial<MemoryStoreLimits>): Promise<Store<TestRecords>> => {
      const store = await open(limits);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close?.();
    });

    it('creates a user once and returns it afterwards', async () => {
      const store = await fresh();
      const made: string[] = [];
      const create = () => (made.push('u'), user('u'));
      expect(await store.ensureUser('s', 'u', create)).toEqual(user('u'));
      expect(await store.ensureUser('s', 'u', create)).toEqual(user('u'));
      expect(made).toEqual(['u']);
      expect(await store.getUser('s', 'u')).toEqual(user('u'));
      expect(await store.getUser('other', 'u')).toBeUndefined();
    });

    it('remembers a deletion, so the user is not created again', async () => {
      const store = await fresh();
      await store.ensureUser('s', 'u', () => user('u'));
      expect(await store.deleteUser('s', 'u')).toBe(true);
      expect(await store.deleteUser('s', 'u')).toBe(false);
      expect(await store.deleteUser('s', 'never')).toBe(false);
      expect(await store.ensureUser('s', 'u', () => user('u'))).toBeUndefined();
      expect(await store.getUser('s', 'u')).toBeUndefined();
      expect(await store.counts()).toMatchObject({ users: 0, deletedUsers: 2 });
    });

    it('supersedes the live pending ticket of the same user and factor only', async () => {
      const store = await fresh();
      await issue(store, 's', 't1', 'u');
      await issue(store, 's', 't2', 'other');
      const { superseded } = await store.issueTicket('s', () => ticket('t3', 'u', 0, 's'), 0);
      expect(superseded).toEqual(['t1']);
      expect(await store.getTicket('s', 't1')).toMatchObject({ status: 'superseded', supersededBy: 't3' });
      expect(await store.getTicket('s', 't2')).toMatchObject({ status: 'pending' });
    });

    it('does not supersede an expired ticket', async () => {
      const store = await fresh();
      await issue(store, 's', 't1', 'u', 0);
      const { superseded } = await store.issueTicket('s', () => ticket('t2', 'u', 5000, 's'), 5000);
      expect(superseded).toEqual([]);
      expect(await store.getTicket('s', 't1')).toMatchObject({ status: 'pending' });
    });

    it('asks for another ticket when the id is taken, in any session', async () => {
      const store = await fresh();
      await store.issueTicket('a', () => ticket('t1', 'u', 0, 'a'), 0);
      const made: number[] = [];
      const make = (n: number) => (made.push(n), ticket(n === 1 ? 't1' : 't2', 'u', 0, 'b'));
      const { ticket: issued } = await store.issueTicket('b', make, 0);
      expect(made).toEqual([1, 2]);
      expect(issued.ticketId).toBe('t2');
    });

    it('numbers the tickets of a session 1, 2, 3, concurrent or not', async () => {
      const store = await fresh();
      const numbers: number[] = [];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.issueTicket('s', (n) => (numbers.push(n), ticket(`t${n}`, `u${i}`, 0, 's')), 0),
        ),
      );
      expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('keeps each session to its own tickets, listed oldest first', async () => {
      const store = await fresh();
      for (const id of ['t1', 't2', 't3']) await issue(store, 's', id, id);
      await issue(store, 'other', 'x1');
      expect((await store.listTickets('s')).map((t: Ticket) => t.ticketId)).toEqual(['t1', 't2', 't3']);
      expect(await store.getTicket('other', 't1')).toBeUndefined();
      expect(await store.listTickets('nobody')).toEqual([]);
    });

    it('stores the email of a ticket with the ticket', async () => {
      const store = await fresh();
      await store.issueTicket(
        's',
        () => ticket('t1', 'u', 0, 's'),
        0,
        (t) => email(t.ticketId),
      );
      expect((await store.listEmails('s')).map((e) => e.ticketId)).toEqual(['t1']);
      await store.recordEmail('s', email('t2'));
      expect((await store.listEmails('s')).map((e) => e.ticketId)).toEqual(['t1', 't2']);
    });

    it('completes a live ticket once and enrolls its factor on the user', async () => {
      const store = await fresh();
      await store.ensureUser('s', 'u', () => user('u'));
      await issue(store, 's', 't1', 'u');
      const done = await store.completeTicket('s', 't1', 'otp', 10);
      expect(done).toMatchObject({ outcome: 'completed', ticket: { status: 'completed', completedAt: 10 } });
      expect(await store.getUser('s', 'u')).toMatchObject({ enrolledFactors: ['otp'] });
      expect(await store.completeTicket('s', 't1', 'otp', 11)).toMatchObject({ outcome: 'not-pending' });
      await issue(store, 's', 't2', 'u');
      await store.completeTicket('s', 't2', 'otp', 12);
      expect(await store.getUser('s', 'u')).toMatchObject({ enrolledFactors: ['otp'] });
    });

    it.each([
      ['expired', 't1', 1000],
      ['unknown', 'nope', 0],
    ])('does not complete an %s ticket', async (kind, id, now) => {
      const store = await fresh();
      await issue(store, 's', 't1');
      const outcome = await store.completeTicket('s', id, 'otp', now);
      expect(outcome.outcome).toBe(kind === 'expired' ? 'not-pending' : 'not-found');
      expect(await store.completeTicket('other', 't1', 'otp', 0)).toEqual({ outcome: 'not-found' });
    });

    it('numbers scenarios, lists them oldest first and removes them', async () => {
      const store = await fresh();
      const first = await store.addScenario('s', { status: 404, times: 2, match: { userId: 'u' } }, 0);
      const second = await store.addScenario('s', { delayMs: 5 }, 1000);
      expect(first).toEqual({
        status: 404,
        times: 2,
        match: { userId: 'u' },
        id: 'scn_1',
        createdAt: '1970-01-01T00:00:00.000Z',
        fired: 0,
        remaining: 2,
      });
      expect(second).toMatchObject({ id: 'scn_2', remaining: null });
      expect(await store.listScenarios('s')).toEqual([first, second]);
      expect(await store.removeScenario('s', 'scn_1')).toBe(true);
      expect(await store.removeScenario('s', 'scn_1')).toBe(false);
      expect((await store.listScenarios('s')).map((s) => s.id)).toEqual(['scn_2']);
    });

    it('refuses a scenario beyond the limit of a session', async () => {
      const store = await fresh({ maxScenariosPerSession: 2 });
      await store.addScenario('s', { status: 404 }, 0);
      await store.addScenario('s', { status: 404 }, 0);
      await expect(store.addScenario('s', { status: 404 }, 0)).rejects.toBeInstanceOf(ScenarioLimit);
      expect(await store.addScenario('other', { status: 404 }, 0)).toMatchObject({ id: 'scn_1' });
    });

    it('claims the oldest matching scenario with uses left, counting it', async () => {
      const store = await fresh();
      await store.addScenario('s', { status: 404, match: { userId: 'someone-else' } }, 0);
      await store.addScenario('s', { status: 404, times: 1, match: { factor: 'otp' } }, 0);
      await store.addScenario('s', { status: 404 }, 0);
      expect(await store.claimScenario('s', request())).toMatchObject({
        id: 'scn_2',
        fired: 1,
        remaining: 0,
      });
      expect(await store.claimScenario('s', request())).toMatchObject({
        id: 'scn_3',
        fired: 1,
        remaining: null,
      });
      expect(await store.claimScenario('s', request())).toMatchObject({ id: 'scn_3', fired: 2 });
      expect((await store.listScenarios('s')).map((s) => [s.id, s.fired, s.remaining])).toEqual([
        ['scn_1', 0, null],
        ['scn_2', 1, 0],
        ['scn_3', 2, null],
      ]);
      expect(await store.claimScenario('other', request())).toBeUndefined();
    });

    it("spends a scenario's times exactly under concurrent claims", async () => {
      const store = await fresh();
      await store.addScenario('s', { status: 404, times: 7 }, 0);
      const claims = await Promise.all(Array.from({ length: 40 }, () => store.claimScenario('s', request())));
      expect(claims.filter(Boolean)).toHaveLength(7);
      expect(await store.listScenarios('s')).toMatchObject([{ fired: 7, remaining: 0 }]);
    });

    it('keeps the newest journal entries of a session, oldest first', async () => {
      const store = await fresh({ journalSize: 3 });
      for (const id of ['r1', 'r2', 'r3', 'r4'])
        await store.recordRequest('s', { ...rejectedRequest('s'), id });
      expect((await store.listRequests('s')).map((r) => r.id)).toEqual(['r2', 'r3', 'r4']);
      expect(await store.listRequests('other')).toEqual([]);
    });

    it('keeps the newest emails of a session', async () => {
      const store = await fresh({ maxEmailsPerSession: 2 });
      for (const id of ['t1', 't2', 't3']) await store.recordEmail('s', email(id));
      expect((await store.listEmails('s')).map((e) => e.ticketId)).toEqual(['t2', 't3']);
    });

    it('counts 1, 2, 3 for each session and counter on its own, concurrent draws apart', async () => {
      const store = await fresh();
      const draw = (session: string, counter: string, times: number) =>
        Promise.all(Array.from({ length: times }, () => store.nextSequence(session, counter)));
      expect((await draw('a', 'body', 30)).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      expect(await draw('b', 'body', 2)).toEqual([1, 2]);
      expect(await draw('a', 'latency', 1)).toEqual([1]);
    });

    it('forgets everything a session holds on reset, and nothing of another', async () => {
      const store = await fresh();
      await store.ensureUser('s', 'u', () => user('u'));
      await store.deleteUser('s', 'gone');
      await store.issueTicket(
        's',
        () => ticket('t1', 'u', 0, 's'),
        0,
        (t) => email(t.ticketId),
      );
      await store.addScenario('s', { status: 404 }, 0);
      await store.recordRequest('s', rejectedRequest('s'));
      await store.nextSequence('s', 'body');
      await issue(store, 'keep', 'k1');
      await store.reset('s');
      expect(await store.getUser('s', 'u')).toBeUndefined();
      expect(await store.ensureUser('s', 'gone', () => user('gone'))).toEqual(user('gone'));
      expect(await store.listTickets('s')).toEqual([]);
      expect(await store.listEmails('s')).toEqual([]);
      expect(await store.listScenarios('s')).toEqual([]);
      expect(await store.listRequests('s')).toEqual([]);
      expect(await store.nextSequence('s', 'body')).toBe(1);
      expect(await store.getTicket('keep', 'k1')).toBeDefined();
      const numbers: number[] = [];
      await store.issueTicket('s', (n) => (numbers.push(n), ticket('t1', 'u', 0, 's')), 0);
      expect(numbers).toEqual([1]);
    });

    it('evicts the oldest tickets across sessions beyond maxTickets', async () => {
      const store = await fresh({ maxTickets: 2 });
      await issue(store, 'a', 't1', 'u1');
      await issue(store, 'b', 't2', 'u2');
      await issue(store, 'a', 't3', 'u3');
      expect(await store.getTicket('a', 't1')).toBeUndefined();
      expect((await store.listTickets('a')).map((t) => t.ticketId)).toEqual(['t3']);
      expect((await store.counts()).tickets).toBe(2);
    });

    it('does not supersede through an evicted ticket', async () => {
      const store = await fresh({ maxTickets: 1 });
      await issue(store, 's', 't1', 'u');
      await issue(store, 's', 't2', 'other');
      expect((await store.issueTicket('s', () => ticket('t3', 'u', 0, 's'), 0)).superseded).toEqual([]);
    });

    it('evicts the oldest users beyond maxUsers, and recreates them on sight', async () => {
      const store = await fresh({ maxUsers: 2 });
      for (const id of ['u1', 'u2', 'u3']) await store.ensureUser('s', id, () => user(id));
      expect(await store.getUser('s', 'u1')).toBeUndefined();
      expect((await store.counts()).users).toBe(2);
      expect(await store.ensureUser('s', 'u1', () => user('u1'))).toEqual(user('u1'));
    });

    it('forgets the least recently used session beyond maxSessions', async () => {
      const store = await fresh({ maxSessions: 2 });
      await issue(store, 'a', 'ta');
      await issue(store, 'b', 'tb');
      await store.ensureUser('a', 'u', () => user('u'));
      await issue(store, 'c', 'tc');
      expect(await store.getTicket('b', 'tb')).toBeUndefined();
      expect(await store.getTicket('a', 'ta')).toBeDefined();
      expect(await store.counts()).toEqual({ sessions: 2, users: 1, deletedUsers: 0, tickets: 2, emails: 0 });
    });

    it('lists the sessions it holds: not a reset one, nor one it forgot to stay bounded', async () => {
      const store = await fresh({ maxSessions: 2 });
      await store.ensureUser('a', 'u', () => user('u'));
      await store.recordEmail('b', email('t1'));
      expect([...(await store.listSessions())].sort()).toEqual(['a', 'b']);
      await store.reset('a');
      expect(await store.listSessions()).toEqual(['b']);
      await store.nextSequence('c', 'n');
      await store.nextSequence('d', 'n');
      expect([...(await store.listSessions())].sort()).toEqual(['b', 'd']);
    });

    it('forgets a session that only holds a journal or sequences before one that holds state', async () => {
      const store = await fresh({ maxSessions: 2 });
      await issue(store, 'qa', 'tq');
      for (const noise of ['n1', 'n2', 'n3']) await store.recordRequest(noise, rejectedRequest(noise));
      for (const noise of ['m1', 'm2']) await store.nextSequence(noise, 'latency');
      expect(await store.getTicket('qa', 'tq')).toBeDefined();
      expect((await store.counts()).sessions).toBe(2);
    });
  });
}
