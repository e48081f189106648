import type { ContractCase } from '../case';
import { expectStatus, isAbsoluteHttpUrl, ticketOf, violation } from '../expect';
import { ContractViolation } from '../violation';

const CHECK = 'seed_behaviour';

/** What the seed says the operation does. Where it is silent, either answer passes. */
export const behaviourCases: readonly ContractCase[] = [
  {
    id: 'behaviour.interactive-returns-url',
    group: 'behaviour',
    title: 'answers isInteractive=true with the enrollment URL and no email',
    needs: ['credentials'],
    run: async ({ enroll }) => {
      const answer = await enroll('isInteractive=true', 'any');
      expectStatus(answer, 200, CHECK, 'an interactive enrollment must succeed');
      const ticket = ticketOf(answer);
      if (ticket.emailSent)
        throw violation(
          answer,
          CHECK,
          'isInteractive=true must not send an email (emailSent: false)',
          ticket,
        );
      if (!isAbsoluteHttpUrl(ticket.ticketUrl)) {
        throw violation(
          answer,
          CHECK,
          'isInteractive=true must return the enrollment URL as an absolute URL in ticketUrl',
          ticket,
        );
      }
    },
  },
  ...(['isInteractive=false', ''] as const).map((query): ContractCase => ({
    id: query ? 'behaviour.non-interactive-sends-email' : 'behaviour.default-sends-email',
    group: 'behaviour',
    title: query
      ? 'answers isInteractive=false by emailing the link'
      : 'emails the link when isInteractive is absent (default false)',
    needs: ['credentials', 'email'],
    run: async ({ enroll }) => {
      const answer = await enroll(query, 'any');
      expectStatus(answer, 200, CHECK, 'a non-interactive enrollment must succeed');
      // The seed is silent on ticketUrl here: null and a URL both pass.
      if (!ticketOf(answer).emailSent)
        throw violation(
          answer,
          CHECK,
          'a non-interactive enrollment must send the email (emailSent: true)',
          answer.json,
        );
    },
  })),
  {
    id: 'behaviour.unique-ticket-ids',
    group: 'behaviour',
    title: 'gives every successful enrollment a non-empty ticket id of its own',
    needs: ['credentials'],
    run: async ({ enroll }) => {
      const seen = new Map<string, string>();
      for (let i = 0; i < 3; i++) {
        const answer = await enroll('isInteractive=true', 'any');
        expectStatus(answer, 200, CHECK, 'an interactive enrollment must succeed');
        const { ticketId } = ticketOf(answer);
        if (typeof ticketId !== 'string' || ticketId.trim() === '')
          throw violation(answer, CHECK, 'a created ticket must have a ticketId', ticketId);
        if (seen.has(ticketId)) {
          throw new ContractViolation(
            CHECK,
            `POST enrollments: ticket ids must be unique. Received: ${JSON.stringify(ticketId)} twice`,
          );
        }
        seen.set(ticketId, ticketId);
      }
    },
  },
  {
    id: 'behaviour.every-factor-accepted',
    group: 'behaviour',
    title: 'accepts every documented factor',
    needs: ['credentials'],
    run: async ({ enroll, factors }) => {
      for (const factor of factors) {
        expectStatus(
          await enroll(`isInteractive=true&factor=${encodeURIComponent(factor)}`, 'any'),
          200,
          CHECK,
          `the documented factor ${factor} must be accepted`,
        );
      }
    },
  },
];
