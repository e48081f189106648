import fc from 'fast-check';
import { MFA_FACTORS } from '../../spec/types';
import { bigText, headerText } from './fuzz-values';

/**
 * Bodies for the admin API's POST routes (scenarios, ticket completion, session pinning, the
 * enrollment page's form): valid documents cut short, mistyped fields, random JSON, bodies nested
 * deep enough to overflow a recursive parser, and bodies over the 64 kB limit.
 */

/** JSON documents the admin API might expect, kept valid, so they can be cut short or mistyped. */
const JSON_DOCUMENTS = [
  '{"status":404,"times":1}',
  '{"status":400,"example":"invalidFactor","times":2}',
  '{"factor":"otp"}',
  '{"session":"fuzz-pin"}',
  '{"status":404,"match":{"userId":"nobody","factor":"otp","isInteractive":true}}',
];

/** Scenarios that are valid or nearly so; none may force a 5xx (only `Prefer` asks for those). */
const SCENARIOS = [
  '{"status":200,"dynamic":true,"times":1}',
  '{"status":401,"times":1}',
  '{"status":418,"dynamic":true,"times":1}',
  '{"status":429,"example":"userNotFound","times":1}',
  '{"status":404,"example":"serviceUnavailable"}',
  '{"status":404,"example":"userNotFound","dynamic":true}',
  '{"status":200,"example":"invalidFactor"}',
  '{"example":"userNotFound","times":1}',
  '{"delayMs":0,"times":1}',
  '{"status":100}',
  '{"status":201}',
  '{"status":302}',
  '{"status":404,"match":{}}',
  '{"status":404,"match":null}',
  '{"status":404,"match":{"userId":""}}',
  '{"status":404,"name":""}',
  `{"status":404,"name":"${'n'.repeat(101)}"}`,
  '{"status":404,"times":1000001}',
  '{"delayMs":120001}',
  ...MFA_FACTORS.map((factor) => `{"factor":"${factor}"}`),
];

/** Request bodies for the admin API: truncated, mistyped, random, huge (over the 64 kB limit). */
export const jsonBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SCENARIOS),
  fc
    .tuple(fc.constantFrom(...JSON_DOCUMENTS, ...SCENARIOS), fc.nat())
    .map(([t, n]) => t.slice(0, 1 + (n % (t.length - 1)))),
  fc.constantFrom('null', '42', '"str"', 'true', '[]', '[404]', '{}', '', ' ', '{"a":1}{', '\u0000'),
  fc.constantFrom(
    '{"status":"teapot"}',
    '{"status":404.5}',
    '{"status":204}',
    '{"status":1e3}',
    '{"status":404,"times":0}',
    '{"status":404,"times":"1"}',
    '{"status":404,"match":"alice"}',
    '{"status":404,"match":{"isInteractive":"yes"}}',
    '{"fault":"explode"}',
    '{"delayMs":-5}',
    '{"delayMs":"soon"}',
    '{"factor":42}',
    '{"factor":null}',
    '{"factor":"sms"}',
    '{"session":""}',
    '{"session":5}',
    `{"session":"${'x'.repeat(201)}"}`,
    '{"__proto__":{"status":500}}',
    '{"constructor":{"prototype":{"status":500}}}',
  ),
  fc.json({ maxDepth: 3 }),
  headerText(40),
  bigText(65_600, 80_000).map((pad) => `{"status":404,"pad":"${pad}"}`),
  // Deep nesting, under the size limit: a recursive parser or validator would overflow its stack.
  fc
    .integer({ min: 1_000, max: 30_000 })
    .map((n) => `{"status":404,"match":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.constantFrom('\uFEFF{"status":404,"times":1}', '\uFFFE{}', '{"status":503,"times":1,"status":404}'),
  bigText(65_600, 80_000),
);

/** Media types for those bodies: JSON and its +json kin, and the ones the admin API must refuse. */
export const contentType: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/problem+json',
      'application/vnd.api+json',
    ),
  },
  fc.constantFrom(
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'application/json; charset=nope',
    'application/jsonx',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    '*/*',
    'json',
  ),
);
