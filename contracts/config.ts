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

export interface SuiteConfig {
  /** The deployment under test; undefined means the in-process mock. */
  readonly baseUrl: string | undefined;
  readonly bearer: BearerCredentials | undefined;
  readonly basic: BasicCredentials | undefined;
  /** Why a scheme's credentials are absent, for the skip reason. */
  readonly missing: { readonly bearer?: string; readonly basic?: string };
  /** Overrides the header name the spec gives the application token. */
  readonly applicationTokenHeader: string | undefined;
  /** Non-interactive enrollments send real email: against a deployment they need NEXUS_ALLOW_EMAIL=true. */
  readonly allowEmail: boolean;
  /** The target refuses wrong (well-formed) credentials: a real deployment, not a mock that takes any. */
  readonly checkWrongCredentials: boolean;
  readonly profile: Profile;
  readonly timeoutMs: number;
  /** Retries of a 429 or 503 answer, honouring Retry-After. */
  readonly maxRetries: number;
  /** The most requests one run may send, retries included. */
  readonly maxRequests: number;
  /** The longest Retry-After the run waits for; a longer one fails the check. */
  readonly maxRetryWaitMs: number;
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
  return {
    baseUrl: baseUrl?.replace(/\/+$/, ''),
    bearer,
    basic,
    missing: {
      ...(missingBearer && { bearer: missingBearer }),
      ...(missingBasic && { basic: missingBasic }),
    },
    applicationTokenHeader: optional(env.NEXUS_APPLICATION_TOKEN_HEADER),
    allowEmail: env.NEXUS_ALLOW_EMAIL === 'true',
    checkWrongCredentials: env.NEXUS_CHECK_WRONG_CREDENTIALS === 'true',
    profile,
    timeoutMs: integer(env, 'NEXUS_TIMEOUT_MS', 10_000),
    maxRetries: integer(env, 'NEXUS_MAX_RETRIES', 2),
    maxRequests: integer(env, 'NEXUS_MAX_REQUESTS', 300),
    maxRetryWaitMs: integer(env, 'NEXUS_MAX_RETRY_WAIT_MS', 30_000),
  };
}

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

function integer(env: Env, name: string, fallback: number): number {
  const raw = optional(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new SuiteConfigError(`${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}
