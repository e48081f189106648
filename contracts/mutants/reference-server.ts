import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { serveOnLoopback, type LoopbackServer } from '../../support/loopback';

/**
 * A small, independent Nexus written for the suite's self-test (not the mock): correct by default,
 * in one of the shapes a correct deployment may take where the spec leaves room (`flavour`), or
 * broken in exactly one way (`flaw`).
 */
export type Flavour = 'aspnet' | 'minimal' | 'rate-limited' | 'spelling' | 'lenient';

export type Flaw =
  | 'missing-ticket-url'
  | 'email-sent-as-string'
  | 'text-plain-success'
  | 'ignores-auth'
  | 'bearer-alone-accepted'
  | 'application-token-alone-accepted'
  | 'empty-bearer-accepted'
  | 'empty-application-token-accepted'
  | 'basic-without-password-accepted'
  | 'empty-basic-password-accepted'
  | 'malformed-basic-accepted'
  | 'non-boolean-accepted'
  | 'undocumented-factor-accepted'
  | 'server-error-on-a-factor'
  | 'created-201'
  | 'problem-status-mismatch'
  | 'interactive-sends-email'
  | 'non-interactive-sends-nothing'
  | 'default-is-interactive'
  | 'constant-ticket-id'
  | 'relative-ticket-url'
  | 'null-ticket-id'
  | 'html-401'
  | 'empty-400'
  | 'hangs-when-emailing'
  | 'unknown-scheme-accepted'
  | 'empty-basic-username-accepted'
  | 'interactive-ignored-with-factor'
  | 'interactive-ignored-with-basic'
  | 'wrong-password-accepted'
  | 'echoes-credentials'
  | 'no-www-authenticate'
  | 'crash-on-combination'
  | 'lowercase-scheme-refused'
  | 'undocumented-put-works'
  | 'factor-unchecked-for-basic'
  | 'server-error-on-repeated-parameter'
  | 'server-error-on-long-value'
  | 'server-error-on-non-ascii'
  | 'server-error-on-repeated-with-others';

/** The one user a verifying server knows (the self-test passes the same credentials to the suite). */
export interface KnownUser {
  readonly token: string;
  readonly applicationToken: string;
  readonly username: string;
  readonly password: string;
}

export interface ReferenceOptions {
  readonly flavour?: Flavour;
  readonly flaw?: Flaw;
  /** Check credentials against this user, as a real deployment does; without it, any well-formed ones pass. */
  readonly user?: KnownUser;
  /** Called for every enrollment email the server "sends" (a non-interactive enrollment it accepts). */
  readonly onEmail?: () => void;
}

/** Numeric ticket ids, as some deployments give them: the time and a counter, so two in one millisecond differ. */
let numericIds = 0;

const FACTORS = ['otp', 'push-notification', 'phone', 'email', 'webauthn-roaming', 'webauthn-platform'];
const PATH = '/v1/me/mfa-enrollment';

export function startReferenceServer(options: ReferenceOptions = {}): Promise<LoopbackServer> {
  let requests = 0;
  return serveOnLoopback((req, res) => {
    // Rate limiting, as a correct deployment may do it: every third request is asked to come back.
    if (options.flavour === 'rate-limited' && ++requests % 3 === 0) {
      res.writeHead(429, { 'Content-Type': 'application/problem+json', 'Retry-After': '0' }).end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Slow down.',
        }),
      );
      return;
    }
    handle(req, res, options);
  });
}

function handle(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { flavour = 'aspnet', flaw, user, onEmail }: ReferenceOptions,
): void {
  const url = new URL(req.url ?? '/', 'http://reference');
  const json = (
    status: number,
    body: unknown,
    type = flavour === 'aspnet' ? 'application/json; charset=utf-8' : 'application/json',
  ): void => {
    // Media types are case-insensitive (RFC 9110, section 8.3.1): a deployment may spell them so.
    const spelled =
      flavour === 'spelling'
        ? type
            .replace('application/json', 'Application/JSON; Charset=UTF-8')
            .replace('problem+json', 'Problem+JSON')
        : type;
    res.writeHead(status, { 'Content-Type': spelled }).end(JSON.stringify(body));
  };
  const problem = (status: number, title: string, detail: string, extra: object = {}): void => {
    const body =
      flavour === 'aspnet'
        ? {
            type: `https://tools.ietf.org/html/rfc9110#section-15.5.${status === 400 ? 1 : 5}`,
            title,
            status,
            detail,
            traceId: `00-${randomUUID().replace(/-/g, '')}-00`,
            ...extra,
          }
        : { type: null, title, status, detail, instance: null, ...extra };
    json(status, body, 'application/problem+json');
  };

  if (url.pathname !== PATH) {
    problem(404, 'Not Found', `No route for ${url.pathname}`);
    return;
  }
  if (req.method !== 'POST' && !(req.method === 'PUT' && flaw === 'undocumented-put-works')) {
    res.setHeader('Allow', 'POST');
    problem(405, 'Method Not Allowed', `${req.method ?? ''} is not allowed`);
    return;
  }

  const scheme = authenticated(req, flaw, user);
  if (scheme === undefined) {
    if (flaw === 'html-401') {
      res.writeHead(401, { 'Content-Type': 'text/html' }).end('<h1>401 Unauthorized</h1>');
    } else if (flavour === 'aspnet' && flaw !== 'no-www-authenticate') {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer, Basic realm="Nexus"', 'Content-Length': '0' }).end();
    } else {
      if (flaw !== 'no-www-authenticate')
        res.setHeader('WWW-Authenticate', 'Bearer realm="Nexus", Basic realm="Nexus"');
      problem(401, 'Unauthorized', 'Credentials are required.');
    }
    return;
  }

  const lenient = flavour === 'lenient';
  // A lenient deployment reads TRUE and 1 as true, an empty value as absent, and the first of repeated values.
  const readAll = (name: string): string[] => {
    const values = url.searchParams.getAll(name).filter((v) => !(lenient && v === ''));
    const first = values[0];
    if (!lenient || first === undefined) return values;
    return [name === 'isInteractive' && ['TRUE', 'True', '1'].includes(first) ? 'true' : first];
  };
  if (flaw === 'server-error-on-repeated-parameter' && url.searchParams.getAll('isInteractive').length > 1) {
    problem(500, 'Internal Server Error', 'isInteractive: expected a string');
    return;
  }
  // Defects that only inputs at the edges reach (issue 18): a fixed-size buffer, an ASCII-only
  // decoder, a parser that breaks when a repeated parameter meets another one.
  const values = [...url.searchParams.values()];
  if (flaw === 'server-error-on-long-value' && values.some((v) => v.length > 1000)) {
    problem(500, 'Internal Server Error', 'value too long for the buffer');
    return;
  }
  if (flaw === 'server-error-on-non-ascii' && values.some((v) => /[^\x20-\x7e]/.test(v))) {
    problem(500, 'Internal Server Error', 'could not encode the value');
    return;
  }
  if (
    flaw === 'server-error-on-repeated-with-others' &&
    url.searchParams.getAll('isInteractive').length > 1 &&
    url.searchParams.has('factor')
  ) {
    problem(500, 'Internal Server Error', 'isInteractive: expected a string');
    return;
  }
  const interactiveValues = readAll('isInteractive');
  const factors = readAll('factor');
  const errors: string[] = [];
  const interactiveRaw = interactiveValues[0];
  if (
    interactiveValues.length > 1 ||
    (interactiveRaw !== undefined &&
      !['true', 'false'].includes(interactiveRaw) &&
      flaw !== 'non-boolean-accepted')
  ) {
    errors.push('isInteractive must be a boolean');
  }
  if (
    factors.length > 1 ||
    (factors[0] !== undefined &&
      !FACTORS.includes(factors[0]) &&
      flaw !== 'undocumented-factor-accepted' &&
      !(flaw === 'factor-unchecked-for-basic' && scheme === 'basic'))
  ) {
    errors.push(`factor must be one of ${FACTORS.join(', ')}`);
  }
  if (errors.length > 0) {
    if (flaw === 'empty-400') {
      res.writeHead(400).end();
      return;
    }
    problem(400, 'One or more validation errors occurred.', errors.join('; '), {
      errors: { query: errors },
      ...(flaw === 'problem-status-mismatch' && { status: 422 }),
    });
    return;
  }
  if (flaw === 'server-error-on-a-factor' && factors[0] === 'webauthn-platform') {
    problem(500, 'Internal Server Error', 'factor store unavailable');
    return;
  }

  let interactive = interactiveRaw === 'true';
  if (flaw === 'crash-on-combination' && interactive && factors[0] === 'phone' && scheme === 'basic') {
    problem(500, 'Internal Server Error', 'phone enrollment for Basic users failed');
    return;
  }
  if (flaw === 'interactive-ignored-with-factor' && factors[0] !== undefined) interactive = false;
  if (flaw === 'interactive-ignored-with-basic' && scheme === 'basic') interactive = false;
  if (interactiveRaw === undefined && flaw === 'default-is-interactive') interactive = true;
  if (!interactive && flaw === 'hangs-when-emailing') return; // never answers
  const ticketId =
    flaw === 'constant-ticket-id'
      ? 'ticket-1'
      : flavour === 'aspnet'
        ? `tkt_${randomUUID().replace(/-/g, '')}`
        : `${Date.now()}${String(++numericIds % 1_000_000).padStart(6, '0')}`;
  const link =
    flaw === 'relative-ticket-url' ? `/enroll/${ticketId}` : `https://nexus.example.test/enroll/${ticketId}`;
  if (!interactive) onEmail?.();
  let emailSent = !interactive;
  if (flaw === 'interactive-sends-email') emailSent = true;
  if (flaw === 'non-interactive-sends-nothing') emailSent = false;
  const body: Record<string, unknown> = {
    ticketId: flaw === 'null-ticket-id' ? null : ticketId,
    emailSent: flaw === 'email-sent-as-string' ? String(emailSent) : emailSent,
    // Where the seed is silent: the ASP.NET flavour also returns the link when it emails it.
    ticketUrl: interactive || flavour === 'aspnet' ? link : null,
  };
  if (flaw === 'missing-ticket-url') delete body.ticketUrl;
  if (flaw === 'echoes-credentials')
    Object.assign(body, {
      ticketId: req.headers.authorization,
      emailSent: req.headers['x-application-token'] ?? 'no',
    });
  json(flaw === 'created-201' ? 201 : 200, body, flaw === 'text-plain-success' ? 'text/plain' : undefined);
}

/** Which scheme authenticated the request, or undefined when none did. */
function authenticated(
  req: http.IncomingMessage,
  flaw: Flaw | undefined,
  user: KnownUser | undefined,
): 'bearer' | 'basic' | undefined {
  if (flaw === 'ignores-auth') return 'bearer';
  const authorization = req.headers.authorization ?? '';
  const appToken = req.headers['x-application-token'];
  const [scheme = '', ...rest] = authorization.split(' ');
  const credentials = rest.join(' ').trim();
  const hasAppToken =
    (appToken !== undefined && appToken !== '') ||
    (appToken === '' && flaw === 'empty-application-token-accepted');
  const named = (name: string): boolean =>
    flaw === 'lowercase-scheme-refused' ? scheme === name : scheme.toLowerCase() === name.toLowerCase();
  if (
    named('Bearer') ||
    (flaw === 'unknown-scheme-accepted' && scheme !== '' && scheme.toLowerCase() !== 'basic')
  ) {
    const hasToken = credentials !== '' || flaw === 'empty-bearer-accepted';
    const known = !user || (credentials === user.token && appToken === user.applicationToken);
    return hasToken && (hasAppToken || flaw === 'bearer-alone-accepted') && known ? 'bearer' : undefined;
  }
  if (named('Basic')) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials))
      return flaw === 'malformed-basic-accepted' ? 'basic' : undefined;
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return flaw === 'basic-without-password-accepted' ? 'basic' : undefined;
    if (colon === decoded.length - 1) return flaw === 'empty-basic-password-accepted' ? 'basic' : undefined;
    if (colon === 0) return flaw === 'empty-basic-username-accepted' ? 'basic' : undefined;
    const [name, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const known =
      !user || (name === user.username && (password === user.password || flaw === 'wrong-password-accepted'));
    return known ? 'basic' : undefined;
  }
  return authorization === '' && appToken !== undefined && flaw === 'application-token-alone-accepted'
    ? 'bearer'
    : undefined;
}
