import fc from 'fast-check';
import { loadSpec } from '../../spec/document';
import { describeOperation } from '../../spec/operation';
import { CREATE_MFA_ENROLLMENT, MFA_FACTORS } from '../../spec/types';
import { jwt } from './http';

/**
 * The building blocks of the fuzz suite's requests: query strings and header values, each
 * mixing a dictionary of known-nasty values with random ones. Names and values the spec defines are
 * read from it, so the fuzzer follows the spec when it changes.
 */
const operation = describeOperation(loadSpec(), CREATE_MFA_ENROLLMENT);
const PARAMETERS = operation.parameters.map((p) => p.name);
const EXAMPLES = [...operation.responses.values()].flatMap((r) =>
  r.content.flatMap((m) => [...m.examples.keys()].map((name) => ({ name, key: r.key }))),
);
/** Examples a client may force that carry a 5xx: those of the `default` response and of any 5xx one. */
export const SERVER_ERROR_EXAMPLES: readonly string[] = EXAMPLES.filter(
  (e) => e.key === 'default' || e.key === '5XX' || (typeof e.key === 'number' && e.key >= 500),
).map((e) => e.name);

/** The users the fuzzer authenticates as; `__proto__` and friends probe maps keyed by user id. */
export const USERS = ['alice', 'bob', '__proto__', 'constructor'] as const;

/** Present in about `percent` of the values drawn, undefined otherwise. */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant(undefined) },
    { weight: percent, arbitrary },
  );
}

/** What Node's HTTP client lets through in a header value: tab, printable ASCII and Latin-1 bytes. */
const headerChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
  .map((code) => String.fromCharCode(code));

export const headerText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: headerChar, maxLength });

/** `n` characters (between min and max) of one repeated pattern: big without being slow to generate. */
export function bigText(min: number, max: number, patterns: readonly string[] = ['a', 'Zz9', '-._~']) {
  return fc
    .tuple(fc.integer({ min, max }), fc.constantFrom(...patterns))
    .map(([n, pattern]) => pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n));
}

const BROKEN_ENCODINGS = ['%E0%A4%A', '%', '%%', '%G0', '%e0%a4', '%C3', '%FF%FE', '%uD800', '%zz', 'a%'];

/** A query value as it appears on the wire (already percent-encoded, or deliberately broken). */
const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('true', 'false', 'TRUE', 'True', '1', '0', 'yes', 'maybe', 'null', '', '%20', '+'),
  fc.constantFrom('-1', '599', '10001', '1e3', '0x10', '9'.repeat(400), 'pending', 'expired', 'alice'),
  fc.constantFrom(...MFA_FACTORS, 'sms', 'OTP', 'push', 'otp,phone', '[]', '{}'),
  fc.constantFrom(...BROKEN_ENCODINGS, '%00', 'a%00b', '%2F', '%26', '%3D', '%23'),
  fc.string({ unit: 'grapheme', maxLength: 16 }).map(encodeURIComponent),
);

const queryName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PARAMETERS) },
  fc.constantFrom(...PARAMETERS.flatMap((n) => [`${n}[]`, `${n}[0]`, `${n}[a]`, n.toUpperCase()])),
  fc.constantFrom('__code', '__example', '__dynamic', 'session', '__proto__', 'constructor', 'toString'),
  // The admin API's filters (journal, tickets, outbox, session pinning).
  fc.constantFrom('userId', 'status', 'limit', 'pin'),
  fc.constantFrom('', '%E0%A4%A', '%00', 'a%5B%5D'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map(encodeURIComponent),
);

const preferValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('abc', '999', '99', '600', '4xx', '', '404.0', ' 404', '0400'),
  fc.constantFrom('200', '400', '401', '404', '418', '429', '500', '503', '599'),
  fc.constantFrom(...EXAMPLES.map((e) => e.name), 'nope', 'InvalidFactor', 'true', 'maybe', 'false'),
  headerText(12),
);

/** `Prefer` values: documented ones, their malformed cousins, and garbage. */
export const prefer: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('code=abc', 'code=999', 'example=nope', 'dynamic=maybe', 'code', 'code=', ',,,', ';'),
  fc.constantFrom('code=404', 'code=200, dynamic=true', 'code="401"', 'code=400; x=y', 'respond-async'),
  fc
    .array(fc.tuple(fc.constantFrom('code', 'example', 'dynamic', 'CODE', 'wait', 'x'), preferValue), {
      minLength: 1,
      maxLength: 3,
    })
    .map((parts) => parts.map(([name, value]) => `${name}=${value}`).join(', ')),
  headerText(60),
);

const queryParam: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(queryName, queryValue).map(([n, v]) => `${n}=${v}`) },
  fc
    .tuple(fc.constantFrom('__code', '__example', '__dynamic'), preferValue)
    .map(([n, v]) => `${n}=${encodeURIComponent(v)}`),
  fc.tuple(queryName, queryValue, queryValue).map(([n, a, b]) => `${n}=${a}&${n}=${b}`),
  queryName,
  fc.constantFrom('=', '==', '&', 'a==b', '%E0%A4%A=%E0%A4%A'),
);

/** Valid parameters, so that a mutation next to them is what gets a request rejected (or not). */
const validParams: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('isInteractive=true', 'isInteractive=false', ''),
    fc.constantFrom('', ...MFA_FACTORS),
  )
  .map(([interactive, factor]) => [interactive, factor && `factor=${factor}`].filter(Boolean).join('&'));

/** A query string (without `?`): valid parameters and mutations, now and then a 10 to 20 kB value. */
export const queryString: fc.Arbitrary<string> = fc
  .tuple(
    sometimes(validParams, 60),
    fc.array(queryParam, { maxLength: 4 }),
    // Patterns with `&` make thousands of parameters, and thousands of repeats of one.
    sometimes(
      fc.tuple(queryName, bigText(10_000, 20_000, ['a', '%41', '%E0%A4%A', '%00', 'x=1&', 'factor=otp&'])),
      10,
    ),
  )
  .map(([valid, params, big]) =>
    [valid ?? '', ...params, ...(big ? [`${big[0]}=${big[1]}`] : [])].filter((p) => p !== '').join('&'),
  );

const base64 = (text: string): string => Buffer.from(text, 'latin1').toString('base64');

/** `Authorization` values: valid ones for the known users, and every way of getting one wrong. */
export const authorization: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...USERS).map((u) => `Basic ${base64(`${u}:pw`)}`) },
  { weight: 2, arbitrary: fc.constantFrom(...USERS).map((u) => `Bearer ${u}`) },
  fc.constantFrom(...USERS).map((u) => `Bearer ${jwt({ sub: u })}`),
  fc.constantFrom({}, { sub: '' }, { sub: 42 }, { sub: null }, { sub: ['a'] }).map((c) => `Bearer ${jwt(c)}`),
  fc.constantFrom('nocolon', 'user:', ':pw', ':', '\xff\xfe:pw', 'é:pw').map((t) => `Basic ${base64(t)}`),
  fc.constantFrom('Basic', 'Bearer', 'Basic ', 'Bearer  ', 'Digest x', 'Negotiate', '', 'basic', 'BEARER a'),
  fc.constantFrom('a b', 'tok"en', 'é', 'a=b=c', '==', 'x,y').map((t) => `Bearer ${t}`),
  headerText(30).map((t) => `Basic ${t}`),
  fc.tuple(fc.constantFrom('Basic', 'Bearer', 'Token', 'X'), headerText()).map(([s, t]) => `${s} ${t}`),
  headerText(),
  bigText(1_000, 8_000, ['a', 'Zz9', '-._~+/']).map((t) => `Bearer ${t}`),
  bigText(1_000, 6_000).map((t) => `Basic ${base64(`${t}:pw`)}`),
);

/** `X-Application-Token` values: empty, blank, Latin-1, huge. */
export const applicationToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('app-token-1') },
  fc.constantFrom('', ' ', '\t'),
  headerText(),
  bigText(1_000, 8_000),
);

/** `Host` values: the mock echoes a plausible Host in the URLs it hands out. */
export const host: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('localhost:4010', 'evil.example', '[::1]:4010', 'a_b', 'x:99999', '-a-', '0'),
  { weight: 2, arbitrary: fc.stringMatching(/^\[[0-9a-f:.]{1,6}\](:\d{1,3})?$/) },
  headerText(20),
);

/** `X-Mock-Session` values: mostly unusable ones (too long), some odd but usable ones. */
export const session: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('fuzz-b', '', ' ', 'a/b', '"quoted"', '__proto__'),
  bigText(201, 400),
  headerText(20),
);

/** `Origin` values for CORS: allowed by default, refused, and malformed. */
export const origin: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('http://localhost:5173', 'http://evil.example', 'null', '', 'http://localhost.evil'),
  headerText(20),
);
