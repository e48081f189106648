import { randomInt } from 'node:crypto';
import { SPEC_PATH } from '../spec/document';
import { isShortSecret, PIECE_LENGTH } from './redact';
/**
 * What a contract run is pointed at and allowed to do, read from the environment (never from
 * files, so secrets stay in the CI's secret store).
 */
export type Profile = 'full' | 'structural' | 'proxied';

export interface BearerCredentials {
  readonly token: string;
  readonly applicationToken: string;
}

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

export type DecisionsMode = 'fail' | 'warn';

export interface SuiteConfig {
  /** The OpenAPI document the run checks against (`NEXUS_SPEC`); the kit's own by default. */
  readonly spec: string;
  /** The deployment under test; undefined means the in-process mock. */
  readonly baseUrl: string | undefined;
  readonly bearer: BearerCredentials | undefined;
  readonly basic: BasicCredentials | undefined;
  /** `NEXUS_BEARER_TOKEN` and `NEXUS_APPLICATION_TOKEN` each on their own, for documents whose schemes do not pair them. */
  readonly bearerToken: string | undefined;
  readonly applicationToken: string | undefined;
  /** API keys by scheme name, upper-cased with `_` for anything else (`NEXUS_API_KEY_QUERYKEY`). */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Why a scheme's credentials are absent, for the skip reason. */
  readonly missing: { readonly bearer?: string; readonly basic?: string };
  /** Overrides the header name the spec gives the application token. */
  readonly applicationTokenHeader: string | undefined;
  /** Non-interactive enrollments send real email: against a deployment they need NEXUS_ALLOW_EMAIL=true. */
  readonly allowEmail: boolean;
  /** The target refuses wrong (well-formed) credentials: a real deployment, not a mock that takes any. */
  readonly checkWrongCredentials: boolean;
  readonly profile: Profile;
  /** NEXUS_REQUEST_TIMEOUT_MS (or its older name NEXUS_TIMEOUT_MS): connect, headers and whole body of one request. */
  readonly timeoutMs: number;
  /** NEXUS_RUN_TIMEOUT_MS: the whole run; past it the run stops and reports what it has. */
  readonly runTimeoutMs: number;
  /** NEXUS_MAX_BODY_BYTES: the most bytes of one response body, counted after decompression. */
  readonly maxBodyBytes: number;
  /** Retries of a 429 or 503 answer, honouring Retry-After. */
  readonly maxRetries: number;
  /** The most requests one run may send, retries included. */
  readonly maxRequests: number;
  /** NEXUS_MAX_REQUESTS was given: without it a large document gets a larger budget (`defaultRequestBudget`). */
  readonly maxRequestsGiven: boolean;
  /** NEXUS_MAX_OPERATIONS: operations that get every check; the others get their valid call (a large document). */
  readonly maxOperations: number;
  /** The longest Retry-After the run waits for; a longer one fails the check. */
  readonly maxRetryWaitMs: number;
  /** NEXUS_MAX_EXAMPLES: generated inputs per property, and edge inputs, per operation. */
  readonly maxExamples: number;
  /** Seeds every generated input (`NEXUS_CONTRACT_SEED`); random, and printed, when not given. */
  readonly seed: number;
  /** `warn`: failures of rules that come from a decision of ASSUMPTIONS.md are warnings (exit 0). */
  readonly decisions: DecisionsMode;
  /** Against a deployment, undocumented PUT, PATCH, DELETE and POST are sent only when this is true. */
  readonly allowUnsafeMethods: boolean;
  /** Fails the run when fewer documented responses (percent) were observed. */
  readonly minCoverage: number | undefined;
  /** The mock's admin token (`--admin-token`), for the mock-only checks against a protected mock. */
  readonly adminToken: string | undefined;
}

/** The name a scheme's API key is read from: `QueryKey` → `NEXUS_API_KEY_QUERYKEY`. */
export function apiKeyVariable(scheme: string): string {
  return `NEXUS_API_KEY_${scheme.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

type Env = Readonly<Record<string, string | undefined>>;

export class SuiteConfigError extends Error {
  override name = 'SuiteConfigError';
}

export function readSuiteConfig(env: Env): SuiteConfig {
  const baseUrl = optional(env.NEXUS_BASE_URL);
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new SuiteConfigError(`NEXUS_BASE_URL must be an http(s) URL, got '${baseUrl}'`);
  }
  const [bearer, missingBearer] = pair(
    env,
    'NEXUS_BEARER_TOKEN',
    'NEXUS_APPLICATION_TOKEN',
    (token, applicationToken) => ({ token, applicationToken }),
  );
  const [basic, missingBasic] = pair(
    env,
    'NEXUS_BASIC_USERNAME',
    'NEXUS_BASIC_PASSWORD',
    (username, password) => ({ username, password }),
  );
  const profile = optional(env.NEXUS_CONTRACT_PROFILE) ?? 'full';
  if (profile !== 'full' && profile !== 'structural' && profile !== 'proxied') {
    throw new SuiteConfigError(
      `NEXUS_CONTRACT_PROFILE must be full, structural or proxied, got '${profile}'`,
    );
  }
  const decisions = optional(env.NEXUS_DECISIONS) ?? 'fail';
  if (decisions !== 'fail' && decisions !== 'warn') {
    throw new SuiteConfigError(`NEXUS_DECISIONS must be fail or warn, got '${decisions}'`);
  }
  const minCoverage =
    optional(env.NEXUS_MIN_COVERAGE) === undefined ? undefined : integer(env, 'NEXUS_MIN_COVERAGE', 0);
  if (minCoverage !== undefined && minCoverage > 100) {
    throw new SuiteConfigError(`NEXUS_MIN_COVERAGE must be a percentage from 0 to 100, got '${minCoverage}'`);
  }
  const apiKeys = Object.fromEntries(
    Object.entries(env).flatMap(([name, raw]) => {
      const value = optional(raw);
      return name.startsWith('NEXUS_API_KEY_') && value !== undefined ? [[name, value]] : [];
    }),
  );
  return {
    spec: optional(env.NEXUS_SPEC) ?? SPEC_PATH,
    baseUrl: baseUrl?.replace(/\/+$/, ''),
    bearer,
    basic,
    bearerToken: optional(env.NEXUS_BEARER_TOKEN),
    applicationToken: optional(env.NEXUS_APPLICATION_TOKEN),
    apiKeys,
    missing: {
      ...(missingBearer && { bearer: missingBearer }),
      ...(missingBasic && { basic: missingBasic }),
    },
    applicationTokenHeader: optional(env.NEXUS_APPLICATION_TOKEN_HEADER),
    allowEmail: env.NEXUS_ALLOW_EMAIL === 'true',
    checkWrongCredentials: env.NEXUS_CHECK_WRONG_CREDENTIALS === 'true',
    profile,
    timeoutMs: positive(
      env,
      optional(env.NEXUS_REQUEST_TIMEOUT_MS) === undefined ? 'NEXUS_TIMEOUT_MS' : 'NEXUS_REQUEST_TIMEOUT_MS',
      10_000,
    ),
    runTimeoutMs: positive(env, 'NEXUS_RUN_TIMEOUT_MS', 600_000),
    maxBodyBytes: positive(env, 'NEXUS_MAX_BODY_BYTES', 10 * 1024 * 1024),
    maxRetries: integer(env, 'NEXUS_MAX_RETRIES', 2),
    maxRequests: integer(env, 'NEXUS_MAX_REQUESTS', 1000),
    maxRequestsGiven: optional(env.NEXUS_MAX_REQUESTS) !== undefined,
    maxOperations: positive(env, 'NEXUS_MAX_OPERATIONS', 50),
    maxRetryWaitMs: integer(env, 'NEXUS_MAX_RETRY_WAIT_MS', 30_000),
    maxExamples: positive(env, 'NEXUS_MAX_EXAMPLES', 100),
    seed:
      optional(env.NEXUS_CONTRACT_SEED) === undefined
        ? randomInt(2 ** 31)
        : integer(env, 'NEXUS_CONTRACT_SEED', 0),
    decisions,
    allowUnsafeMethods: env.NEXUS_ALLOW_UNSAFE_METHODS === 'true',
    minCoverage,
    adminToken: optional(env.NEXUS_ADMIN_TOKEN),
  };
}

/**
 * One line for each credential variable whose value is shorter than the redactor's piece length:
 * reports replace such a secret wherever its letters occur, so ordinary text may show `[REDACTED]`.
 * Names the variable, never the value.
 */
export function shortSecretWarnings(env: Env): string[] {
  const names = Object.keys(env).filter(
    (name) =>
      SECRET_VARIABLES.includes(name) || (name.startsWith('NEXUS_API_KEY_') && name !== 'NEXUS_API_KEY_'),
  );
  return names
    .filter((name) => {
      const value = optional(env[name]);
      return value !== undefined && isShortSecret(value);
    })
    .sort()
    .map(
      (name) =>
        `warning: ${name} is shorter than ${PIECE_LENGTH} characters; reports replace it wherever its letters occur, so ordinary text (a media type, a word) may show [REDACTED]`,
    );
}

const SECRET_VARIABLES = [
  'NEXUS_BEARER_TOKEN',
  'NEXUS_APPLICATION_TOKEN',
  'NEXUS_BASIC_PASSWORD',
  'NEXUS_ADMIN_TOKEN',
];

function optional(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Both variables of a credential pair, or the reason the pair is unusable. */
function pair<T>(
  env: Env,
  first: string,
  second: string,
  make: (a: string, b: string) => T,
): [T | undefined, string | undefined] {
  const a = optional(env[first]);
  const b = optional(env[second]);
  if (a !== undefined && b !== undefined) return [make(a, b), undefined];
  if (a === undefined && b === undefined) return [undefined, `${first} and ${second} are not set`];
  return [
    undefined,
    `${a === undefined ? first : second} is not set (${a === undefined ? second : first} is)`,
  ];
}

/** A whole number above 0: a limit of 0 would end every request before it starts. */
function positive(env: Env, name: string, fallback: number): number {
  const value = integer(env, name, fallback);
  if (value === 0) throw new SuiteConfigError(`${name} must be above 0, got '0'`);
  return value;
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = optional(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new SuiteConfigError(`${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}
