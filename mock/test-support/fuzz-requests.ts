import fc from 'fast-check';
import { contentType, jsonBody } from './fuzz-bodies';
import { ENROLLMENT_PATH } from './http';
import {
  applicationToken,
  authorization,
  bigText,
  headerText,
  host,
  origin,
  prefer,
  queryString,
  session,
  sometimes,
  USERS,
} from './fuzz-values';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
export type Method = (typeof METHODS)[number];

/** One generated request. `{ticketId}` in the target is replaced by a ticket the mock has issued. */
export interface FuzzRequest {
  readonly method: Method;
  /** Path and query, as they go on the wire. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: { readonly contentType: string; readonly text: string };
}

/** A long run of one pattern as `pattern×count`, so a 20 kB value reads as one short token. */
export function abbreviate(text: string): string {
  return text.replace(/(.{1,6}?)\1{7,}/gs, (run, unit: string) => `${unit}×${run.length / unit.length}`);
}

/** How a request reads in a counterexample: `POST /path?query {headers} body`. */
export function describeRequest(fuzz: FuzzRequest): string {
  const body = fuzz.body ? ` ${fuzz.body.contentType}: ${JSON.stringify(abbreviate(fuzz.body.text))}` : '';
  return abbreviate(`${fuzz.method} ${fuzz.target} ${JSON.stringify(fuzz.headers)}${body}`);
}

function readable(fuzz: FuzzRequest): FuzzRequest & fc.WithToStringMethod {
  return { ...fuzz, [fc.toStringMethod]: () => describeRequest(fuzz) };
}

/** Stands for a live ticket id in a target: the client substitutes the newest one it has seen. */
export const LIVE_TICKET = '{ticketId}';

/**
 * Catalogue entries the fuzzer may switch on: each forces a 4xx. The others force a 5xx, a delay or
 * a dropped connection: what the catalogue is for, and what properties 1 and 2 forbid.
 */
const SAFE_CATALOG = ['user-not-found', 'invalid-factor', 'unauthorized', 'rate-limited', 'no-such-entry'];

/** A path segment: a live id, a plausible one, or a hostile one. */
const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(LIVE_TICKET) },
  fc.constantFrom(...USERS, 'scn_1', 'scn_999', 'no-such-entry'),
  fc.constantFrom('%E0%A4%A', '%00', '%2F', '..', '.', '%2e%2e', '%', 'a%2Fb', '%FF', '%C0%AF'),
  fc.uuid(),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
  bigText(1_000, 4_000),
);

/** Every route of the mock, with `:x` standing for a segment. */
const ROUTES = [
  ENROLLMENT_PATH,
  '/__admin/health',
  '/__admin/tickets',
  '/__admin/tickets/:x',
  '/__admin/tickets/:x/complete',
  '/__admin/outbox',
  '/__admin/users/:x',
  '/__admin/reset',
  '/__admin/scenarios',
  '/__admin/scenarios/catalog',
  '/__admin/scenarios/catalog/:x',
  '/__admin/scenarios/:x',
  '/__admin/requests',
  '/__admin/session',
  '/__admin/sessions',
  '/__admin/users',
  '/__admin/console',
  '/__admin/console/:x',
  '/enrollment/:x',
];

const knownPath: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...ROUTES), segment)
  .map(([route, value]) => route.replace(':x', value));

const unknownPath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('/', '/v1', '/v1/me', '/v2/me/mfa-enrollment', '/__admin', '/__admin/', '/enrollment'),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
);

type Variant = (path: string, at: number) => string;

/** Ways to spell a path almost right; `at` picks which slash a variant acts on. */
const VARIANTS: readonly Variant[] = [
  (p) => `${p}/`,
  (p) => p.toUpperCase(),
  (p, at) => atSlash(p, at, '/./'),
  (p, at) => atSlash(p, at, '/x/../'),
  (p) => p.replace('/me/mfa-enrollment', '/./me/../me/mfa-enrollment'),
  (p, at) => atSlash(p, at, '%2F'),
  (p, at) => atSlash(p, at, '%2f'),
  (p, at) => atSlash(p, at, '//'),
  (p) => `/${p}`,
  (p) => `${p}%00`,
  (p) => `${p};a=b`,
  (p) => p.replace(/_/g, '%5F').replace(/-/g, '%2D'),
];

/** Replaces one slash after the first (a target must start with one) by `replacement`. */
function atSlash(path: string, at: number, replacement: string): string {
  const slashes = [...path.matchAll(/\//g)].map((m) => m.index).filter((i) => i > 0);
  const index = slashes[at % Math.max(1, slashes.length)];
  if (index === undefined) return `${path}${replacement}`;
  return `${path.slice(0, index)}${replacement}${path.slice(index + 1)}`;
}

/** A path: a known route (often exact, often misspelt) or an unknown one. */
export const path: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: knownPath }, unknownPath),
    sometimes(fc.nat(VARIANTS.length - 1), 40),
    fc.nat(),
  )
  .map(([p, variant, at]) => (variant === undefined ? p : (VARIANTS[variant]?.(p, at) ?? p)));

/**
 * Fuzzed headers, each with its own odds: credentials most of the time (without them everything is a
 * 401), the others rarely enough that many requests still get past authentication and validation.
 */
const headers: fc.Arbitrary<Record<string, string>> = fc
  .record({
    Authorization: sometimes(authorization, 90),
    'X-Application-Token': sometimes(applicationToken, 50),
    Prefer: sometimes(prefer, 25),
    'X-Mock-Session': sometimes(session, 8),
    Host: sometimes(host, 20),
    Origin: sometimes(origin, 8),
    'Content-Encoding': sometimes(fc.constantFrom('gzip', 'br', 'identity', 'x-nope'), 4),
    Cookie: sometimes(fc.constantFrom('nexus-mock-session=%E0%A4%A', 'nexus-mock-session=', 'a=b; c'), 4),
    'Access-Control-Request-Method': sometimes(fc.constantFrom('POST', 'GET', 'FUZZ', ''), 4),
    'Access-Control-Request-Headers': sometimes(fc.constantFrom('authorization', 'x-nope, prefer', ''), 4),
  })
  .map((all) => {
    const present: Record<string, string> = {};
    for (const [name, value] of Object.entries(all)) if (value !== undefined) present[name] = value;
    return present;
  });

/** The enrollment endpoint, with fuzzed query and headers; a body now and then, to be ignored. */
export const enrollmentRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(queryString, headers, sometimes(fc.tuple(contentType, headerText(40)), 10))
  .map(([query, h, body]) =>
    readable({
      method: 'POST',
      target: query === '' ? ENROLLMENT_PATH : `${ENROLLMENT_PATH}?${query}`,
      headers: h,
      ...(body ? { body: { contentType: body[0], text: body[1] } } : {}),
    }),
  );

/** Any method on any path (known, misspelt, unknown), with fuzzed query and headers. */
export const anyRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...METHODS), path, sometimes(queryString, 50), headers)
  .map(([method, p, query, h]) => readable({ method, target: query ? `${p}?${query}` : p, headers: h }));

/** The routes that read a body; the catalogue (one route) would soon fill the session's scenarios. */
const bodyRoute: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('/__admin/scenarios') },
  { weight: 3, arbitrary: fc.constant(`/__admin/tickets/${LIVE_TICKET}/complete`) },
  fc.constant('/__admin/tickets/no-such-ticket/complete'),
  { weight: 2, arbitrary: fc.constant('/__admin/session') },
  fc.constant(`/enrollment/${LIVE_TICKET}`),
  fc.constantFrom(...SAFE_CATALOG).map((name) => `/__admin/scenarios/catalog/${name}`),
);

/** The admin routes that read a body, with malformed, mistyped and oversized ones. */
export const adminBodyRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    bodyRoute,
    sometimes(fc.constantFrom('session=a', 'session=', `session=${'s'.repeat(201)}`, 'x=%E0%A4%A'), 20),
    jsonBody,
    contentType,
    sometimes(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nope'), 10),
  )
  .map(([route, query, text, type, encoding]) =>
    readable({
      method: 'POST',
      target: query === undefined ? route : `${route}?${query}`,
      headers: encoding === undefined ? {} : { 'Content-Encoding': encoding },
      body: { contentType: type, text },
    }),
  );
