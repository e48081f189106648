import type { Flavour, Flaw } from './reference-server';

/** Each broken server breaks one rule; the suite must fail against every one of them. */
export const MUTANTS: readonly { readonly flaw: Flaw; readonly breaks: string }[] = [
  { flaw: 'missing-ticket-url', breaks: 'a missing field: 200 without ticketUrl' },
  { flaw: 'email-sent-as-string', breaks: 'a wrong type: emailSent as a string' },
  { flaw: 'null-ticket-id', breaks: 'the seed: a created ticket without an id' },
  { flaw: 'text-plain-success', breaks: 'a wrong media type: 200 as text/plain' },
  { flaw: 'html-401', breaks: 'a wrong media type: 401 as an HTML page' },
  { flaw: 'empty-400', breaks: 'a wrong media type: 400 with no problem details' },
  { flaw: 'ignores-auth', breaks: 'ignored auth: no credentials accepted' },
  {
    flaw: 'bearer-alone-accepted',
    breaks: 'half-checked auth: a bearer token without the application token',
  },
  {
    flaw: 'application-token-alone-accepted',
    breaks: 'half-checked auth: an application token without a bearer token',
  },
  { flaw: 'empty-bearer-accepted', breaks: 'half-checked auth: an empty bearer token' },
  { flaw: 'empty-application-token-accepted', breaks: 'half-checked auth: an empty application token' },
  { flaw: 'malformed-basic-accepted', breaks: 'half-checked auth: Basic that is not base64' },
  { flaw: 'basic-without-password-accepted', breaks: 'half-checked auth: Basic without a password' },
  { flaw: 'empty-basic-password-accepted', breaks: 'half-checked auth: Basic with an empty password' },
  { flaw: 'non-boolean-accepted', breaks: 'an accepted bad input: isInteractive=maybe' },
  { flaw: 'undocumented-factor-accepted', breaks: 'an accepted bad input: an undocumented factor' },
  { flaw: 'server-error-on-a-factor', breaks: 'a 5xx for a documented factor' },
  { flaw: 'created-201', breaks: 'a wrong status: 201 for a created ticket' },
  { flaw: 'problem-status-mismatch', breaks: 'an inconsistent problem: HTTP 400 with "status": 422' },
  {
    flaw: 'interactive-sends-email',
    breaks: 'the seed: isInteractive=true emails instead of returning the URL',
  },
  { flaw: 'non-interactive-sends-nothing', breaks: 'the seed: isInteractive=false sends no email' },
  { flaw: 'default-is-interactive', breaks: 'the seed: isInteractive defaults to true' },
  { flaw: 'constant-ticket-id', breaks: 'the seed: every ticket has the same id' },
  { flaw: 'relative-ticket-url', breaks: 'the seed: a relative ticketUrl' },
  { flaw: 'hangs-when-emailing', breaks: 'a server that never answers' },
];

/** Correct servers that differ where the spec leaves room; the suite must pass against each. */
export const CORRECT_FLAVOURS: readonly { readonly flavour: Flavour; readonly differs: string }[] = [
  {
    flavour: 'aspnet',
    differs:
      '401 with an empty body and WWW-Authenticate, ticketUrl also when emailing, traceId and errors extensions, non-UUID ids',
  },
  {
    flavour: 'minimal',
    differs: '401 as problem details without WWW-Authenticate, null problem members, numeric ids, no charset',
  },
];
