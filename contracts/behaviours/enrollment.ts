import { label } from '../../spec/conformance/checks';
import type { RuleSource } from '../../spec/decisions';
import type { MfaEnrollmentTicket } from '../../spec/types';
import { CREATE_MFA_ENROLLMENT } from '../../spec/types';
import type { Answer } from '../case';
import { SUITE_DECISIONS } from '../decisions';
import { RawText, type CallInput } from '../inputs/call-input';
import { ContractViolation } from '../violation';
import type { OperationContract } from './operation-contract';

export const CHECK = 'seed_behaviour';

/**
 * The enrollment, as the seed describes it: `isInteractive=true` returns the URL to the enrollment
 * flow (absolute: D5) and sends no email (D16); `false`, or absent (its default), sends the email;
 * every ticket has an id (D14) that no other answer of the run carried.
 */
export function enrollmentContract(): OperationContract {
  const ticketIds = new Set<string>();
  return {
    operationId: CREATE_MFA_ENROLLMENT,
    pins: (traits) => new Map(traits.allowEmail ? [] : [['isInteractive', true]]),
    check: (answer, input) => {
      if (answer.exchange.status !== 200) return;
      const ticket = answer.json as MfaEnrollmentTicket;
      const interactive = interactiveOf(input);
      if (interactive === undefined) return; // a value the spec leaves room for: either reading passes
      if (interactive) {
        if (ticket.emailSent)
          fail(
            answer,
            'isInteractive=true must not send an email (emailSent: false)',
            ticket,
            SUITE_DECISIONS.interactiveSendsNoEmail,
          );
        if (!isAbsoluteHttpUrl(ticket.ticketUrl))
          fail(
            answer,
            'isInteractive=true must return the enrollment URL as an absolute URL in ticketUrl',
            ticket,
            'seed',
          );
      } else if (!ticket.emailSent) {
        // The seed is silent on ticketUrl here: null and a URL both pass.
        fail(answer, `${interactiveLabel(input)} must send the email (emailSent: true)`, ticket, 'seed');
      }
      const { ticketId } = ticket;
      if (typeof ticketId !== 'string' || ticketId.trim() === '')
        fail(
          answer,
          'a created ticket must have a non-empty ticketId',
          ticketId,
          SUITE_DECISIONS.nonNullTicketId,
        );
      if (ticketIds.has(ticketId))
        fail(answer, 'ticket ids must be unique across calls', `${ticketId} again`, 'seed');
      ticketIds.add(ticketId);
    },
  };
}

/** What the input says of isInteractive: true, false (absent is false), or undefined where the spec leaves room. */
function interactiveOf(input: CallInput): boolean | undefined {
  const sent = input.parameters.filter((p) => p.parameter.name === 'isInteractive');
  if (sent.length === 0) return false;
  if (sent.length > 1) return undefined;
  const value = sent[0]?.value;
  if (value instanceof RawText)
    return value.text === 'true' ? true : value.text === 'false' ? false : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

function interactiveLabel(input: CallInput): string {
  return input.parameters.some((p) => p.parameter.name === 'isInteractive')
    ? 'isInteractive=false'
    : 'an enrollment without isInteractive (default false)';
}

function fail(answer: Answer, rule: string, received: unknown, source: RuleSource): never {
  throw new ContractViolation(
    CHECK,
    `${label(answer.exchange)}: ${rule}. Received: ${JSON.stringify(received)}`,
    source,
  );
}

export function isAbsoluteHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}
