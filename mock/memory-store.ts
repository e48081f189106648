import type { MfaFactor } from '../spec/types';
import type { JournalEntry } from './journal';
import { DELETED, SessionState, pendingKey } from './memory-session';
import type { Email } from './outbox';
import { matches, type Scenario, type ScenarioDraft, type ScenarioRequest } from './scenarios';
import { ScenarioLimit, TicketIdTaken, type Completion, type Store, type StoreCounts } from './store';
import { isLive, iso, type Ticket } from './tickets';
import type { User } from './users';

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

const globalKey = (session: string, id: string): string => `${session}\u0000${id}`;

/**
 * The default store: everything in this process's memory, bounded by `limits` so that a long run
 * or a fuzzer cannot grow it without end.
 */
export class MemoryStore implements Store {
  private readonly limits: MemoryStoreLimits;
  /** Insertion order is recency: the first entry is the least recently used session. */
  private readonly sessions = new Map<string, SessionState>();
  /** Every ticket and user of every session, oldest first, for eviction across sessions. */
  private readonly ticketAge = new Map<string, SessionState>();
  private readonly userAge = new Map<string, SessionState>();

  constructor(limits: Partial<MemoryStoreLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  ensureUser(session: string, userId: string, create: () => User): Promise<User | undefined> {
    const state = this.session(session);
    const existing = state.users.get(userId);
    if (existing === DELETED) return Promise.resolve(undefined);
    if (existing) return Promise.resolve(existing);
    const user = create();
    this.putUser(state, userId, user);
    return Promise.resolve(user);
  }

  getUser(session: string, userId: string): Promise<User | undefined> {
    const user = this.sessions.get(session)?.users.get(userId);
    return Promise.resolve(user === DELETED ? undefined : user);
  }

  deleteUser(session: string, userId: string): Promise<boolean> {
    const state = this.session(session);
    const existed = state.users.get(userId);
    this.putUser(state, userId, DELETED);
    return Promise.resolve(existed !== undefined && existed !== DELETED);
  }

  nextTicketNumber(session: string): Promise<number> {
    return Promise.resolve(++this.session(session).ticketNumber);
  }

  issueTicket(session: string, ticket: Ticket, now: number): Promise<{ superseded: readonly string[] }> {
    const state = this.session(session);
    if (state.tickets.has(ticket.ticketId)) return Promise.reject(new TicketIdTaken(ticket.ticketId));
    const superseded: string[] = [];
    const previousId = state.pending.get(pendingKey(ticket));
    const previous = previousId === undefined ? undefined : state.tickets.get(previousId);
    if (previous && isLive(previous, now)) {
      state.tickets.set(previous.ticketId, {
        ...previous,
        status: 'superseded',
        supersededBy: ticket.ticketId,
      });
      superseded.push(previous.ticketId);
    }
    state.tickets.set(ticket.ticketId, ticket);
    state.pending.set(pendingKey(ticket), ticket.ticketId);
    this.ticketAge.set(globalKey(session, ticket.ticketId), state);
    while (this.ticketAge.size > this.limits.maxTickets) this.evictOldestTicket();
    return Promise.resolve({ superseded });
  }

  getTicket(session: string, ticketId: string): Promise<Ticket | undefined> {
    return Promise.resolve(this.sessions.get(session)?.tickets.get(ticketId));
  }

  listTickets(session: string): Promise<readonly Ticket[]> {
    return Promise.resolve([...(this.sessions.get(session)?.tickets.values() ?? [])]);
  }

  completeTicket(session: string, ticketId: string, factor: MfaFactor, now: number): Promise<Completion> {
    const state = this.sessions.get(session);
    const ticket = state?.tickets.get(ticketId);
    if (!state || !ticket) return Promise.resolve({ outcome: 'not-found' });
    if (!isLive(ticket, now)) return Promise.resolve({ outcome: 'not-pending', ticket });
    const completed: Ticket = { ...ticket, status: 'completed', completedAt: now, enrolledFactor: factor };
    state.tickets.set(ticketId, completed);
    if (state.pending.get(pendingKey(ticket)) === ticketId) state.pending.delete(pendingKey(ticket));
    const user = state.users.get(ticket.userId);
    if (user && user !== DELETED && !user.enrolledFactors.includes(factor)) {
      state.users.set(ticket.userId, { ...user, enrolledFactors: [...user.enrolledFactors, factor] });
    }
    return Promise.resolve({ outcome: 'completed', ticket: completed });
  }

  recordEmail(session: string, email: Email): Promise<void> {
    this.session(session).emails.push(email);
    return Promise.resolve();
  }

  listEmails(session: string): Promise<readonly Email[]> {
    return Promise.resolve(this.sessions.get(session)?.emails.toArray() ?? []);
  }

  addScenario(session: string, draft: ScenarioDraft, now: number): Promise<Scenario> {
    const state = this.session(session);
    if (state.scenarios.length >= this.limits.maxScenariosPerSession)
      return Promise.reject(new ScenarioLimit(this.limits.maxScenariosPerSession));
    const scenario: Scenario = {
      ...draft,
      id: `scn_${++state.scenarioNumber}`,
      createdAt: iso(now),
      fired: 0,
      remaining: draft.times ?? null,
    };
    state.scenarios.push(scenario);
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
    const index = state?.scenarios.findIndex((s) => matches(s, request)) ?? -1;
    const found = state?.scenarios[index];
    if (!state || !found) return Promise.resolve(undefined);
    const fired: Scenario = {
      ...found,
      fired: found.fired + 1,
      remaining: found.remaining === null ? null : found.remaining - 1,
    };
    state.scenarios[index] = fired;
    return Promise.resolve(fired);
  }

  recordRequest(session: string, entry: JournalEntry): Promise<void> {
    this.session(session).journal.push(entry);
    return Promise.resolve();
  }

  listRequests(session: string): Promise<readonly JournalEntry[]> {
    return Promise.resolve(this.sessions.get(session)?.journal.toArray() ?? []);
  }

  reset(session: string): Promise<void> {
    const state = this.sessions.get(session);
    if (state) this.forget(state);
    return Promise.resolve();
  }

  counts(): Promise<StoreCounts> {
    let emails = 0;
    for (const state of this.sessions.values()) emails += state.emails.size;
    return Promise.resolve({
      sessions: this.sessions.size,
      users: this.userAge.size,
      tickets: this.ticketAge.size,
      emails,
    });
  }

  /** The session's state, created on first use and marked most recently used. */
  private session(name: string): SessionState {
    let state = this.sessions.get(name);
    if (state) {
      this.sessions.delete(name);
    } else {
      state = new SessionState(name, this.limits);
    }
    this.sessions.set(name, state);
    while (this.sessions.size > this.limits.maxSessions) {
      const oldest = this.sessions.values().next().value;
      if (oldest) this.forget(oldest);
    }
    return state;
  }

  private putUser(state: SessionState, userId: string, user: User | typeof DELETED): void {
    state.users.set(userId, user);
    const key = globalKey(state.name, userId);
    this.userAge.delete(key);
    this.userAge.set(key, state);
    while (this.userAge.size > this.limits.maxUsers) {
      const [oldestKey, owner] = this.userAge.entries().next().value ?? [];
      if (oldestKey === undefined || !owner) break;
      this.userAge.delete(oldestKey);
      owner.users.delete(oldestKey.slice(owner.name.length + 1));
    }
  }

  private evictOldestTicket(): void {
    const [key, owner] = this.ticketAge.entries().next().value ?? [];
    if (key === undefined || !owner) return;
    this.ticketAge.delete(key);
    const ticketId = key.slice(owner.name.length + 1);
    const ticket = owner.tickets.get(ticketId);
    owner.tickets.delete(ticketId);
    if (ticket && owner.pending.get(pendingKey(ticket)) === ticketId)
      owner.pending.delete(pendingKey(ticket));
  }

  private forget(state: SessionState): void {
    for (const ticketId of state.tickets.keys()) this.ticketAge.delete(globalKey(state.name, ticketId));
    for (const userId of state.users.keys()) this.userAge.delete(globalKey(state.name, userId));
    this.sessions.delete(state.name);
  }
}
