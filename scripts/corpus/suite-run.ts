import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import { STAND_IN_ENV } from '../../contracts/stand-ins';
import { apiKeyVariable } from '../../contracts/config';
import type { SuiteSpec } from '../../contracts/suite-spec';

/** What `nexus-contracts` said of the mock serving a document. */
export interface SuiteOutcome {
  /** The CLI's exit code; undefined when it was stopped at the time limit. */
  readonly exit: number | undefined;
  readonly timedOut: boolean;
  /** From its closing line `N passed, N failed, N warned, N skipped; ...`, when it printed one. */
  readonly counts: { passed: number; failed: number; warned: number; skipped: number } | undefined;
  /** The first failed cases, `id: reason`, for the findings. */
  readonly failures: readonly string[];
  /** Its last line of output when it ended without a summary (a usage error, a crash). */
  readonly lastLine: string;
}

const SHOWN_FAILURES = 8;

/**
 * Runs the built contract suite (`node dist/contracts/cli.js`) against the mock at `baseUrl`, checking
 * `file`, with stand-in credentials for every scheme and a fixed seed (and NEXUS_MAX_REQUESTS when
 * given); stopped (SIGKILL) after `timeoutMs`.
 * Its reports go to `reportsDir`.
 */
export function runSuiteAgainst(
  spec: SuiteSpec | undefined,
  file: string,
  baseUrl: string,
  reportsDir: string,
  timeoutMs: number,
  maxRequests?: number,
): Promise<SuiteOutcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...STAND_IN_ENV,
    ...apiKeys(spec),
    NEXUS_BASE_URL: baseUrl,
    NEXUS_SPEC: file,
    NEXUS_REPORTS_DIR: reportsDir,
    NEXUS_CONTRACT_SEED: '1',
    ...(maxRequests !== undefined && { NEXUS_MAX_REQUESTS: String(maxRequests) }),
  };
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist/contracts/cli.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    // The closing lines are what is read; the head of a long run is not kept.
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      const closing = /(\d+) passed, (\d+) failed, (\d+) warned, (\d+) skipped/.exec(output);
      resolve({
        exit: timedOut ? undefined : (code ?? undefined),
        timedOut,
        counts: closing
          ? {
              passed: Number(closing[1]),
              failed: Number(closing[2]),
              warned: Number(closing[3]),
              skipped: Number(closing[4]),
            }
          : undefined,
        failures: closing ? failedCases(reportsDir) : [],
        lastLine: output.trim().split('\n').pop() ?? '',
      });
    });
  });
}

/** `NEXUS_API_KEY_<SCHEME>` for every apiKey scheme of the document: the suite has a key for each. */
function apiKeys(spec: SuiteSpec | undefined): Record<string, string> {
  const schemes = spec?.document.components?.securitySchemes ?? {};
  return Object.fromEntries(
    Object.entries(schemes).map(([name]) => [
      apiKeyVariable(name),
      STAND_IN_ENV.NEXUS_APPLICATION_TOKEN ?? '',
    ]),
  );
}

function failedCases(reportsDir: string): string[] {
  try {
    const summary = JSON.parse(readFileSync(path.join(reportsDir, 'contracts-summary.json'), 'utf8')) as {
      results?: { id: string; outcome: string; reason?: string }[];
    };
    return (summary.results ?? [])
      .filter((r) => r.outcome === 'failed')
      .slice(0, SHOWN_FAILURES)
      .map((r) => `${r.id}: ${(r.reason ?? '').split('\n')[0]?.slice(0, 400) ?? ''}`);
  } catch {
    return [];
  }
}
