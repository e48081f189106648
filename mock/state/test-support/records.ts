import type { JournalRecord } from '../journal';
import type { Email } from '../../behaviours/enrollment/outbox';
import type { Ticket } from '../../behaviours/enrollment/tickets';
import type { User } from '../../behaviours/enrollment/users';

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
