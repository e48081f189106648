import { spawnSync } from 'node:child_process';
import { boundedRequest } from './bounded-request';
import { PROFILE_GROUPS, type ContractCase, type Need } from './case';
import type { SuiteConfig } from './config';
import type { TargetTraits } from './traits';

export type { TargetTraits } from './traits';

export interface PlannedCase {
  readonly case: ContractCase;
  /** Why the case will not run here; undefined when it will. */
  readonly skip: string | undefined;
}

export function planSuite(
  cases: readonly ContractCase[],
  config: Pick<SuiteConfig, 'profile'>,
  traits: TargetTraits,
): PlannedCase[] {
  return cases.map((c) => {
    const inProfile = c.profiles
      ? c.profiles.includes(config.profile)
      : PROFILE_GROUPS[config.profile].includes(c.group);
    if (!inProfile) return { case: c, skip: `not in the ${config.profile} profile` };
    return {
      case: c,
      skip: c.needs.map((need) => unmet(need, traits)).find((reason) => reason !== undefined),
    };
  });
}

function unmet(need: Need, traits: TargetTraits): string | undefined {
  if (typeof need === 'object') {
    const { credentials } = traits;
    if (need.alternatives.length === 0 || credentials.usable(need.alternatives).length > 0) return undefined;
    return need.alternatives
      .map((alternative) =>
        alternative
          .filter((scheme) => credentials.credentialFor(scheme) === undefined)
          .map((scheme) => credentials.missingReason(scheme))
          .join(' and '),
      )
      .join('; or ');
  }
  switch (need) {
    case 'unsafe-methods':
      return traits.allowUnsafeMethods
        ? undefined
        : `sends undocumented unsafe methods (an undocumented DELETE may exist and do harm): set NEXUS_ALLOW_UNSAFE_METHODS=true to run it against ${traits.description}`;
    case 'email':
      return traits.allowEmail
        ? undefined
        : `sends a real email: set NEXUS_ALLOW_EMAIL=true to run it against ${traits.description}`;
    case 'credential-check':
      if (traits.verifiesCredentials) return undefined;
      return traits.isMock
        ? 'the mock takes any well-formed credentials'
        : 'needs a target that checks credentials against real users: set NEXUS_CHECK_WRONG_CREDENTIALS=true';
    case 'mock':
      return traits.isMock ? undefined : "the target does not expose the mock's GET /__admin/health";
  }
}

const HEALTH_PATH = '/__admin/health';

/**
 * The kit's mock says `{"status":"ok", "seed": ..., "store": {"backend": ...}}`; an ordinary health check says
 * less. Self-contained: the synchronous probe runs its source in a child process.
 */
function isMockHealth(status: number, body: unknown): boolean {
  // A mock with an admin token shows its seed only to the token's holder; its store says what it is.
  const health = body as { status?: unknown; seed?: unknown; store?: { backend?: unknown } | null } | null;
  return (
    status === 200 &&
    health?.status === 'ok' &&
    (typeof health.seed === 'string' || typeof health.store?.backend === 'string') &&
    typeof health.store === 'object'
  );
}

/**
 * Whether the target is the kit's mock: one request under the run's limits (a target that never
 * answers, or answers without end, is simply not the mock).
 */
export async function probeMock(
  baseUrl: string,
  timeoutMs: number,
  maxBodyBytes: number,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    const res = await boundedRequest(
      baseUrl,
      { method: 'GET', path: HEALTH_PATH },
      { timeoutMs, maxBodyBytes, ...(signal && { signal }) },
    );
    return isMockHealth(res.status, JSON.parse(res.text));
  } catch {
    return false;
  }
}

/**
 * The same probe, synchronously: jest registers tests before any hook runs, so whether the mock-only
 * cases run or are skipped (with their reason) must be known while the test file loads.
 */
export function probeMockSync(baseUrl: string, timeoutMs: number, maxBodyBytes: number): boolean {
  // The body is read up to the cap, then the probe gives up: an endless answer is not the mock's.
  const script = `fetch(process.argv[1], { signal: AbortSignal.timeout(${timeoutMs}) })
    .then(async (r) => {
      const reader = r.body.getReader(); const chunks = []; let size = 0;
      for (;;) { const { done, value } = await reader.read(); if (done) break;
        size += value.length; if (size > ${maxBodyBytes}) process.exit(1); chunks.push(value); }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      process.exit((${isMockHealth.toString()})(r.status, body) ? 0 : 1);
    }).catch(() => process.exit(1));`;
  const probe = spawnSync(process.execPath, ['-e', script, `${baseUrl}${HEALTH_PATH}`], {
    timeout: timeoutMs + 2000,
  });
  return probe.status === 0;
}
