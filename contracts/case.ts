import type { Exchange } from '../spec/conformance/checks';
import type { Profile } from './config';

/** What a case needs from the target; without it the case is skipped, saying why. */
export type Need = 'bearer' | 'basic' | 'credentials' | 'email' | 'mock' | 'credential-check';

export type Group = 'conformance' | 'auth' | 'negative' | 'behaviour' | 'mock';

/** One rule of the contract, checked by sending requests and asserting on the answers. */
export interface ContractCase {
  /** Stable, for reports: `auth.bearer-without-application-token`. */
  readonly id: string;
  readonly group: Group;
  /** Present tense, as the test is named: `refuses a bearer token without the application token`. */
  readonly title: string;
  readonly needs: readonly Need[];
  /** Profiles that run the case; by default those whose groups include the case's group. */
  readonly profiles?: readonly Profile[];
  run(context: CaseContext): Promise<void>;
}

/**
 * `full`: everything. `structural`: what a mock answering from examples (Prism) can honour.
 * `proxied`: everything that reaches the target through `prism proxy --errors`, which answers
 * invalid requests itself (422) so the target's own input validation is out of reach.
 */
export const PROFILE_GROUPS: Readonly<Record<Profile, readonly Group[]>> = {
  full: ['conformance', 'auth', 'negative', 'behaviour', 'mock'],
  structural: ['conformance', 'auth'],
  proxied: ['conformance', 'auth', 'behaviour', 'mock'],
};

/** How a request authenticates: with the target's credentials for a scheme, or with exactly these headers. */
export type Auth = 'bearer' | 'basic' | 'any' | { readonly headers: Readonly<Record<string, string>> };

export const NO_CREDENTIALS: Auth = { headers: {} };

export interface Answer {
  readonly exchange: Exchange;
  /** The parsed body, or undefined when it is empty or not JSON (the conformance checks say which). */
  readonly json: unknown;
}

export interface CaseContext {
  /** The documented factors, from the spec's `factor` parameter. */
  readonly factors: readonly string[];
  /** The header that carries the application token (the spec's, or NEXUS_APPLICATION_TOKEN_HEADER). */
  readonly applicationTokenHeader: string;
  /** A bearer token and application token to use where a case needs some: the target's, or stand-ins. */
  readonly bearerOrStandIn: { readonly token: string; readonly applicationToken: string };
  readonly basicOrStandIn: { readonly username: string; readonly password: string };
  /**
   * Calls the enrollment operation with `query` (`isInteractive=true`), after checking that every
   * answer conforms to the spec: a non-conforming answer fails the case there and then.
   */
  readonly enroll: (query: string, auth: Auth, headers?: Readonly<Record<string, string>>) => Promise<Answer>;
  /** GET on the mock's admin API, in the run's session. Only for cases that need `mock`. */
  readonly admin: (path: string) => Promise<Answer>;
}
