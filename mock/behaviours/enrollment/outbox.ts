import { iso, ticketUrlOf, type Ticket } from './tickets';
import type { User } from './users';

/** An email the mock "sent": recorded in the session's outbox instead of leaving the machine. */
export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly ticketId: string;
  readonly ticketUrl: string;
  readonly sentAt: string;
  readonly userId: string;
  readonly body: string;
}

export function composeEnrollmentEmail(user: User, ticket: Ticket): Email {
  const factor = ticket.factor ? ` (${ticket.factor})` : '';
  const ticketUrl = ticketUrlOf(ticket);
  return {
    to: user.email,
    subject: `Set up multi-factor authentication${factor}`,
    ticketId: ticket.ticketId,
    ticketUrl,
    sentAt: iso(ticket.createdAt),
    userId: user.userId,
    body: [
      `Hello ${user.name},`,
      '',
      `Follow this link to set up multi-factor authentication${factor}:`,
      ticketUrl,
      '',
      `The link works until ${iso(ticket.expiresAt)}.`,
    ].join('\n'),
  };
}
