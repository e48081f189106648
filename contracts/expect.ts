import type { MfaEnrollmentTicket } from '../spec/types';
import type { Answer } from './case';
import { label } from '../spec/conformance/checks';
import { ContractViolation } from './violation';

/** Fails with `<request>: <rule>. Received: 200. Expected: 401` unless the status is the expected one. */
export function expectStatus(answer: Answer, expected: number, check: string, rule: string): void {
  const { exchange } = answer;
  if (exchange.status === expected) return;
  throw new ContractViolation(
    check,
    `${label(exchange)}: ${rule}. Received: ${exchange.status}. Expected: ${expected}`,
  );
}

/** The ticket of a 200 answer (its shape was checked against the spec when it arrived). */
export function ticketOf(answer: Answer): MfaEnrollmentTicket {
  return answer.json as MfaEnrollmentTicket;
}

/** An interactive enrollment's answer: a ticket, no email, and the URL to the enrollment flow. */
export function expectInteractiveTicket(answer: Answer, check = 'seed_behaviour'): void {
  const ticket = ticketOf(answer);
  if (ticket.emailSent)
    throw violation(answer, check, 'isInteractive=true must not send an email (emailSent: false)', ticket);
  if (!isAbsoluteHttpUrl(ticket.ticketUrl)) {
    throw violation(
      answer,
      check,
      'isInteractive=true must return the enrollment URL as an absolute URL in ticketUrl',
      ticket,
    );
  }
}

export function violation(answer: Answer, check: string, rule: string, received: unknown): ContractViolation {
  return new ContractViolation(
    check,
    `${label(answer.exchange)}: ${rule}. Received: ${JSON.stringify(received)}`,
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
