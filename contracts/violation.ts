import type { RuleSource } from '../spec/decisions';

/**
 * A broken contract rule: the message says what was sent, what came back and what the spec allows;
 * `source` says where the rule comes from (the seed, or a decision of ASSUMPTIONS.md).
 */
export class ContractViolation extends Error {
  constructor(
    /** The named check that failed (`status_code_conformance`, `ignored_auth` ...). */
    readonly check: string,
    message: string,
    readonly source: RuleSource = 'seed',
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/**
 * Not an answer either way: the deployment kept saying 429 or 503 after every retry the run allows.
 * The case is reported as skipped, with why, not as a pass or a failure.
 */
export class Inconclusive extends Error {
  override name = 'Inconclusive';
}
