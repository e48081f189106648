import { label } from '../../spec/conformance/checks';
import type { RuleSource } from '../../spec/decisions';
import type { OperationModel } from '../../spec/operation';
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
    violations: (answer, input) => {
      if (answer.exchange.status !== 200) return [];
      const ticket = answer.json as MfaEnrollmentTicket;
      const found: ContractViolation[] = [];
      const broken = (rule: string, received: unknown, source: RuleSource): void => {
        found.push(violation(answer, rule, received, source));
      };
      const interactive = interactiveOf(input);
      if (interactive === true) {
        if (ticket.emailSent)
          broken(
            'isInteractive=true must not send an email (emailSent: false)',
            ticket,
            SUITE_DECISIONS.interactiveSendsNoEmail,
          );
        // The seed: the URL is returned. That it is an absolute URL: D5.
        if (typeof ticket.ticketUrl !== 'string' || ticket.ticketUrl === '')
          broken('isInteractive=true must return the enrollment URL in ticketUrl', ticket, 'seed');
        else if (!isAbsoluteHttpUrl(ticket.ticketUrl))
          broken(
            'isInteractive=true must return the enrollment URL as an absolute URL in ticketUrl',
            ticket,
            'D5',
          );
      } else if (interactive === false && !ticket.emailSent) {
        // The seed is silent on ticketUrl here: null and a URL both pass.
        broken(`${interactiveLabel(input)} must send the email (emailSent: true)`, ticket, 'seed');
      }
      // (undefined: a value the spec leaves room for, such as TRUE: either reading passes.)
      const { ticketId } = ticket;
      if (typeof ticketId !== 'string' || ticketId.trim() === '')
        broken('a created ticket must have a non-empty ticketId', ticketId, SUITE_DECISIONS.nonNullTicketId);
      else if (ticketIds.has(ticketId))
        broken('ticket ids must be unique across calls', `${ticketId} again`, 'seed');
      else ticketIds.add(ticketId);
      return found;
    },
  };
}

/** An input with isInteractive set to `value` (absent for undefined), the rest as given. */
export function withInteractive(
  operation: OperationModel,
  input: CallInput,
  value: boolean | undefined,
): CallInput {
  const parameter = operation.parameters.find((p) => p.name === 'isInteractive');
  const others = input.parameters.filter((p) => p.parameter !== parameter);
  return {
    ...input,
    parameters: parameter && value !== undefined ? [...others, { parameter, value }] : others,
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

function violation(answer: Answer, rule: string, received: unknown, source: RuleSource): ContractViolation {
  return new ContractViolation(
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
