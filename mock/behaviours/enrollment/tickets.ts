import type { MfaFactor } from '../../../spec/types';
import { DEFAULT_SESSION } from '../../http/session';

/** How long a ticket stays pending unless --ticket-ttl says otherwise. */
export const DEFAULT_TICKET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * An enrollment ticket and its lifecycle. A ticket is born `pending`; it becomes `completed` when the
 * user finishes the enrollment, `superseded` when a newer ticket is issued for the same user and
 * factor, and `expired` once its time to live has passed while still pending.
 */
export type TicketStatus = 'pending' | 'completed' | 'expired' | 'superseded';

export const TICKET_STATUSES: readonly TicketStatus[] = ['pending', 'completed', 'expired', 'superseded'];

export interface Ticket {
  readonly ticketId: string;
  readonly session: string;
  readonly userId: string;
  /** The factor the request required, or null when the user may choose. */
  readonly factor: MfaFactor | null;
  readonly interactive: boolean;
  /** The stored status; `statusAt` derives `expired` from the clock. */
  readonly status: 'pending' | 'completed' | 'superseded';
  /**
   * Where the client reached the mock (`http://127.0.0.1:4010`); the ticket's URL is derived from it
   * (`ticketUrlOf`) rather than stored, which keeps 100 000 tickets small.
   */
  readonly baseUrl: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly completedAt: number | null;
  /** The factor the user enrolled when completing the ticket. */
  readonly enrolledFactor: MfaFactor | null;
  readonly supersededBy: string | null;
}

/** The ticket as the admin API shows it: the status at `now`, times as ISO 8601. */
export interface TicketView {
  readonly ticketId: string;
  readonly session: string;
  readonly userId: string;
  readonly factor: MfaFactor | null;
  readonly interactive: boolean;
  readonly status: TicketStatus;
  readonly ticketUrl: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly completedAt: string | null;
  readonly enrolledFactor: MfaFactor | null;
  readonly supersededBy: string | null;
}

export function statusAt(ticket: Ticket, now: number): TicketStatus {
  return ticket.status === 'pending' && now >= ticket.expiresAt ? 'expired' : ticket.status;
}

export function viewTicket(ticket: Ticket, now: number): TicketView {
  const { baseUrl, ...rest } = ticket;
  return {
    ...rest,
    status: statusAt(ticket, now),
    ticketUrl: ticketUrlOf({ baseUrl, session: ticket.session, ticketId: ticket.ticketId }),
    createdAt: iso(ticket.createdAt),
    expiresAt: iso(ticket.expiresAt),
    completedAt: ticket.completedAt === null ? null : iso(ticket.completedAt),
  };
}

/** Why a ticket can no longer be completed, in words for the enrollment page and the 409 problem. */
export function whyNotPending(ticket: Ticket, now: number): string {
  switch (statusAt(ticket, now)) {
    case 'completed':
      return `This enrollment was already completed on ${iso(ticket.completedAt ?? now)}.`;
    case 'expired':
      return `This enrollment link expired on ${iso(ticket.expiresAt)}. Ask for a new one.`;
    case 'superseded':
      return 'A newer enrollment link was issued for this user and factor; only the newest one works.';
    case 'pending':
      return 'This enrollment is pending.';
  }
}

/** The path of a ticket's enrollment page; a session other than the default travels in the query. */
export function ticketPagePath(session: string, ticketId: string): string {
  const query = session === DEFAULT_SESSION ? '' : `?session=${encodeURIComponent(session)}`;
  return `/enrollment/${encodeURIComponent(ticketId)}${query}`;
}

/** The absolute URL of the ticket's enrollment page, as the client that asked for it reaches the mock. */
export function ticketUrlOf(ticket: Pick<Ticket, 'baseUrl' | 'session' | 'ticketId'>): string {
  return `${ticket.baseUrl}${ticketPagePath(ticket.session, ticket.ticketId)}`;
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
