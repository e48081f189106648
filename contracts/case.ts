import type { Exchange } from '../spec/conformance/checks';
import type { OperationModel } from '../spec/operation';
import type { Profile } from './config';
import type { Coverage } from './coverage';
import type { Alternative, CredentialKit } from './credentials';
import type { CallInput, OutgoingRequest, RequestParts } from './inputs/call-input';
import type { OperationInputs } from './inputs/operation-inputs';
import type { TargetTraits } from './traits';
import type { SuiteSpec } from './suite-spec';

/**
 * What a case needs from the target; without it the case is skipped, saying why. `alternatives`:
 * credentials for at least one of these security alternatives (an empty one is public).
 */
export type Need =
  | 'email'
  | 'mock'
  | 'credential-check'
  | 'unsafe-methods'
  | { readonly alternatives: readonly Alternative[] };

export type Group =
  | 'conformance'
  | 'auth'
  | 'methods'
  | 'negative'
  | 'positive'
  | 'generative'
  | 'behaviour'
  | 'mock'
  | 'coverage';

/** One rule of the contract, checked by sending requests and asserting on the answers. */
export interface ContractCase {
  /** Stable, for reports: `auth.CreateMfaEnrollment.without-ApplicationToken`. */
  readonly id: string;
  readonly group: Group;
  /** Present tense, as the test is named: `refuses Bearer without ApplicationToken with 401`. */
  readonly title: string;
  readonly needs: readonly Need[];
  /** Profiles that run the case; by default those whose groups include the case's group. */
  readonly profiles?: readonly Profile[];
  run(context: CaseContext): Promise<void>;
}

/**
 * `full`: everything. `structural`: what a mock answering from examples (Prism) can honour.
 * `proxied`: everything that reaches the target through `prism proxy --errors`, which answers
 * invalid requests itself (422), and undocumented methods (405 without `Allow`), so the target's own
 * handling of both is out of reach.
 */
export const PROFILE_GROUPS: Readonly<Record<Profile, readonly Group[]>> = {
  full: [
    'conformance',
    'auth',
    'methods',
    'negative',
    'positive',
    'generative',
    'behaviour',
    'mock',
    'coverage',
  ],
  structural: ['conformance', 'auth', 'positive'],
  proxied: ['conformance', 'auth', 'positive', 'behaviour', 'mock', 'coverage'],
};

export interface Answer {
  readonly exchange: Exchange;
  /** The parsed body, or undefined when it is empty or not JSON (the conformance checks say which). */
  readonly json: unknown;
}

export interface CallOptions {
  /** Added to the request: `Prefer`, `Accept` ... */
  readonly headers?: Readonly<Record<string, string>>;
  /** The answer is forced (the mock's `Prefer`): what the seed says of real answers does not apply. */
  readonly forced?: boolean;
  /**
   * The operation documents no success, only errors: any documented answer is its answer, a 5xx its
   * `default` documents included (the coverage table shows it as served from default).
   */
  readonly errorOnly?: boolean;
  /**
   * An input at the edges (a 10 000-character value): an answer HTTP itself gives before any
   * operation is reached (413, 414, 431) is taken as it is; anything else is checked as usual.
   */
  readonly edge?: boolean;
}

export interface CaseContext {
  readonly spec: SuiteSpec;
  readonly traits: TargetTraits;
  readonly credentials: CredentialKit;
  /** NEXUS_CONTRACT_SEED: every generated input of the run derives from it. */
  readonly seed: number;
  /**
   * NEXUS_MAX_EXAMPLES: generated inputs per property, and edge inputs, per operation; fewer where
   * the operation's share of NEXUS_MAX_REQUESTS is smaller.
   */
  readonly maxExamples: number;
  /** How many more requests the run may send. */
  remaining(): number;
  /** What the suite sends to an operation (with the run's safety pins applied). */
  inputs(operation: OperationModel): OperationInputs;
  /**
   * Calls an operation, then checks the answer against the document (status, media type, schema,
   * headers, problem status) and against what the seed says the operation does: a broken rule
   * fails the case there and then. Every call counts in the coverage table.
   */
  call(
    operation: OperationModel,
    input: CallInput,
    parts: RequestParts,
    options?: CallOptions,
  ): Promise<Answer>;
  /**
   * Runs an assertion on an answer (`expectStatus` ...): with NEXUS_DECISIONS=warn a broken decision
   * rule becomes a warning and the case goes on; anything else fails the case as thrown.
   */
  check(assertion: () => void): void;
  /** Sends a request outside any operation (an undocumented method), with no check. */
  send(request: OutgoingRequest): Promise<Answer>;
  /** GET on the mock's admin API, in the run's session. Only for cases that need `mock`. */
  admin(path: string): Promise<Answer>;
  /** What the run has observed so far, per documented response. */
  readonly coverage: Coverage;
  /** The request as a ready-to-paste curl command against the target, credentials redacted. */
  curl(request: OutgoingRequest): string;
}
