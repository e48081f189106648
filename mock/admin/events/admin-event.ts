import type { Email } from '../../behaviours/enrollment/outbox';
import type { TicketView } from '../../behaviours/enrollment/tickets';
import type { User } from '../../behaviours/enrollment/users';
import type { JournalEntry } from '../../state/journal';
import type { Scenario } from '../../state/scenarios';

/**
 * What `GET /__admin/events` streams: one event per request the journal records, ticket change,
 * email, scenario change, user change and reset, of one session. Each carries the record as the
 * admin API shows it (a ticket as `GET /__admin/tickets` does, a request as the journal does), so a
 * client can keep its copy without asking again. None holds a credential: the journal entry and the
 * user are the ones the admin API serves.
 */
export type AdminEventBody =
  | { readonly type: 'request'; readonly entry: JournalEntry }
  | {
      readonly type: 'ticket';
      readonly action: 'issued' | 'superseded' | 'completed';
      readonly ticket: TicketView;
    }
  | { readonly type: 'email'; readonly email: Email }
  | {
      readonly type: 'scenario';
      readonly action: 'added' | 'fired' | 'removed';
      readonly scenarioId: string;
      /** null once removed. */
      readonly scenario: Scenario | null;
    }
  | {
      readonly type: 'user';
      readonly action: 'created' | 'updated' | 'deleted';
      readonly userId: string;
      /** null once deleted. */
      readonly user: User | null;
    }
  | { readonly type: 'session'; readonly action: 'reset' };

export type AdminEventType = AdminEventBody['type'];

export const ADMIN_EVENT_TYPES: readonly AdminEventType[] = [
  'request',
  'ticket',
  'email',
  'scenario',
  'user',
  'session',
];

/** An event as sent: the body, its number (the SSE `id`), its session and when it happened. */
export type AdminEvent = AdminEventBody & {
  /** Increases by one for each event of the process, whatever its session. */
  readonly id: number;
  readonly session: string;
  /** ISO 8601, from the mock's clock. */
  readonly at: string;
};
