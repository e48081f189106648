/**
 * The contract suite under jest: one test per rule, against the target `contracts/target.ts` picks
 * (the in-process mock, or NEXUS_BASE_URL). Skipped tests say why in their name; the run ends with
 * a one-screen summary, also written to reports/contracts-summary.txt.
 */
import { readSuiteConfig } from './config';
import { planSuite, probeMockSync } from './plan';
import { SuiteRunner, type CaseResult } from './runner';
import { formatSummary, writeSummary } from './summary';
import { SUITE } from './suite';
import { openTarget, traitsFor, type Target } from './target';

const config = readSuiteConfig(process.env);
const traits = traitsFor(
  config,
  config.baseUrl !== undefined && probeMockSync(config.baseUrl, config.timeoutMs),
);
const plan = planSuite(SUITE, config, traits);
const results = new Map<string, CaseResult>();
// A case sends up to ~8 requests; each may time out (twice NEXUS_TIMEOUT_MS at most) and be retried after waits.
const caseTimeoutMs =
  8 * ((config.maxRetries + 1) * 2 * config.timeoutMs + config.maxRetries * config.maxRetryWaitMs);
let target: Target;
let runner: SuiteRunner;

beforeAll(async () => {
  target = await openTarget(config);
  runner = new SuiteRunner(target, traits, config);
});

afterAll(async () => {
  await runner.finish();
  const summary = {
    target: traits.description,
    profile: config.profile,
    requests: runner.client.requestsSent,
    validatorViolations: runner.client.validatorViolations,
    results: plan.map(
      ({ case: c, skip }) =>
        results.get(c.id) ?? {
          id: c.id,
          title: c.title,
          outcome: 'skipped' as const,
          reason: skip ?? 'did not run',
        },
    ),
  };
  writeSummary(summary);
  process.stdout.write(`\n${formatSummary(summary)}`);
  await target.close();
});

describe(`the Nexus contract (${traits.description}, ${config.profile} profile)`, () => {
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
        if (result.outcome === 'failed')
          throw new Error(`${result.check ?? 'contract'}: ${result.reason ?? ''}`);
      },
      caseTimeoutMs,
    );
  }
});
