import type { ContractCase } from './case';
import type { SuiteConfig } from './config';
import { planSuite, probeMock } from './plan';
import { SuiteRunner } from './runner';
import type { RunSummary } from './summary';
import { SUITE } from './suite';
import { openTarget, traitsFor } from './target';

/** Runs the whole suite outside jest (the mutant self-test, scripts): the same cases, the same runner. */
export async function runSuite(
  config: SuiteConfig,
  cases: readonly ContractCase[] = SUITE,
): Promise<RunSummary> {
  const target = await openTarget(config);
  try {
    const traits = traitsFor(
      config,
      config.baseUrl !== undefined && (await probeMock(target.baseUrl, config.timeoutMs)),
    );
    const runner = new SuiteRunner(target, traits, config);
    const results = [];
    for (const planned of planSuite(cases, config, traits))
      results.push(await runner.run(planned.case, planned.skip));
    await runner.finish();
    return {
      target: target.description,
      profile: config.profile,
      requests: runner.client.requestsSent,
      results,
      validatorViolations: runner.client.validatorViolations,
    };
  } finally {
    await target.close();
  }
}
