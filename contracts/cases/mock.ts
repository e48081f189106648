import type { ContractCase } from '../case';
import { expectStatus, ticketOf, violation } from '../expect';

const CHECK = 'mock_control_plane';

/** Rules of the mock's own control plane; skipped against anything that does not expose `/__admin/health`. */
export const mockCases: readonly ContractCase[] = [
  {
    id: 'mock.prefer-code',
    group: 'mock',
    title: 'serves the documented 404 when asked with Prefer: code=404',
    needs: ['mock', 'credentials'],
    run: async ({ enroll }) => {
      expectStatus(
        await enroll('isInteractive=true', 'any', { Prefer: 'code=404' }),
        404,
        CHECK,
        'Prefer: code=404 must give the documented 404',
      );
    },
  },
  {
    id: 'mock.ticket-in-admin',
    group: 'mock',
    title: 'shows a created ticket in the admin API',
    needs: ['mock', 'credentials'],
    run: async ({ enroll, admin }) => {
      const answer = await enroll('isInteractive=true', 'any');
      expectStatus(answer, 200, CHECK, 'an interactive enrollment must succeed');
      const { ticketId } = ticketOf(answer);
      const shown = await admin(`/__admin/tickets/${encodeURIComponent(ticketId ?? '')}`);
      if (
        shown.exchange.status !== 200 ||
        (shown.json as { ticketId?: unknown } | undefined)?.ticketId !== ticketId
      ) {
        throw violation(shown, CHECK, `the ticket ${String(ticketId)} must be in the admin API`, shown.json);
      }
    },
  },
  {
    id: 'mock.email-in-outbox',
    group: 'mock',
    title: "puts a non-interactive enrollment's email in the outbox",
    needs: ['mock', 'credentials'],
    run: async ({ enroll, admin }) => {
      const answer = await enroll('isInteractive=false', 'any');
      expectStatus(answer, 200, CHECK, 'a non-interactive enrollment must succeed');
      const { ticketId } = ticketOf(answer);
      const outbox = await admin('/__admin/outbox');
      const emails = (outbox.json as { emails?: { ticketId?: unknown }[] } | undefined)?.emails ?? [];
      if (!emails.some((email) => email.ticketId === ticketId)) {
        throw violation(
          outbox,
          CHECK,
          `the outbox must hold the email for ticket ${String(ticketId)}`,
          outbox.json,
        );
      }
    },
  },
];
