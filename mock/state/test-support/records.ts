import type { JournalRecord } from '../journal';
import type { EmailRecord, RecordTypes, TicketRecord, UserRecord } from '../records';

/**
 * Records of the shape a behaviour keeps (the enrollment's, field for field), declared here so that
 * the state tests need no behaviour: the store hands back whatever it was given.
 */
export interface User extends UserRecord {
  readonly name: string;
  readonly email: string;
}
export interface Ticket extends TicketRecord {
  readonly interactive: boolean;
  readonly baseUrl: string;
  readonly createdAt: number;
}
export interface Email extends EmailRecord {
  readonly to: string;
  readonly subject: string;
  readonly ticketUrl: string;
  readonly sentAt: string;
  readonly userId: string;
  readonly body: string;
}
export interface TestRecords extends RecordTypes {
  readonly user: User;
  readonly ticket: Ticket;
  readonly email: Email;
}

/** Records to store in the state tests: only the fields a test names differ. */
export const user = (userId: string): User => ({
  userId,
  name: userId,
  email: `${userId}@example.com`,
  enrolledFactors: [],
});

export const ticket = (ticketId: string, userId = 'u', createdAt = 0, session = 's'): Ticket => ({
  ticketId,
  userId,
  factor: null,
  interactive: true,
  status: 'pending',
  session,
  baseUrl: 'http://mock',
  createdAt,
  expiresAt: createdAt + 1000,
  completedAt: null,
  enrolledFactor: null,
  supersededBy: null,
});

/** A request from `session` that the mock answered 404: it leaves only a journal entry. */
export const rejectedRequest = (session: string): JournalRecord => ({
  id: session,
  at: 0,
  session,
  method: 'GET',
  operation: null,
  target: '/x',
  query: undefined,
  status: 404,
  userId: null,
  decision: null,
  scenario: null,
  durationMs: 1,
});

export const email = (userId: string, ticketId = 't'): Email => ({
  to: `${userId}@example.com`,
  subject: 'Set up multi-factor authentication',
  ticketId,
  ticketUrl: `http://mock/enrollment/${ticketId}`,
  sentAt: new Date(0).toISOString(),
  userId,
  body: '',
});
