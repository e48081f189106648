import type { JournalRecord } from './journal';
import { Queue } from './queue';
import type { RecordTypes } from './records';
import { RingBuffer } from './ring-buffer';
import type { Scenario } from './scenarios';

/** A deleted user: remembered so that its next request gets 404 instead of a new user. */
export const DELETED = Symbol('deleted');

/** What outlives a session's state in the store's rings: its state while the session is held. */
export interface SessionHandle<R extends RecordTypes = RecordTypes> {
  state: SessionState<R> | undefined;
}

/** Everything one session holds in memory: the engine's state and the behaviour's records (`R`). */
export class SessionState<R extends RecordTypes = RecordTypes> {
  /** Cleared when the store forgets the session. */
  readonly handle: SessionHandle<R> = { state: this };
  /** Read freely; change only through `setUser` and `dropUser`, which keep `deletedUsers` in step. */
  readonly users = new Map<string, R['user'] | typeof DELETED>();
  private deletions = 0;
  /**
   * The session's live tickets, oldest first (the records live in the store's map of all tickets).
   * The store evicts tickets in the order they were issued, so an evicted ticket is always the
   * front of its session's queue; forgetting the session visits only what it holds.
   */
  readonly tickets = new Queue<R['ticket']>();
  /** `userId \0 factor` → the id of the newest pending ticket for them. */
  readonly pending = new Map<string, string>();
  readonly emails: RingBuffer<R['email']>;
  readonly journal: RingBuffer<JournalRecord>;
  /** The last number each counter gave (`nextSequence`). */
  readonly sequences = new Map<string, number>();
  scenarios: Scenario[] = [];
  ticketNumber = 0;
  scenarioNumber = 0;

  constructor(
    readonly name: string,
    limits: { readonly maxEmailsPerSession: number; readonly journalSize: number },
  ) {
    this.emails = new RingBuffer(limits.maxEmailsPerSession);
    this.journal = new RingBuffer(limits.journalSize);
  }

  /** Deletion markers among `users`. */
  get deletedUsers(): number {
    return this.deletions;
  }

  get liveUsers(): number {
    return this.users.size - this.deletions;
  }

  setUser(userId: string, user: R['user'] | typeof DELETED): void {
    if (this.users.get(userId) === DELETED) this.deletions--;
    if (user === DELETED) this.deletions++;
    this.users.set(userId, user);
  }

  dropUser(userId: string): void {
    if (this.users.get(userId) === DELETED) this.deletions--;
    this.users.delete(userId);
  }
}
