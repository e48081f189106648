import type { MfaFactor } from '../spec/types';
import type { Clock } from './clock';
import { composeEnrollmentEmail, type Email } from './outbox';
import { uuidFrom, type RandomSource } from './random';
import { TicketIdTaken, type Completion, type Store } from './store';
import type { Ticket } from './tickets';
import type { User } from './users';

export interface EnrollmentsOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly ticketTtlMs: number;
  readonly createUser: (userId: string) => User;
  /** The absolute URL of a ticket's enrollment page. */
  readonly pageUrl: (baseUrl: string, session: string, ticketId: string) => string;
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
      readonly superseded: readonly string[];
    }
  | { readonly kind: 'user-not-found' };

export type CompleteOutcome = Completion | { readonly outcome: 'factor-mismatch'; readonly ticket: Ticket };

export interface Enrollments {
  enroll(request: EnrollRequest): Promise<EnrollOutcome>;
  complete(session: string, ticketId: string, factor?: MfaFactor): Promise<CompleteOutcome>;
}

/** Attempts at a fresh ticket id before giving up; a collision needs two equal 122-bit hashes. */
const MAX_ID_ATTEMPTS = 8;

/** The ticket lifecycle's rules: who may enroll, what a ticket holds, and what completion enrolls. */
export function createEnrollments(options: EnrollmentsOptions): Enrollments {
  const { store, clock, random } = options;

  async function issue(
    request: EnrollRequest,
    now: number,
  ): Promise<{ ticket: Ticket; superseded: readonly string[] }> {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const number = await store.nextTicketNumber(request.session);
      const ticketId = uuidFrom(random.bytes16(`ticket:${request.session}:${number}`));
      const ticket: Ticket = {
        ticketId,
        userId: request.userId,
        factor: request.factor,
        interactive: request.interactive,
        status: 'pending',
        ticketUrl: options.pageUrl(request.baseUrl, request.session, ticketId),
        createdAt: now,
        expiresAt: now + options.ticketTtlMs,
        completedAt: null,
        enrolledFactor: null,
        supersededBy: null,
      };
      try {
        const { superseded } = await store.issueTicket(request.session, ticket, now);
        return { ticket, superseded };
      } catch (error) {
        if (!(error instanceof TicketIdTaken)) throw error;
      }
    }
    throw new Error(`No free ticket id after ${MAX_ID_ATTEMPTS} attempts in session ${request.session}`);
  }

  return {
    async enroll(request) {
      const user = await store.ensureUser(request.session, request.userId, () =>
        options.createUser(request.userId),
      );
      if (!user) return { kind: 'user-not-found' };
      const { ticket, superseded } = await issue(request, clock.now());
      if (request.interactive) return { kind: 'created', ticket, email: null, superseded };
      const email = composeEnrollmentEmail(user, ticket);
      await store.recordEmail(request.session, email);
      return { kind: 'created', ticket, email, superseded };
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
