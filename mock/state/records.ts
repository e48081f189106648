/**
 * The records the store keeps for a behaviour, as the store sees them: only the fields its atomic
 * steps read or write (a pending ticket is superseded by the next one of its user and factor, and
 * completing it enrolls the factor on its user). A behaviour declares its own record types (the
 * enrollment's `Ticket`, `User`, `Email` carry more) as a `RecordTypes`, and gets a store typed with
 * them, `Store<R>`, which hands back exactly the records it was given: state/ knows no behaviour.
 */
export interface UserRecord<F extends string = string> {
  readonly userId: string;
  /** Factors enrolled by completed tickets, oldest first, each once. */
  readonly enrolledFactors: readonly F[];
}

export interface TicketRecord<F extends string = string> {
  /** Unique across the store. */
  readonly ticketId: string;
  readonly session: string;
  readonly userId: string;
  /** With `userId`, what a newer pending ticket supersedes. */
  readonly factor: F | null;
  readonly status: 'pending' | 'completed' | 'superseded';
  /** Epoch milliseconds: a pending ticket is live before it. */
  readonly expiresAt: number;
  readonly completedAt: number | null;
  readonly enrolledFactor: F | null;
  readonly supersededBy: string | null;
}

/** An email that announces a ticket: the store keeps a session's, oldest first, bounded. */
export interface EmailRecord {
  readonly ticketId: string;
}

/** What a behaviour keeps: the store is generic in these. */
export interface RecordTypes {
  readonly factor: string;
  readonly user: UserRecord;
  readonly ticket: TicketRecord;
  readonly email: EmailRecord;
}

/** Pending and not yet expired: the only state in which a ticket is superseded or completed. */
export function isLive(ticket: TicketRecord, now: number): boolean {
  return ticket.status === 'pending' && now < ticket.expiresAt;
}

/** `userId \0 factor`: the key under which a session remembers the newest pending ticket. */
export const pendingKey = (ticket: TicketRecord): string => `${ticket.userId}\u0000${ticket.factor ?? ''}`;

export type Completion<T extends TicketRecord = TicketRecord> =
  | { readonly outcome: 'completed'; readonly ticket: T }
  | { readonly outcome: 'not-pending'; readonly ticket: T }
  | { readonly outcome: 'not-found' };

/**
 * The store's port for a behaviour that meets users and issues them tickets announced by email (the
 * enrollment is one), per session: typed storage for its records `R`. Every method is one atomic
 * step. (Another kind of behaviour gets a port of its own beside it in `Store`, as the engine's
 * state has `EngineState`.)
 */
export interface TicketStore<R extends RecordTypes = RecordTypes> {
  /** The user, created with `create` on first sight; `undefined` once the user was deleted. */
  ensureUser(session: string, userId: string, create: () => R['user']): Promise<R['user'] | undefined>;
  getUser(session: string, userId: string): Promise<R['user'] | undefined>;
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
    make: (n: number) => R['ticket'],
    now: number,
    mail?: (ticket: R['ticket']) => R['email'],
  ): Promise<{ ticket: R['ticket']; superseded: readonly string[] }>;
  getTicket(session: string, ticketId: string): Promise<R['ticket'] | undefined>;
  /** Oldest first. */
  listTickets(session: string): Promise<readonly R['ticket'][]>;
  /** Completes a live pending ticket and enrolls `factor` on its user. */
  completeTicket(
    session: string,
    ticketId: string,
    factor: R['factor'],
    now: number,
  ): Promise<Completion<R['ticket']>>;

  recordEmail(session: string, email: R['email']): Promise<void>;
  /** Oldest first. */
  listEmails(session: string): Promise<readonly R['email'][]>;
}
