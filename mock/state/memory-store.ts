import type { JournalRecord } from './journal';
import { DELETED, SessionState, type SessionHandle } from './memory-session';
import { isLive, pendingKey, type Completion, type RecordTypes } from './records';
import { RingBuffer } from './ring-buffer';
import { matches, type Scenario, type ScenarioDraft, type ScenarioRequest } from './scenarios';
import { ScenarioLimit, type Store, type StoreCounts } from './store';
import { TicketTable } from './ticket-table';

export interface MemoryStoreLimits {
  /** Tickets kept across all sessions; the oldest is evicted first. */
  readonly maxTickets: number;
  /** Users (and deletion markers) kept across all sessions; the oldest is evicted first. */
  readonly maxUsers: number;
  /** Emails kept per session; the oldest is dropped first. */
  readonly maxEmailsPerSession: number;
  /** Sessions kept; the least recently used is forgotten first. */
  readonly maxSessions: number;
  /** Journal entries kept per session; the oldest is dropped first. */
  readonly journalSize: number;
  /** Scenarios a session may hold at once. */
  readonly maxScenariosPerSession: number;
}

export const DEFAULT_LIMITS: MemoryStoreLimits = {
  maxTickets: 100_000,
  maxUsers: 100_000,
  maxEmailsPerSession: 1_000,
  maxSessions: 100,
  journalSize: 1_000,
  maxScenariosPerSession: 100,
};

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A user as stored, for eviction: evicted only if it is still its session's record for that id. It
 * holds the session through its handle, not the state itself, so a forgotten session's state (its
 * users, journal and outbox) is freed at once, not kept alive by up to `maxUsers` old slots.
 */
interface UserSlot<R extends RecordTypes> {
  readonly handle: SessionHandle<R>;
  readonly userId: string;
  readonly user: R['user'] | typeof DELETED;
}

/**
 * The default store: everything in this process's memory, bounded by `limits` so that a long run or
 * a fuzzer cannot grow it without end. Readers get the live records (read-only); the store changes
 * them in place, since a copy per change would be garbage on the hottest path. `R` are the records of
 * the behaviour it serves.
 */
export class MemoryStore<R extends RecordTypes = RecordTypes> implements Store<R> {
  readonly backend = 'memory';
  private readonly limits: MemoryStoreLimits;
  /** Insertion order is recency: the first entry is the least recently used session. */
  private readonly sessions = new Map<string, SessionState<R>>();
  /** Sessions holding nothing but a journal (and sequence counters): the first to forget. */
  private readonly plain = new Set<SessionState<R>>();
  private mostRecent: string | undefined;
  private readonly tickets: TicketTable<R>;
  /**
   * Users in the order they were stored, in a ring of `maxUsers`: storing one more evicts the oldest,
   * in O(1), as `TicketTable` does for tickets. An entry whose record was since replaced or reset is
   * stale and evicts nothing.
   */
  private readonly userOrder: RingBuffer<UserSlot<R>>;

  constructor(limits: Partial<MemoryStoreLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.tickets = new TicketTable(this.limits.maxTickets, (ticket) => this.sessions.get(ticket.session));
    this.userOrder = new RingBuffer(this.limits.maxUsers);
  }

  ensureUser(session: string, userId: string, create: () => R['user']): Promise<R['user'] | undefined> {
    const state = this.session(session);
    const existing = state.users.get(userId);
    if (existing === DELETED) return Promise.resolve(undefined);
    if (existing) return Promise.resolve(existing);
    const user = create();
    this.putUser(state, userId, user);
    return Promise.resolve(user);
  }

  getUser(session: string, userId: string): Promise<R['user'] | undefined> {
    const user = this.sessions.get(session)?.users.get(userId);
    return Promise.resolve(user === DELETED ? undefined : user);
  }

  deleteUser(session: string, userId: string): Promise<boolean> {
    const state = this.session(session);
    const existed = state.users.get(userId);
    this.putUser(state, userId, DELETED);
    return Promise.resolve(existed !== undefined && existed !== DELETED);
  }

  issueTicket(
    session: string,
    make: (n: number) => R['ticket'],
    now: number,
    mail?: (ticket: R['ticket']) => R['email'],
  ): Promise<{ ticket: R['ticket']; superseded: readonly string[] }> {
    const state = this.session(session);
    let ticket = make(++state.ticketNumber);
    while (this.tickets.has(ticket.ticketId)) ticket = make(++state.ticketNumber);
    if (ticket.session !== session)
      throw new Error(`A ticket of session ${ticket.session} cannot be issued in ${session}`);
    const superseded: string[] = [];
    const key = pendingKey(ticket);
    const previousId = state.pending.get(key);
    const previous = previousId === undefined ? undefined : this.tickets.get(previousId);
    if (previous && isLive(previous, now)) {
      Object.assign(previous as Writable<R['ticket']>, {
        status: 'superseded',
        supersededBy: ticket.ticketId,
      });
      superseded.push(previous.ticketId);
    }
    state.pending.set(key, ticket.ticketId);
    this.tickets.add(state, ticket);
    if (mail) state.emails.push(mail(ticket));
    this.plain.delete(state);
    return Promise.resolve({ ticket, superseded });
  }

  getTicket(session: string, ticketId: string): Promise<R['ticket'] | undefined> {
    const ticket = this.tickets.get(ticketId);
    return Promise.resolve(ticket?.session === session ? ticket : undefined);
  }

  listTickets(session: string): Promise<readonly R['ticket'][]> {
    const state = this.sessions.get(session);
    return Promise.resolve(state ? [...state.tickets] : []);
  }

  completeTicket(
    session: string,
    ticketId: string,
    factor: R['factor'],
    now: number,
  ): Promise<Completion<R['ticket']>> {
    const state = this.sessions.get(session);
    const ticket = this.tickets.get(ticketId);
    if (!state || ticket?.session !== session) return Promise.resolve({ outcome: 'not-found' });
    if (!isLive(ticket, now)) return Promise.resolve({ outcome: 'not-pending', ticket });
    Object.assign(ticket as Writable<R['ticket']>, {
      status: 'completed',
      completedAt: now,
      enrolledFactor: factor,
    });
    if (state.pending.get(pendingKey(ticket)) === ticketId) state.pending.delete(pendingKey(ticket));
    const user = state.users.get(ticket.userId);
    if (user && user !== DELETED && !user.enrolledFactors.includes(factor)) {
      (user.enrolledFactors as R['factor'][]).push(factor);
    }
    return Promise.resolve({ outcome: 'completed', ticket });
  }

  recordEmail(session: string, email: R['email']): Promise<void> {
    const state = this.session(session);
    state.emails.push(email);
    this.plain.delete(state);
    return Promise.resolve();
  }

  listEmails(session: string): Promise<readonly R['email'][]> {
    return Promise.resolve(this.sessions.get(session)?.emails.toArray() ?? []);
  }

  addScenario(session: string, draft: ScenarioDraft, now: number): Promise<Scenario> {
    const state = this.session(session);
    if (state.scenarios.length >= this.limits.maxScenariosPerSession) {
      return Promise.reject(new ScenarioLimit(this.limits.maxScenariosPerSession));
    }
    const scenario: Scenario = {
      ...draft,
      id: `scn_${++state.scenarioNumber}`,
      createdAt: new Date(now).toISOString(),
      fired: 0,
      remaining: draft.times ?? null,
    };
    state.scenarios.push(scenario);
    this.plain.delete(state);
    return Promise.resolve(scenario);
  }

  listScenarios(session: string): Promise<readonly Scenario[]> {
    return Promise.resolve([...(this.sessions.get(session)?.scenarios ?? [])]);
  }

  removeScenario(session: string, id: string): Promise<boolean> {
    const state = this.sessions.get(session);
    const before = state?.scenarios.length ?? 0;
    if (state) state.scenarios = state.scenarios.filter((s) => s.id !== id);
    return Promise.resolve((state?.scenarios.length ?? 0) < before);
  }

  claimScenario(session: string, request: ScenarioRequest): Promise<Scenario | undefined> {
    const state = this.sessions.get(session);
    if (!state || state.scenarios.length === 0) return Promise.resolve(undefined);
    const index = state.scenarios.findIndex((s) => matches(s, request));
    const found = state.scenarios[index];
    if (!found) return Promise.resolve(undefined);
    const fired: Scenario = {
      ...found,
      fired: found.fired + 1,
      remaining: found.remaining === null ? null : found.remaining - 1,
    };
    state.scenarios[index] = fired;
    return Promise.resolve(fired);
  }

  recordRequest(session: string, entry: JournalRecord): Promise<void> {
    this.session(session).journal.push(entry);
    return Promise.resolve();
  }

  listRequests(session: string): Promise<readonly JournalRecord[]> {
    return Promise.resolve(this.sessions.get(session)?.journal.toArray() ?? []);
  }

  nextSequence(session: string, counter: string): Promise<number> {
    const state = this.session(session);
    const next = (state.sequences.get(counter) ?? 0) + 1;
    state.sequences.set(counter, next);
    return Promise.resolve(next);
  }

  listSessions(): Promise<readonly string[]> {
    return Promise.resolve([...this.sessions.keys()]);
  }

  reset(session: string): Promise<void> {
    const state = this.sessions.get(session);
    if (state) this.forget(state);
    return Promise.resolve();
  }

  counts(): Promise<StoreCounts> {
    let users = 0;
    let deletedUsers = 0;
    let emails = 0;
    for (const state of this.sessions.values()) {
      users += state.liveUsers;
      deletedUsers += state.deletedUsers;
      emails += state.emails.size;
    }
    return Promise.resolve({
      sessions: this.sessions.size,
      users,
      deletedUsers,
      tickets: this.tickets.size,
      emails,
    });
  }

  /** The session's state, created on first use and marked most recently used. */
  private session(name: string): SessionState<R> {
    let state = this.sessions.get(name);
    if (state && this.mostRecent === name) return state;
    if (state) this.sessions.delete(name);
    else {
      state = new SessionState(name, this.limits);
      this.plain.add(state);
    }
    this.sessions.set(name, state);
    this.mostRecent = name;
    if (this.sessions.size > this.limits.maxSessions) this.forget(this.leastValuable(state));
    return state;
  }

  /**
   * The session to forget when there are too many: the least recently used one that holds nothing but
   * its journal (a stream of rejected requests with made-up session names must not wipe a colleague's
   * tickets and scenarios), else the least recently used one. Sequence counters do not count: a
   * request with a made-up session name may draw from them (a latency draw) before it is rejected,
   * so counting them would let that same stream wipe the colleague's session.
   */
  private leastValuable(keep: SessionState<R>): SessionState<R> {
    // Without a plain session the answer is the least recently used one: no walk over them all.
    // (`keep`, just used, is the most recent: never the first unless it is alone.)
    if (this.plain.size === 0 || (this.plain.size === 1 && this.plain.has(keep))) {
      return this.sessions.values().next().value ?? keep;
    }
    let oldest: SessionState<R> | undefined;
    for (const state of this.sessions.values()) {
      if (state === keep) continue;
      oldest ??= state;
      if (
        state.ticketNumber === 0 &&
        state.users.size === 0 &&
        state.scenarios.length === 0 &&
        state.emails.size === 0
      )
        return state;
    }
    return oldest ?? keep;
  }

  private putUser(state: SessionState<R>, userId: string, user: R['user'] | typeof DELETED): void {
    this.plain.delete(state);
    state.setUser(userId, user);
    const oldest = this.userOrder.push({ handle: state.handle, userId, user });
    const holder = oldest?.handle.state;
    if (oldest && holder?.users.get(oldest.userId) === oldest.user) holder.dropUser(oldest.userId);
  }

  /** Drops the session; its users are stale in `userOrder` from now on. */
  private forget(state: SessionState<R>): void {
    this.tickets.forget(state);
    this.sessions.delete(state.name);
    this.plain.delete(state);
    state.handle.state = undefined;
    if (this.mostRecent === state.name) this.mostRecent = undefined;
  }
}
