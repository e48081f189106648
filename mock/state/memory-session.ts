import type { JournalRecord } from './journal';
import type { Email } from '../behaviours/enrollment/outbox';
import { RingBuffer } from './ring-buffer';
import type { Scenario } from '../engine/scenarios';
import type { Ticket } from '../behaviours/enrollment/tickets';
import type { User } from '../behaviours/enrollment/users';

/** A deleted user: remembered so that its next request gets 404 instead of a new user. */
export const DELETED = Symbol('deleted');

/** Everything one session holds in memory. */
export class SessionState {
  readonly users = new Map<string, User | typeof DELETED>();
  /** `userId \0 factor` → the id of the newest pending ticket for them. */
  readonly pending = new Map<string, string>();
  readonly emails: RingBuffer<Email>;
  readonly journal: RingBuffer<JournalRecord>;
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
}

export const pendingKey = (ticket: Ticket): string => `${ticket.userId}\u0000${ticket.factor ?? ''}`;
