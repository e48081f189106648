import type { Flavour, Flaw } from './reference-server';

export interface Mutant {
  readonly flaw: Flaw;
  readonly breaks: string;
  /** The case expected to catch it: the self-test fails if another case does instead, or none. */
  readonly caughtBy: string;
  /** The server checks credentials against its one user (so wrong credentials can be tried). */
  readonly verifies?: boolean;
}

/** Each broken server breaks one rule; the suite must fail against every one of them. */
export const MUTANTS: readonly Mutant[] = [
  {
    flaw: 'missing-ticket-url',
    breaks: 'a missing field: 200 without ticketUrl',
    caughtBy: 'conformance.success',
  },
  {
    flaw: 'email-sent-as-string',
    breaks: 'a wrong type: emailSent as a string',
    caughtBy: 'conformance.success',
  },
  {
    flaw: 'null-ticket-id',
    breaks: 'the seed: a created ticket without an id',
    caughtBy: 'conformance.success',
  },
  {
    flaw: 'text-plain-success',
    breaks: 'a wrong media type: 200 as text/plain',
    caughtBy: 'conformance.success',
  },
  {
    flaw: 'html-401',
    breaks: 'a wrong media type: 401 as an HTML page',
    caughtBy: 'conformance.unauthenticated',
  },
  {
    flaw: 'empty-400',
    breaks: 'a wrong media type: 400 with no problem details',
    caughtBy: 'conformance.invalid-input',
  },
  { flaw: 'ignores-auth', breaks: 'ignored auth: no credentials accepted', caughtBy: 'auth.no-credentials' },
  {
    flaw: 'bearer-alone-accepted',
    breaks: 'half-checked auth: a bearer token without the application token',
    caughtBy: 'auth.bearer-without-application-token',
  },
  {
    flaw: 'application-token-alone-accepted',
    breaks: 'half-checked auth: an application token without a bearer token',
    caughtBy: 'auth.application-token-without-bearer',
  },
  {
    flaw: 'empty-bearer-accepted',
    breaks: 'half-checked auth: an empty bearer token',
    caughtBy: 'auth.empty-bearer-token',
  },
  {
    flaw: 'empty-application-token-accepted',
    breaks: 'half-checked auth: an empty application token',
    caughtBy: 'auth.empty-application-token',
  },
  {
    flaw: 'unknown-scheme-accepted',
    breaks: 'half-checked auth: any Authorization scheme with the application token',
    caughtBy: 'auth.unknown-scheme',
  },
  {
    flaw: 'malformed-basic-accepted',
    breaks: 'half-checked auth: Basic that is not base64',
    caughtBy: 'auth.malformed-basic',
  },
  {
    flaw: 'basic-without-password-accepted',
    breaks: 'half-checked auth: Basic without a password',
    caughtBy: 'auth.basic-without-password',
  },
  {
    flaw: 'empty-basic-password-accepted',
    breaks: 'half-checked auth: Basic with an empty password',
    caughtBy: 'auth.basic-empty-password',
  },
  {
    flaw: 'empty-basic-username-accepted',
    breaks: 'half-checked auth: Basic with an empty user name',
    caughtBy: 'auth.basic-empty-username',
  },
  {
    flaw: 'wrong-password-accepted',
    breaks: 'half-checked auth: the right user with a wrong password',
    caughtBy: 'auth.wrong-basic-password',
    verifies: true,
  },
  {
    flaw: 'non-boolean-accepted',
    breaks: 'an accepted bad input: isInteractive=maybe',
    caughtBy: 'negative.is-interactive-not-boolean',
  },
  {
    flaw: 'undocumented-factor-accepted',
    breaks: 'an accepted bad input: an undocumented factor',
    caughtBy: 'negative.undocumented-factor',
  },
  {
    flaw: 'server-error-on-a-factor',
    breaks: 'a 5xx for a documented factor',
    caughtBy: 'behaviour.every-factor-accepted',
  },
  {
    flaw: 'created-201',
    breaks: 'a wrong status: 201 for a created ticket',
    caughtBy: 'conformance.success',
  },
  {
    flaw: 'problem-status-mismatch',
    breaks: 'an inconsistent problem: HTTP 400 with "status": 422',
    caughtBy: 'conformance.invalid-input',
  },
  {
    flaw: 'interactive-sends-email',
    breaks: 'the seed: isInteractive=true emails instead of returning the URL',
    caughtBy: 'behaviour.interactive-returns-url',
  },
  {
    flaw: 'interactive-ignored-with-factor',
    breaks: 'the seed: isInteractive=true ignored when a factor is given',
    caughtBy: 'behaviour.every-factor-accepted',
  },
  {
    flaw: 'interactive-ignored-with-basic',
    breaks: 'the seed: isInteractive=true ignored for Basic users',
    caughtBy: 'auth.basic-accepted',
  },
  {
    flaw: 'non-interactive-sends-nothing',
    breaks: 'the seed: isInteractive=false sends no email',
    caughtBy: 'behaviour.non-interactive-sends-email',
  },
  {
    flaw: 'default-is-interactive',
    breaks: 'the seed: isInteractive defaults to true',
    caughtBy: 'behaviour.default-sends-email',
  },
  {
    flaw: 'constant-ticket-id',
    breaks: 'the seed: every ticket has the same id',
    caughtBy: 'behaviour.unique-ticket-ids',
  },
  { flaw: 'relative-ticket-url', breaks: 'the seed: a relative ticketUrl', caughtBy: 'conformance.success' },
  {
    flaw: 'echoes-credentials',
    breaks: 'a wrong type, carrying the credentials it was sent (which the report must redact)',
    caughtBy: 'conformance.success',
  },
  {
    flaw: 'hangs-when-emailing',
    breaks: 'a server that never answers',
    caughtBy: 'behaviour.non-interactive-sends-email',
  },
];

/** Correct servers that differ where the spec leaves room; the suite must pass against each. */
export const CORRECT_SERVERS: readonly {
  readonly flavour: Flavour;
  readonly differs: string;
  readonly verifies?: boolean;
}[] = [
  {
    flavour: 'aspnet',
    differs:
      '401 with an empty body and WWW-Authenticate, ticketUrl also when emailing, traceId and errors extensions, non-UUID ids',
  },
  {
    flavour: 'minimal',
    differs: '401 as problem details without WWW-Authenticate, null problem members, numeric ids, no charset',
  },
  {
    flavour: 'aspnet',
    differs: 'checks credentials against its users, so wrong ones are tried too',
    verifies: true,
  },
];
