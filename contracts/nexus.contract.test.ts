/**
 * The contract suite under jest: one test per rule, against the target `contracts/target.ts` picks
 * (the in-process mock, or NEXUS_BASE_URL), for every operation of the document (NEXUS_SPEC).
 * Skipped tests say why in their name; the run ends with a one-screen summary and the coverage
 * table, also written to reports/.
 */
import { seconds } from './bounded-request';
import { readSuiteConfig, shortSecretWarnings } from './config';
import { planSuite, probeMockSync } from './plan';
import { sampleOperations } from './sample';
import { SuiteRunner, type CaseResult } from './runner';
import { formatSummary, summarize, writeSummary } from './summary';
import { buildSuite } from './suite';
import { loadSuiteSpec } from './suite-spec';
import { openTarget, traitsFor, type Target } from './target';

const config = readSuiteConfig(process.env);
const spec = loadSuiteSpec(config.spec);
const traits = traitsFor(
  config,
  config.baseUrl !== undefined &&
    probeMockSync(config.baseUrl, config.timeoutMs, Math.min(config.maxBodyBytes, 1 << 20)),
);
const plan = planSuite(buildSuite(spec, sampleOperations(spec.operations, config).full), config, traits);
const results = new Map<string, CaseResult>();
// A case sends up to ~100 requests (a generative one, shrinking included); each may time out and be retried.
const caseTimeoutMs =
  100 * ((config.maxRetries + 1) * 2 * config.timeoutMs + config.maxRetries * config.maxRetryWaitMs);
let target: Target;
let runner: SuiteRunner;
// NEXUS_RUN_TIMEOUT_MS: past it every request fails at once, naming the limit, and the run ends.
const stop = new AbortController();
const deadline = setTimeout(() => {
  stop.abort(new Error(`the run reached NEXUS_RUN_TIMEOUT_MS (${seconds(config.runTimeoutMs)})`));
}, config.runTimeoutMs).unref();

beforeAll(async () => {
  process.stdout.write(
    `Nexus contract suite: seed ${config.seed} (NEXUS_CONTRACT_SEED=${config.seed} replays this run)\n`,
  );
  for (const warning of shortSecretWarnings(process.env)) process.stderr.write(`contracts: ${warning}\n`);
  target = await openTarget(config);
  runner = new SuiteRunner(target, traits, config, spec, stop.signal);
});

afterAll(async () => {
  clearTimeout(deadline);
  if (!stop.signal.aborted) await runner.finish();
  const ran = plan.map(
    ({ case: c, skip }) =>
      results.get(c.id) ?? {
        id: c.id,
        title: c.title,
        outcome: 'skipped' as const,
        reason: skip ?? 'did not run',
      },
  );
  const summary = summarize(config, spec, runner, ran);
  writeSummary(summary);
  process.stdout.write(`\n${formatSummary(summary)}`);
  await target.close();
});

describe(`the Nexus contract (${traits.description}, ${config.profile} profile, seed ${config.seed})`, () => {
  for (const { case: contractCase, skip } of plan) {
    if (skip !== undefined) {
      test.skip(`${contractCase.title} [skipped: ${skip}]`, () => undefined);
      continue;
    }
    test(
      `${contractCase.title} [${contractCase.id}]`,
      async () => {
        const result = await runner.run(contractCase);
        results.set(contractCase.id, result);
        if (result.outcome === 'warned')
          process.stdout.write(`WARN ${contractCase.id}: ${result.reason ?? ''}\n`);
        if (result.outcome === 'failed')
          throw new Error(
            `${result.check ?? 'contract'} [${result.source ?? 'seed'}]: ${result.reason ?? ''}`,
          );
      },
      caseTimeoutMs,
    );
  }

  if (config.minCoverage !== undefined) {
    const minimum = config.minCoverage;
    test(`observes at least ${minimum}% of the documented responses [coverage.minimum]`, () => {
      const { percent, observed, documented } = runner.coverage.report();
      if (percent < minimum)
        throw new Error(
          `coverage: ${percent}% of the documented responses were observed (${observed}/${documented}); NEXUS_MIN_COVERAGE is ${minimum}`,
        );
    });
  }
});
