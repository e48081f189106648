import type { IncomingHttpHeaders } from 'node:http';
import type { SecuritySchemeModel } from '../../spec/operation';
import { cookieValue } from '../http/cookies';

/**
 * Authentication exactly as the operation's `security` says: any one requirement satisfies, and
 * every scheme inside a requirement must be satisfied; no requirement at all (`security: []`) is a
 * public operation. Compiled once per operation from the spec's model.
 * @see spec/nexus.openapi.yaml#/paths/~1v1~1me~1mfa-enrollment/post/security
 */
export type Authenticator = (request: CredentialSource) => AuthResult;

/** Where credentials travel: headers (Authorization, API keys), the query and cookies (API keys). */
export interface CredentialSource {
  readonly headers: IncomingHttpHeaders;
  /** The parsed query (`querystring.parse`). */
  readonly query: Readonly<Record<string, unknown>>;
}

export type AuthResult =
  /**
   * `principal` is who the credentials name; undefined for a public operation or API keys alone.
   * `note` says what the mock took on trust, for the decision and the journal: the OAuth 2 scopes
   * asked for (not enforced), a client certificate plain HTTP cannot show.
   */
  | { readonly ok: true; readonly principal: Principal | undefined; readonly note?: string }
  | {
      readonly ok: false;
      /** Short, stable, secret-free: `missing-credentials`, `missing-application-token`, `malformed-basic` ... */
      readonly reason: string;
      readonly detail: string;
    };

/** Who the credentials name. Tokens stay in here: never log or journal a principal. */
export type Principal =
  { readonly kind: 'bearer'; readonly token: string } | { readonly kind: 'basic'; readonly username: string };

type SchemeResult =
  | { readonly state: 'absent' }
  | { readonly state: 'invalid'; readonly reason: string; readonly detail: string }
  | { readonly state: 'valid'; readonly principal?: Principal };

const ABSENT: SchemeResult = { state: 'absent' };
const VALID: SchemeResult = { state: 'valid' };
const PUBLIC: AuthResult = { ok: true, principal: undefined };

/** RFC 6750 `b64token`: what a Bearer credential may contain. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** Standard base64 (RFC 4648 section 4), padding optional. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

export function createAuthenticator(
  requirements: readonly (readonly SecuritySchemeModel[])[],
): Authenticator {
  const describe = requirements.map((schemes) => schemes.map(schemeLabel).join(' with ')).join(', or ');
  // Everything that does not depend on the request is worked out once: this runs on every call.
  const alternatives = requirements.map((schemes) => ({
    note: noteOf(schemes),
    schemes: schemes.map((scheme) => ({
      scheme,
      missing: {
        reason: `missing-${kebab(scheme.name)}`,
        detail: `${capitalize(schemeLabel(scheme))} is missing.`,
      },
    })),
  }));
  if (requirements.length === 0) return () => PUBLIC;
  return (request) => {
    const authorization = parseAuthorization(request.headers.authorization);
    // The alternative the client got furthest with names the failure: a bearer token without its
    // application token is "missing-application-token", not "missing-credentials". A malformed
    // credential outranks a missing one: `Basic %%%` with an application token is "malformed-basic".
    let best: { reason: string; detail: string } | undefined;
    let bestRank = 0;
    let satisfied: AuthResult | undefined;
    for (const alternative of alternatives) {
      let principal: Principal | undefined;
      let failure: { reason: string; detail: string } | undefined;
      let invalid = false;
      let present = 0;
      for (const { scheme, missing } of alternative.schemes) {
        const result = evaluate(scheme, authorization, request);
        if (result.state !== 'absent' && scheme.kind !== 'mutualTLS') present++;
        if (result.state === 'valid') principal ??= result.principal;
        else if (result.state === 'invalid' && !invalid) {
          failure = result;
          invalid = true;
        } else failure ??= missing;
      }
      // A satisfied alternative that names no user (an API key, `{}`) is kept in case another names one:
      // scenarios match on the user, and the journal shows it.
      if (!failure && principal)
        return alternative.note ? { ok: true, principal, note: alternative.note } : { ok: true, principal };
      if (!failure)
        satisfied ??= alternative.note ? { ok: true, principal: undefined, note: alternative.note } : PUBLIC;
      const rank = (invalid ? 1000 : 0) + present;
      if (present > 0 && rank > bestRank) {
        best = failure;
        bestRank = rank;
      }
    }
    if (satisfied) return satisfied;
    if (best) return { ok: false, reason: best.reason, detail: `${best.detail} Send ${describe}.` };
    if (authorization) {
      // Echo the scheme only when it looks like one: a bare token in the header is a secret.
      const named =
        authorization.credentials !== '' && /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(authorization.scheme);
      const what = named
        ? `The Authorization scheme '${authorization.scheme}' is not accepted.`
        : 'The Authorization header has no scheme.';
      return { ok: false, reason: 'unsupported-scheme', detail: `${what} Send ${describe}.` };
    }
    return {
      ok: false,
      reason: 'missing-credentials',
      detail: `No credentials were sent. Send ${describe}.`,
    };
  };
}

/**
 * The `WWW-Authenticate` challenges for the operation's schemes (RFC 9110 section 11.6.1), one per
 * HTTP scheme in the order the document names them; OAuth 2 and OpenID Connect challenge as Bearer
 * with the scopes asked for (RFC 6750 section 3).
 */
export function challenges(requirements: readonly (readonly SecuritySchemeModel[])[], realm: string): string {
  const parts = new Map<string, string>();
  const scopes = new Set<string>();
  for (const scheme of requirements.flat()) {
    if (scheme.kind === 'bearer') for (const scope of scheme.scopes ?? []) scopes.add(scope);
    if (scheme.kind === 'bearer' && !parts.has('bearer')) parts.set('bearer', 'Bearer');
    if (scheme.kind === 'basic') parts.set('basic', `Basic realm="${realm}", charset="UTF-8"`);
    if (scheme.kind === 'http' && !parts.has(scheme.scheme.toLowerCase()))
      parts.set(scheme.scheme.toLowerCase(), `${scheme.scheme} realm="${realm}"`);
  }
  if (parts.has('bearer')) {
    const scope = scopes.size > 0 ? `, scope="${[...scopes].join(' ')}"` : '';
    parts.set('bearer', `Bearer realm="${realm}"${scope}`);
  }
  // RFC 9110 has every 401 carry a challenge; API keys have no registered scheme, so name them.
  if (parts.size === 0 && requirements.flat().some((s) => s.kind === 'apiKey'))
    parts.set('apikey', `APIKey realm="${realm}"`);
  return [...parts.values()].join(', ');
}

/** What a satisfied alternative takes on trust, for the decision: `oauth2 scopes=a,b`, `mutualTLS:assumed`. */
function noteOf(schemes: readonly SecuritySchemeModel[]): string | undefined {
  const notes = schemes.flatMap((scheme) => {
    if (scheme.kind === 'mutualTLS') return ['mutualTLS:assumed'];
    if (scheme.kind === 'bearer' && scheme.issuer !== undefined)
      return [`${scheme.issuer}${scheme.scopes?.length ? ` scopes=${scheme.scopes.join(',')}` : ''}`];
    return [];
  });
  return notes.length > 0 ? notes.join('; ') : undefined;
}

interface Authorization {
  readonly scheme: string;
  readonly credentials: string;
}

function parseAuthorization(header: string | undefined): Authorization | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  if (space === -1) return { scheme: trimmed, credentials: '' };
  return { scheme: trimmed.slice(0, space), credentials: trimmed.slice(space + 1).trim() };
}

function evaluate(
  scheme: SecuritySchemeModel,
  authorization: Authorization | undefined,
  request: CredentialSource,
): SchemeResult {
  switch (scheme.kind) {
    case 'bearer':
      if (authorization?.scheme.toLowerCase() !== 'bearer') return ABSENT;
      return bearer(authorization.credentials);
    case 'basic':
      if (authorization?.scheme.toLowerCase() !== 'basic') return ABSENT;
      return basic(authorization.credentials);
    case 'http':
      // The mock cannot check a Digest response or a Negotiate ticket: the scheme's name and some
      // credentials are what it can see.
      if (authorization?.scheme.toLowerCase() !== scheme.scheme.toLowerCase()) return ABSENT;
      return authorization.credentials === ''
        ? {
            state: 'invalid',
            reason: `empty-${kebab(scheme.name)}`,
            detail: `The ${scheme.scheme} credentials are empty.`,
          }
        : VALID;
    case 'mutualTLS':
      return VALID;
    case 'apiKey': {
      const value = apiKeyOf(scheme, request);
      if (value === undefined) return ABSENT;
      if (value.trim() === '') {
        return {
          state: 'invalid',
          reason: `empty-${kebab(scheme.name)}`,
          detail: `The ${scheme.key} ${scheme.in === 'header' ? 'header' : `${scheme.in} parameter`} is empty.`,
        };
      }
      return VALID;
    }
  }
}

function apiKeyOf(
  scheme: Extract<SecuritySchemeModel, { kind: 'apiKey' }>,
  request: CredentialSource,
): string | undefined {
  const raw =
    scheme.in === 'header'
      ? request.headers[scheme.key.toLowerCase()]
      : scheme.in === 'query'
        ? request.query[scheme.key]
        : cookieValue(request.headers.cookie, scheme.key);
  if (typeof raw === 'string') return raw;
  return Array.isArray(raw) ? raw.map(String).join(',') : undefined;
}

function bearer(token: string): SchemeResult {
  if (token === '')
    return { state: 'invalid', reason: 'empty-bearer-token', detail: 'The Bearer token is empty.' };
  if (!B64TOKEN.test(token)) {
    return {
      state: 'invalid',
      reason: 'malformed-bearer-token',
      detail: 'The Bearer token has characters RFC 6750 does not allow.',
    };
  }
  return { state: 'valid', principal: { kind: 'bearer', token } };
}

/**
 * The last Basic credentials and what they decode to. A client sends the same ones on every request,
 * and decoding them anew cost ~8% of the enrollment's throughput (measured, `npm run bench`). One
 * entry, so credentials are held no longer than until the next ones arrive.
 */
let lastBasic: { readonly encoded: string; readonly result: SchemeResult } | undefined;

function basic(encoded: string): SchemeResult {
  if (lastBasic?.encoded !== encoded) lastBasic = { encoded, result: decodeBasic(encoded) };
  return lastBasic.result;
}

function decodeBasic(encoded: string): SchemeResult {
  const invalid = (reason: string, detail: string): SchemeResult => ({ state: 'invalid', reason, detail });
  if (encoded === '') return invalid('empty-basic-credentials', 'The Basic credentials are empty.');
  if (!BASE64.test(encoded)) return invalid('malformed-basic', 'The Basic credentials are not base64.');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  if (decoded.includes('\uFFFD')) return invalid('malformed-basic', 'The Basic credentials are not UTF-8.');
  const colon = decoded.indexOf(':');
  if (colon === -1)
    return invalid('malformed-basic', 'The Basic credentials have no colon between user and password.');
  if (colon === 0) return invalid('empty-basic-username', 'The Basic credentials have an empty user name.');
  if (colon === decoded.length - 1)
    return invalid('empty-basic-password', 'The Basic credentials have an empty password.');
  return { state: 'valid', principal: { kind: 'basic', username: decoded.slice(0, colon) } };
}

function schemeLabel(scheme: SecuritySchemeModel): string {
  switch (scheme.kind) {
    case 'bearer':
      return scheme.issuer === undefined
        ? 'a Bearer token'
        : `a Bearer token (${scheme.issuer} ${scheme.name})`;
    case 'http':
      return `${scheme.scheme} credentials`;
    case 'mutualTLS':
      return 'a client certificate';
    case 'basic':
      return 'HTTP Basic credentials';
    case 'apiKey':
      return scheme.in === 'header' ? `the ${scheme.key} header` : `the ${scheme.key} ${scheme.in} parameter`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `ApplicationToken` → `application-token`: decision reasons are derived from the spec's scheme names. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
