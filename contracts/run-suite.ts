import type { ContractCase } from './case';
import type { SuiteConfig } from './config';
import { seconds } from './bounded-request';
import { planSuite, probeMock } from './plan';
import { sampleOperations } from './sample';
import { SuiteRunner, type CaseResult } from './runner';
import { summarize, type RunSummary } from './summary';
import { buildSuite } from './suite';
import { loadSuiteSpec, type SuiteSpec } from './suite-spec';
import { openTarget, traitsFor } from './target';

export interface RunOptions {
  /** Which cases run (the mutant self-test picks some); all by default. */
  readonly select?: (cases: ContractCase[]) => readonly ContractCase[];
  /** Stops the run early (SIGINT, SIGTERM): what ran is still summarized. */
  readonly signal?: AbortSignal;
}

/**
 * Runs the whole suite outside jest (the CLI, the mutant self-test, scripts): the same cases, the
 * same runner. The run ends by NEXUS_RUN_TIMEOUT_MS, or at `signal`, whatever the deployment does:
 * the request in flight is cut, every case not run is listed as not run, one failure says why, and
 * the summary holds everything that ran.
 */
export async function runSuite(
  config: SuiteConfig,
  options: RunOptions | RunOptions['select'] = {},
): Promise<RunSummary> {
  const { select = (cases: ContractCase[]) => cases, signal } =
    typeof options === 'function' ? { select: options } : options;
  const spec: SuiteSpec = loadSuiteSpec(config.spec);
  const deadline = AbortSignal.timeout(config.runTimeoutMs);
  const stop = signal ? AbortSignal.any([deadline, signal]) : deadline;
  const stopped = (): string =>
    deadline.aborted
      ? `the run reached NEXUS_RUN_TIMEOUT_MS (${seconds(config.runTimeoutMs)})`
      : reasonOf(signal?.reason);
  // Requests in flight end with the reason, not the bare AbortSignal's.
  const controller = new AbortController();
  const forward = (): void => {
    controller.abort(new Error(stopped()));
  };
  if (stop.aborted) forward();
  else stop.addEventListener('abort', forward, { once: true });
  const target = await openTarget(config);
  try {
    const traits = traitsFor(
      config,
      config.baseUrl !== undefined &&
        (await probeMock(
          target.baseUrl,
          config.timeoutMs,
          Math.min(config.maxBodyBytes, 1 << 20),
          controller.signal,
        )),
    );
    const runner = new SuiteRunner(target, traits, config, spec, controller.signal);
    const results: CaseResult[] = [];
    const { full } = sampleOperations(spec.operations, config);
    for (const planned of planSuite(select(buildSuite(spec, full)), config, traits)) {
      const { id, title } = planned.case;
      if (controller.signal.aborted) {
        results.push({ id, title, outcome: 'skipped', reason: `not run: ${stopped()}` });
        continue;
      }
      results.push(await runner.run(planned.case, planned.skip));
    }
    if (controller.signal.aborted)
      results.push({
        id: 'run.stopped',
        title: 'runs to the end',
        outcome: 'failed',
        check: 'run_completed',
        source: 'seed',
        reason: `${stopped()}: ${results.filter((r) => r.reason?.startsWith('not run:')).length} cases did not run`,
      });
    else await runner.finish();
    return summarize(config, spec, runner, results);
  } finally {
    stop.removeEventListener('abort', forward);
    await target.close();
  }
}

function reasonOf(reason: unknown): string {
  return reason instanceof Error
    ? reason.message
    : typeof reason === 'string'
      ? reason
      : 'the run was stopped';
}
