import type { MfaFactor } from '../../spec/types';
import type { JournalRecord } from './journal';
import type { Email } from '../behaviours/enrollment/outbox';
import type { Scenario, ScenarioDraft, ScenarioRequest } from './scenarios';
import type { Ticket } from '../behaviours/enrollment/tickets';
import type { User } from '../behaviours/enrollment/users';

/**
 * Everything the mock remembers, partitioned by session: the contract that `MemoryStore` and the
 * shared `RedisStore` (`redis/`) both follow, so that one can replace the other without touching the
 * handlers. Every method is one atomic step (in Redis: one MULTI/EXEC or script), so concurrent
 * requests, in one process or several, cannot interleave inside it. (An enrollment takes two
 * steps, the user and then the ticket with its email: a user deleted between them still gets that
 * one ticket, as with a real API.) A store may forget a whole session at any time to stay bounded, as if it had been reset.
 */
export interface Store {
  /** Which implementation this is (`memory`, `redis`), as `GET /__admin/health` shows it. */
  readonly backend: string;
  /** The user, created with `create` on first sight; `undefined` once the user was deleted. */
  ensureUser(session: string, userId: string, create: () => User): Promise<User | undefined>;
  getUser(session: string, userId: string): Promise<User | undefined>;
  /** Deletes the user and remembers the deletion, so later requests from it get 404. */
  deleteUser(session: string, userId: string): Promise<boolean>;

  /**
   * Stores a new pending ticket and supersedes the live pending ticket of the same user and factor.
   * `make(n)` builds the ticket from a number the session never used before; if its id is taken
   * anywhere in the store, `make` is called again with the next number. `mail` composes the email
   * that announces the ticket, recorded in the same atomic step: a ticket is never stored without the
   * email that was to carry its link.
   */
  issueTicket(
    session: string,
    make: (n: number) => Ticket,
    now: number,
    mail?: (ticket: Ticket) => Email,
  ): Promise<{ ticket: Ticket; superseded: readonly string[] }>;
  getTicket(session: string, ticketId: string): Promise<Ticket | undefined>;
  /** Oldest first. */
  listTickets(session: string): Promise<readonly Ticket[]>;
  /** Completes a live pending ticket and enrolls `factor` on its user. */
  completeTicket(session: string, ticketId: string, factor: MfaFactor, now: number): Promise<Completion>;

  recordEmail(session: string, email: Email): Promise<void>;
  /** Oldest first. */
  listEmails(session: string): Promise<readonly Email[]>;

  /** Stores a scenario under a new id (`scn_1`, `scn_2` ...); rejects with `ScenarioLimit` when full. */
  addScenario(session: string, draft: ScenarioDraft, now: number): Promise<Scenario>;
  /** Oldest first, exhausted ones included. */
  listScenarios(session: string): Promise<readonly Scenario[]>;
  removeScenario(session: string, id: string): Promise<boolean>;
  /** The oldest scenario that matches and has uses left, counted as fired: one atomic step. */
  claimScenario(session: string, request: ScenarioRequest): Promise<Scenario | undefined>;

  recordRequest(session: string, entry: JournalRecord): Promise<void>;
  /** Oldest first. */
  listRequests(session: string): Promise<readonly JournalRecord[]>;

  /**
   * The next number of the session's `counter`: 1, 2, 3 ... for each (session, counter) on its own
   * (in Redis, `HINCRBY`). Seeded values (generated bodies, latency draws) take their numbers from
   * here so that one session's traffic never changes another's data. Counter names should come from
   * the mock's code, not from a request: a store need not bound how many a session holds.
   */
  nextSequence(session: string, counter: string): Promise<number>;

  /** The names of the sessions the store holds now, in no particular order (the console's session picker). */
  listSessions(): Promise<readonly string[]>;

  /** Forgets everything the session holds, sequences included: it starts again as new. */
  reset(session: string): Promise<void>;
  /** How much the store holds, for the memory benchmark and health checks. */
  counts(): Promise<StoreCounts>;
}

export type Completion =
  | { readonly outcome: 'completed'; readonly ticket: Ticket }
  | { readonly outcome: 'not-pending'; readonly ticket: Ticket }
  | { readonly outcome: 'not-found' };

export interface StoreCounts {
  readonly sessions: number;
  /** Live users; the deleted ones that the store remembers are `deletedUsers`. */
  readonly users: number;
  readonly deletedUsers: number;
  readonly tickets: number;
  readonly emails: number;
}

export class ScenarioLimit extends Error {
  constructor(readonly limit: number) {
    super(`A session holds at most ${limit} scenarios`);
    this.name = 'ScenarioLimit';
  }
}
