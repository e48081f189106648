import type { MfaFactor } from '../spec/types';

/**
 * An enrollment ticket and its lifecycle. A ticket is born `pending`; it becomes `completed` when the
 * user finishes the enrollment, `superseded` when a newer ticket is issued for the same user and
 * factor, and `expired` once its time to live has passed while still pending.
 */
export type TicketStatus = 'pending' | 'completed' | 'expired' | 'superseded';

export const TICKET_STATUSES: readonly TicketStatus[] = ['pending', 'completed', 'expired', 'superseded'];

export interface Ticket {
  readonly ticketId: string;
  readonly userId: string;
  /** The factor the request required, or null when the user may choose. */
  readonly factor: MfaFactor | null;
  readonly interactive: boolean;
  /** The stored status; `statusAt` derives `expired` from the clock. */
  readonly status: 'pending' | 'completed' | 'superseded';
  readonly ticketUrl: string;
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

export function isLive(ticket: Ticket, now: number): boolean {
  return statusAt(ticket, now) === 'pending';
}

export function viewTicket(ticket: Ticket, now: number): TicketView {
  return {
    ...ticket,
    status: statusAt(ticket, now),
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

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
