import type { MfaFactor } from '../../../spec/types';
import type { Clock } from '../../clock';
import { composeEnrollmentEmail, type Email } from './outbox';
import { uuidFrom, type RandomSource } from '../../random';
import type { Completion } from '../../state/store';
import type { EnrollmentStore } from './records';
import type { Ticket } from './tickets';
import type { User } from './users';

export interface EnrollmentsOptions {
  readonly store: EnrollmentStore;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly ticketTtlMs: number;
  readonly createUser: (userId: string) => User;
  /** The factor a completion enrolls when neither the ticket nor the caller names one. */
  readonly defaultFactor: MfaFactor;
}

export interface EnrollRequest {
  readonly session: string;
  readonly userId: string;
  readonly factor: MfaFactor | null;
  readonly interactive: boolean;
  /** Where the mock is reached from the client's side, for the ticket's URL. */
  readonly baseUrl: string;
}

export type EnrollOutcome =
  | {
      readonly kind: 'created';
      readonly ticket: Ticket;
      readonly email: Email | null;
    }
  | { readonly kind: 'user-not-found' };

export type CompleteOutcome =
  Completion<Ticket> | { readonly outcome: 'factor-mismatch'; readonly ticket: Ticket };

export interface Enrollments {
  enroll(request: EnrollRequest): Promise<EnrollOutcome>;
  complete(session: string, ticketId: string, factor?: MfaFactor): Promise<CompleteOutcome>;
}

/** How many distinct base URLs and session names are shared between tickets rather than copied. */
const INTERNED = 256;

/** The ticket lifecycle's rules: who may enroll, what a ticket holds, and what completion enrolls. */
export function createEnrollments(options: EnrollmentsOptions): Enrollments {
  const { store, clock, random } = options;
  const intern = createInterner(INTERNED);

  return {
    async enroll(request) {
      const user = await store.ensureUser(request.session, request.userId, () =>
        options.createUser(request.userId),
      );
      if (!user) return { kind: 'user-not-found' };
      const now = clock.now();
      const session = intern(request.session);
      const baseUrl = intern(request.baseUrl);
      let email: Email | null = null;
      const { ticket } = await store.issueTicket(
        session,
        (n) => ({
          // Derived from (seed, session, n) only: the same seed and requests give the same ids.
          ticketId: uuidFrom(random.bytes16(`ticket:${session}:${n}`)),
          session,
          userId: user.userId,
          factor: request.factor,
          interactive: request.interactive,
          status: 'pending',
          baseUrl,
          createdAt: now,
          expiresAt: now + options.ticketTtlMs,
          completedAt: null,
          enrolledFactor: null,
          supersededBy: null,
        }),
        now,
        // The email is stored with its ticket, in one step: never a ticket whose email was lost.
        request.interactive ? undefined : (issued) => (email = composeEnrollmentEmail(user, issued)),
      );
      return { kind: 'created', ticket, email };
    },

    async complete(session, ticketId, factor) {
      const ticket = await store.getTicket(session, ticketId);
      if (!ticket) return { outcome: 'not-found' };
      if (ticket.factor !== null && factor !== undefined && factor !== ticket.factor) {
        return { outcome: 'factor-mismatch', ticket };
      }
      return store.completeTicket(
        session,
        ticketId,
        ticket.factor ?? factor ?? options.defaultFactor,
        clock.now(),
      );
    },
  };
}

/** Returns one shared copy of each string it has seen (up to `max` distinct ones). */
function createInterner(max: number): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const shared = seen.get(text);
    if (shared !== undefined) return shared;
    if (seen.size < max) seen.set(text, text);
    return text;
  };
}
