import type { ContractCase } from './case';
import type { SuiteConfig } from './config';
import { planSuite, probeMock } from './plan';
import { SuiteRunner } from './runner';
import { summarize, type RunSummary } from './summary';
import { buildSuite } from './suite';
import { loadSuiteSpec, type SuiteSpec } from './suite-spec';
import { openTarget, traitsFor } from './target';

/** Runs the whole suite outside jest (the mutant self-test, scripts, the CLI): the same cases, the same runner. */
export async function runSuite(
  config: SuiteConfig,
  select: (cases: ContractCase[]) => readonly ContractCase[] = (cases) => cases,
): Promise<RunSummary> {
  const spec: SuiteSpec = loadSuiteSpec(config.spec);
  const target = await openTarget(config);
  try {
    const traits = traitsFor(
      config,
      config.baseUrl !== undefined && (await probeMock(target.baseUrl, config.timeoutMs)),
    );
    const runner = new SuiteRunner(target, traits, config, spec);
    const results = [];
    for (const planned of planSuite(select(buildSuite(spec)), config, traits))
      results.push(await runner.run(planned.case, planned.skip));
    await runner.finish();
    return summarize(config, spec, runner, results);
  } finally {
    await target.close();
  }
}
