import type { ContractCase } from '../case';
import { expectInteractiveTicket, expectStatus, ticketOf, violation } from '../expect';

const CHECK = 'seed_behaviour';

/**
 * What the seed says the operation does. Where it is silent, either answer passes. (Every 200 is also
 * checked by the runner for a non-empty ticket id no other answer of the run carried.)
 */
export const behaviourCases: readonly ContractCase[] = [
  {
    id: 'behaviour.interactive-returns-url',
    group: 'behaviour',
    title: 'answers isInteractive=true with the enrollment URL and no email',
    needs: ['credentials'],
    run: async ({ enroll }) => {
      const answer = await enroll('isInteractive=true', 'any');
      expectStatus(answer, 200, CHECK, 'an interactive enrollment must succeed');
      expectInteractiveTicket(answer);
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
      if (!ticketOf(answer).emailSent) {
        throw violation(
          answer,
          CHECK,
          'a non-interactive enrollment must send the email (emailSent: true)',
          answer.json,
        );
      }
    },
  })),
  {
    id: 'behaviour.unique-ticket-ids',
    group: 'behaviour',
    title: 'gives every successful enrollment a non-empty ticket id of its own',
    needs: ['credentials'],
    // The runner checks the ids of every 200 of the run; this case makes sure there are several.
    run: async ({ enroll }) => {
      for (let i = 0; i < 3; i++)
        expectStatus(
          await enroll('isInteractive=true', 'any'),
          200,
          CHECK,
          'an interactive enrollment must succeed',
        );
    },
  },
  {
    id: 'behaviour.every-factor-accepted',
    group: 'behaviour',
    title: 'accepts every documented factor, and honours isInteractive with each',
    needs: ['credentials'],
    run: async ({ enroll, factors }) => {
      for (const factor of factors) {
        const answer = await enroll(`isInteractive=true&factor=${encodeURIComponent(factor)}`, 'any');
        expectStatus(answer, 200, CHECK, `the documented factor ${factor} must be accepted`);
        expectInteractiveTicket(answer);
      }
    },
  },
];
