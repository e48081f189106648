import type { OperationModel, ResponseKey } from '../../spec/operation';
import { responseKeyFor } from '../../spec/operation';
import { CREATE_MFA_ENROLLMENT } from '../../spec/types';
import { withInteractive } from '../behaviours/enrollment';
import type { ContractCase } from '../case';
import { expectStatus, violation } from '../expect';
import { ContractViolation } from '../violation';
import { access, callValid } from './operation-access';

const CHECK = 'mock_control_plane';

/** Rules of the mock's own control plane; skipped against anything that does not expose `/__admin/health`. */
export function mockCases(operations: readonly OperationModel[]): ContractCase[] {
  const enrollment = operations.find((o) => o.operationId === CREATE_MFA_ENROLLMENT);
  const cases: ContractCase[] = [];
  if (enrollment) {
    cases.push(
      {
        id: 'mock.prefer-code',
        group: 'mock',
        title: 'serves the documented 404 when asked with Prefer: code=404',
        needs: ['mock', access(enrollment)],
        run: async (context) => {
          const answer = await callValid(context, enrollment, {
            headers: { Prefer: 'code=404' },
            forced: true,
          });
          expectStatus(answer, 404, CHECK, 'Prefer: code=404 must give the documented 404');
        },
      },
      {
        id: 'mock.ticket-in-admin',
        group: 'mock',
        title: 'shows a created ticket in the admin API',
        needs: ['mock', access(enrollment)],
        run: async (context) => {
          const answer = await callValid(context, enrollment);
          expectStatus(answer, 200, CHECK, 'an enrollment must succeed');
          const { ticketId } = answer.json as { ticketId: string };
          const shown = await context.admin(`/__admin/tickets/${encodeURIComponent(ticketId)}`);
          if (
            shown.exchange.status !== 200 ||
            (shown.json as { ticketId?: unknown } | undefined)?.ticketId !== ticketId
          )
            throw violation(shown, CHECK, `the ticket ${ticketId} must be in the admin API`, shown.json);
        },
      },
      {
        id: 'mock.email-in-outbox',
        group: 'mock',
        title: "puts a non-interactive enrollment's email in the outbox",
        needs: ['mock', 'email', access(enrollment)],
        run: async (context) => {
          const input = withInteractive(enrollment, context.inputs(enrollment).baseline(), false);
          const answer = await callValid(context, enrollment, {}, input);
          expectStatus(answer, 200, CHECK, 'a non-interactive enrollment must succeed');
          const { ticketId } = answer.json as { ticketId: string };
          const outbox = await context.admin('/__admin/outbox');
          const emails = (outbox.json as { emails?: { ticketId?: unknown }[] } | undefined)?.emails ?? [];
          if (!emails.some((email) => email.ticketId === ticketId))
            throw violation(
              outbox,
              CHECK,
              `the outbox must hold the email for ticket ${ticketId}`,
              outbox.json,
            );
        },
      },
    );
  }
  cases.push({
    id: 'coverage.every-documented-response',
    group: 'coverage',
    title:
      "reaches every documented response of every operation (the mock's Prefer where data cannot be made)",
    needs: ['mock'],
    run: async (context) => {
      const unreached: string[] = [];
      for (const operation of operations) {
        if (context.credentials.usable(operation.security).length === 0 && operation.security.length > 0)
          continue;
        for (const { key, mediaType } of context.coverage.unobserved(operation)) {
          const status = statusFor(key, operation);
          if (status === undefined) continue;
          const headers: Record<string, string> = { Prefer: `code=${status}` };
          if (mediaType !== null) headers.Accept = mediaType;
          const answer = await callValid(context, operation, {
            headers,
            forced: true,
          });
          if (answer.exchange.status !== status)
            unreached.push(
              `${operation.operationId} ${String(key)} ${mediaType ?? ''}: got ${answer.exchange.status}`,
            );
        }
      }
      if (unreached.length > 0)
        throw new ContractViolation(
          CHECK,
          `Prefer must reach every documented response. Not reached: ${unreached.join('; ')}`,
        );
    },
  });
  return cases;
}

/** A status the response key stands for: itself, a status of its range the operation lists under no other key, or one only `default` covers. */
function statusFor(key: ResponseKey, operation: OperationModel): number | undefined {
  if (typeof key === 'number') return key;
  const candidates =
    key === 'default'
      ? [500, 503, 502, 429, 418, 409, 422]
      : Array.from({ length: 100 }, (_, i) => Number(key[0]) * 100 + i);
  return candidates.find((status) => responseKeyFor(status, operation.responses) === key);
}
