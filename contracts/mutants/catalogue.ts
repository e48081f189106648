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
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'email-sent-as-string',
    breaks: 'a wrong type: emailSent as a string',
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'null-ticket-id',
    breaks: 'the seed: a created ticket without an id',
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'text-plain-success',
    breaks: 'a wrong media type: 200 as text/plain',
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'html-401',
    breaks: 'a wrong media type: 401 as an HTML page',
    caughtBy: 'auth.CreateMfaEnrollment.no-credentials',
  },
  {
    flaw: 'empty-400',
    breaks: 'a wrong media type: 400 with no problem details',
    caughtBy: 'negative.CreateMfaEnrollment',
  },
  {
    flaw: 'ignores-auth',
    breaks: 'ignored auth: no credentials accepted',
    caughtBy: 'auth.CreateMfaEnrollment.no-credentials',
  },
  {
    flaw: 'bearer-alone-accepted',
    breaks: 'half-checked auth: a bearer token without the application token',
    caughtBy: 'auth.CreateMfaEnrollment.Bearer-without-ApplicationToken',
  },
  {
    flaw: 'application-token-alone-accepted',
    breaks: 'half-checked auth: an application token without a bearer token',
    caughtBy: 'auth.CreateMfaEnrollment.ApplicationToken-without-Bearer',
  },
  {
    flaw: 'empty-bearer-accepted',
    breaks: 'half-checked auth: an empty bearer token',
    caughtBy: 'auth.CreateMfaEnrollment.Bearer-empty',
  },
  {
    flaw: 'empty-application-token-accepted',
    breaks: 'half-checked auth: an empty application token',
    caughtBy: 'auth.CreateMfaEnrollment.ApplicationToken-empty',
  },
  {
    flaw: 'unknown-scheme-accepted',
    breaks: 'half-checked auth: any Authorization scheme with the application token',
    caughtBy: 'auth.CreateMfaEnrollment.unknown-scheme',
  },
  {
    flaw: 'malformed-basic-accepted',
    breaks: 'half-checked auth: Basic that is not base64',
    caughtBy: 'auth.CreateMfaEnrollment.Basic-not-base64',
  },
  {
    flaw: 'basic-without-password-accepted',
    breaks: 'half-checked auth: Basic without a password',
    caughtBy: 'auth.CreateMfaEnrollment.Basic-without-colon',
  },
  {
    flaw: 'empty-basic-password-accepted',
    breaks: 'half-checked auth: Basic with an empty password',
    caughtBy: 'auth.CreateMfaEnrollment.Basic-empty-password',
  },
  {
    flaw: 'empty-basic-username-accepted',
    breaks: 'half-checked auth: Basic with an empty user name',
    caughtBy: 'auth.CreateMfaEnrollment.Basic-empty-username',
  },
  {
    flaw: 'wrong-password-accepted',
    breaks: 'half-checked auth: the right user with a wrong password',
    caughtBy: 'auth.CreateMfaEnrollment.Basic-wrong',
    verifies: true,
  },
  {
    flaw: 'non-boolean-accepted',
    breaks: 'an accepted bad input: isInteractive=maybe',
    caughtBy: 'negative.CreateMfaEnrollment',
  },
  {
    flaw: 'undocumented-factor-accepted',
    breaks: 'an accepted bad input: an undocumented factor',
    caughtBy: 'negative.CreateMfaEnrollment',
  },
  {
    flaw: 'server-error-on-a-factor',
    breaks: 'a 5xx for a documented factor',
    caughtBy: 'positive.CreateMfaEnrollment',
  },
  {
    flaw: 'created-201',
    breaks: 'a wrong status: 201 for a created ticket',
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'problem-status-mismatch',
    breaks: 'an inconsistent problem: HTTP 400 with "status": 422',
    caughtBy: 'negative.CreateMfaEnrollment',
  },
  {
    flaw: 'interactive-sends-email',
    breaks: 'the seed: isInteractive=true emails instead of returning the URL',
    caughtBy: 'behaviour.CreateMfaEnrollment.interactive-returns-url',
  },
  {
    flaw: 'interactive-ignored-with-factor',
    breaks: 'the seed: isInteractive=true ignored when a factor is given',
    caughtBy: 'generative.CreateMfaEnrollment.valid',
  },
  {
    flaw: 'interactive-ignored-with-basic',
    breaks: 'the seed: isInteractive=true ignored for Basic users',
    caughtBy: 'generative.CreateMfaEnrollment.valid',
  },
  {
    flaw: 'non-interactive-sends-nothing',
    breaks: 'the seed: isInteractive=false sends no email',
    caughtBy: 'behaviour.CreateMfaEnrollment.non-interactive-sends-email',
  },
  {
    flaw: 'default-is-interactive',
    breaks: 'the seed: isInteractive defaults to true',
    caughtBy: 'behaviour.CreateMfaEnrollment.default-sends-email',
  },
  {
    flaw: 'constant-ticket-id',
    breaks: 'the seed: every ticket has the same id',
    caughtBy: 'behaviour.CreateMfaEnrollment.unique-ticket-ids',
  },
  {
    flaw: 'relative-ticket-url',
    breaks: 'the seed: a relative ticketUrl',
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'echoes-credentials',
    breaks: 'a wrong type, carrying the credentials it was sent (which the report must redact)',
    caughtBy: 'conformance.CreateMfaEnrollment.valid-call',
  },
  {
    flaw: 'hangs-when-emailing',
    breaks: 'a server that never answers',
    caughtBy: 'behaviour.CreateMfaEnrollment.non-interactive-sends-email',
  },
  {
    flaw: 'no-www-authenticate',
    breaks: 'a 401 without WWW-Authenticate (RFC 9110 requires it; the spec marks it required: D1)',
    caughtBy: 'auth.CreateMfaEnrollment.no-credentials',
  },
  {
    flaw: 'crash-on-combination',
    breaks: 'a 5xx for one combination of documented values (phone, interactive, Basic)',
    caughtBy: 'generative.CreateMfaEnrollment.valid',
  },
  {
    flaw: 'lowercase-scheme-refused',
    breaks: 'a credential form the spec allows refused: the scheme name in lower case',
    caughtBy: 'auth.CreateMfaEnrollment.accepts-Bearer+ApplicationToken-lowercase',
  },
  {
    flaw: 'undocumented-put-works',
    breaks: 'an undocumented method that does something: PUT creates a ticket',
    caughtBy: 'methods.v1-me-mfa-enrollment.unsafe',
  },
  {
    flaw: 'factor-unchecked-for-basic',
    breaks: 'validation skipped on one code path: an undocumented factor accepted from Basic users',
    caughtBy: 'generative.CreateMfaEnrollment.invalid',
  },
  {
    flaw: 'server-error-on-repeated-parameter',
    breaks: 'a 5xx for an unusual but possible request: isInteractive sent twice',
    caughtBy: 'generative.CreateMfaEnrollment.room',
  },
  {
    flaw: 'server-error-on-long-value',
    breaks: 'a 5xx for a value far longer than any the document lists (10 000 characters)',
    caughtBy: 'generative.CreateMfaEnrollment.edges',
  },
  {
    flaw: 'server-error-on-non-ascii',
    breaks: 'a 5xx for a value that is not ASCII (multi-byte, emoji, control characters)',
    caughtBy: 'generative.CreateMfaEnrollment.edges',
  },
  {
    flaw: 'server-error-on-repeated-with-others',
    breaks: 'a 5xx when isInteractive is repeated alongside factor (alone it is fine)',
    caughtBy: 'generative.CreateMfaEnrollment.edges',
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
    differs: '401 as problem details (with WWW-Authenticate), null problem members, numeric ids, no charset',
  },
  {
    flavour: 'aspnet',
    differs: 'checks credentials against its users, so wrong ones are tried too',
    verifies: true,
  },
  {
    flavour: 'rate-limited',
    differs:
      'answers every third request 429 with Retry-After (retried, POST included, since 429 means not processed)',
  },
  {
    flavour: 'spelling',
    differs: 'spells media types in another case: Application/JSON; Charset=UTF-8, application/Problem+JSON',
  },
  {
    flavour: 'lenient',
    differs:
      'accepts beyond the spec: TRUE and 1 as true, empty values as absent, the first of repeated values',
  },
];
