import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportsDir } from '../support/reports';
import type { SuiteConfig } from './config';
import { formatCoverage, type CoverageReport } from './coverage';
import { causeOf, findingsOf, type Finding } from './findings';
import { sampleOperations, type Sampling } from './sample';
import type { CaseResult, SuiteRunner } from './runner';
import type { SuiteSpec } from './suite-spec';

export interface RunSummary {
  readonly target: string;
  readonly profile: string;
  /** The document the run checked against. */
  readonly spec: string;
  /** NEXUS_CONTRACT_SEED: the same seed against the same target sends the same requests. */
  readonly seed: number;
  readonly requests: number;
  /** Requests sent again after a 429 or 503. */
  readonly retries: number;
  readonly results: readonly CaseResult[];
  /** Which operations got every check (a large document is sampled: NEXUS_MAX_OPERATIONS). */
  readonly sampling: Sampling;
  /** Responses HTTP requires that the document leaves out: about the document, never a failure. */
  readonly documentWarnings: readonly string[];
  /** The failures grouped by cause: one entry per rule and reason, with its count and cases. */
  readonly findings: readonly Finding[];
  /** Response violations reported by a validating proxy in the path (`npm run contracts:proxy`). */
  readonly validatorViolations: readonly string[];
  readonly coverage: CoverageReport;
}

/** The run's outcome; NEXUS_MIN_COVERAGE, when given, adds one result that fails below it. */
export function summarize(
  config: SuiteConfig,
  spec: SuiteSpec,
  runner: SuiteRunner,
  results: readonly CaseResult[],
): RunSummary {
  const coverage = runner.coverage.report();
  const minimum = config.minCoverage;
  const coverageResult: CaseResult[] =
    minimum === undefined
      ? []
      : [
          coverage.percent >= minimum
            ? {
                id: 'coverage.minimum',
                title: `observes at least ${minimum}% of the documented responses`,
                outcome: 'passed',
              }
            : {
                id: 'coverage.minimum',
                title: `observes at least ${minimum}% of the documented responses`,
                outcome: 'failed',
                check: 'coverage',
                source: 'seed',
                reason: `${coverage.percent}% of the documented responses were observed (${coverage.observed}/${coverage.documented}); NEXUS_MIN_COVERAGE is ${minimum}`,
              },
        ];
  return {
    target: runner.written(runner.traits.description),
    profile: config.profile,
    spec: path.relative(process.cwd(), spec.file) || spec.file,
    seed: config.seed,
    requests: runner.client.requestsSent,
    retries: runner.client.retries,
    results: [...results, ...coverageResult],
    findings: findingsOf([...results, ...coverageResult]),
    documentWarnings: [...runner.documentWarnings],
    sampling: sampleOperations(spec.operations, config).sampling,
    validatorViolations: runner.client.validatorViolations.map(runner.written),
    coverage,
  };
}

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP', warned: 'WARN' } as const;

/**
 * One screen: each case, its outcome and why (with where its rule comes from), then each cause of
 * failure once (with its count and cases), the coverage table, the totals. A failure whose cause
 * an earlier case already showed points at its finding instead of repeating it.
 */
export function formatSummary(summary: RunSummary): string {
  const width = Math.max(...summary.results.map((r) => r.id.length), 10);
  const findings = summary.findings;
  const shown = new Set<number>();
  const lines = summary.results.map((r) => {
    const rule = r.check ? `${r.check}${r.source ? ` [${r.source}]` : ''}: ` : '';
    let why = r.outcome === 'passed' ? r.title : `${rule}${firstLine(r.reason ?? '')}`;
    if (r.outcome === 'failed') {
      const index = findings.findIndex(
        (f) =>
          f.cases.includes(r.id) &&
          f.check === (r.check ?? 'contract') &&
          f.reason === causeOf(r.reason ?? ''),
      );
      if (index !== -1 && shown.has(index)) why = `${rule}same cause as finding ${index + 1}`;
      shown.add(index);
    }
    return `  ${MARK[r.outcome]}  ${r.id.padEnd(width)}  ${why}`;
  });
  const causes =
    findings.length === 0
      ? []
      : [
          `Findings (${findings.length} causes of ${summary.results.filter((r) => r.outcome === 'failed').length} failures):`,
          ...findings.map(
            (f, i) =>
              `  ${i + 1}. ${f.check}${f.source ? ` [${f.source}]` : ''} x${f.count}: ${firstLine(f.reason)}\n     cases: ${f.cases.join(', ')}`,
          ),
        ];
  const count = (outcome: CaseResult['outcome']): number =>
    summary.results.filter((r) => r.outcome === outcome).length;
  const violations = summary.validatorViolations.map((v) => `  VIOLATION  ${v}`);
  return [
    `Nexus contract suite: ${summary.target}, profile ${summary.profile}, spec ${summary.spec}, seed ${summary.seed} (NEXUS_CONTRACT_SEED)`,
    ...lines,
    ...violations,
    ...causes,
    ...(summary.sampling.note === undefined ? [] : [`Sampling: ${summary.sampling.note}`]),
    ...documentWarningLines(summary.documentWarnings),
    ...formatCoverage(summary.coverage),
    `${count('passed')} passed, ${count('failed')} failed, ${count('warned')} warned, ${count('skipped')} skipped; ` +
      `${summary.requests} requests sent, ${summary.retries} retried; coverage ${summary.coverage.percent}%` +
      (violations.length > 0 ? `; ${violations.length} proxy violations` : ''),
    '',
  ].join('\n');
}

/** Writes the summary as text and JSON, and the coverage report, into `reports/` for CI to keep. */
export function writeSummary(summary: RunSummary, directory = reportsDir()): string {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'contracts-summary.txt');
  writeFileSync(file, formatSummary(summary));
  writeFileSync(path.join(directory, 'contracts-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(
    path.join(directory, 'contracts-coverage.json'),
    `${JSON.stringify(summary.coverage, null, 2)}\n`,
  );
  return file;
}

function documentWarningLines(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return [
    `Warnings about the document (${warnings.length}; the deployment is not failed for them):`,
    ...warnings.map((w) => `  DOCUMENT  ${w}`),
  ];
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
