import { label } from '../spec/conformance/checks';
import type { RuleSource } from '../spec/decisions';
import type { Answer } from './case';
import { ContractViolation, Inconclusive } from './violation';

/** Fails with `<request>: <rule>. Received: 200. Expected: 401` unless the status is the expected one. */
export function expectStatus(
  answer: Answer,
  expected: number,
  check: string,
  rule: string,
  source: RuleSource = 'seed',
): void {
  expectConclusive(answer);
  const { exchange } = answer;
  if (exchange.status === expected) return;
  throw new ContractViolation(
    check,
    `${label(exchange)}: ${rule}. Received: ${exchange.status}. Expected: ${expected}`,
    source,
  );
}

/**
 * Answers that refuse the request itself: a valid request with valid credentials must get none of
 * these. Any other documented 4xx (404 for an id that does not exist, 409 ...) is an answer.
 */
const REFUSALS = new Set([400, 401, 403, 405, 406, 411, 413, 414, 415, 422, 431]);

/**
 * 429, or 503, after every retry the run allows says nothing of the request: neither accepted nor
 * rejected. The case is reported as skipped (inconclusive), never as a pass.
 */
export function expectConclusive(answer: Answer): void {
  const { status } = answer.exchange;
  if (status === 429 || status === 503)
    throw new Inconclusive(
      `${label(answer.exchange)}: still answered ${status} after every retry the run allows (NEXUS_MAX_RETRIES, NEXUS_MAX_RETRY_WAIT_MS): inconclusive`,
    );
}

/** A valid request must be accepted: 2xx, or a documented 4xx that is not a refusal of the request. */
export function expectAccepted(
  answer: Answer,
  check: string,
  rule: string,
  source: RuleSource = 'seed',
): void {
  expectConclusive(answer);
  const { status } = answer.exchange;
  if ((status >= 200 && status < 300) || (status >= 400 && status < 500 && !REFUSALS.has(status))) return;
  throw new ContractViolation(
    check,
    `${label(answer.exchange)}: ${rule}. Received: ${status}. Expected: 2xx, or a documented 4xx other than ${[...REFUSALS].join(', ')}`,
    source,
  );
}

/** An invalid request (with valid credentials) must be rejected with a 4xx other than 401. */
export function expectRejected(
  answer: Answer,
  check: string,
  rule: string,
  source: RuleSource = 'seed',
): void {
  expectConclusive(answer);
  const { status } = answer.exchange;
  if (status >= 400 && status < 500 && status !== 401) return;
  throw new ContractViolation(
    check,
    `${label(answer.exchange)}: ${rule}. Received: ${status}. Expected: a documented 4xx problem (not 401: the credentials are valid)`,
    source,
  );
}

export function violation(
  answer: Answer,
  check: string,
  rule: string,
  received: unknown,
  source: RuleSource = 'seed',
): ContractViolation {
  return new ContractViolation(
    check,
    `${label(answer.exchange)}: ${rule}. Received: ${JSON.stringify(received)}`,
    source,
  );
}
