import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportsDir } from '../support/reports';
import type { CaseResult } from './runner';

export interface RunSummary {
  readonly target: string;
  readonly profile: string;
  readonly requests: number;
  readonly results: readonly CaseResult[];
  /** Response violations reported by a validating proxy in the path (`npm run contracts:proxy`). */
  readonly validatorViolations: readonly string[];
}

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** One screen: each case, its outcome and why, then the totals. */
export function formatSummary(summary: RunSummary): string {
  const width = Math.max(...summary.results.map((r) => r.id.length), 10);
  const lines = summary.results.map((r) => {
    const why =
      r.outcome === 'passed' ? r.title : `${r.check ? `${r.check}: ` : ''}${firstLine(r.reason ?? '')}`;
    return `  ${MARK[r.outcome]}  ${r.id.padEnd(width)}  ${why}`;
  });
  const count = (outcome: CaseResult['outcome']): number =>
    summary.results.filter((r) => r.outcome === outcome).length;
  const violations = summary.validatorViolations.map((v) => `  VIOLATION  ${v}`);
  return [
    `Nexus contract suite: ${summary.target}, profile ${summary.profile}`,
    ...lines,
    ...violations,
    `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped; ${summary.requests} requests sent` +
      (violations.length > 0 ? `; ${violations.length} proxy violations` : ''),
    '',
  ].join('\n');
}

/** Writes the summary as text and JSON into `reports/` for CI to keep. */
export function writeSummary(summary: RunSummary, directory = reportsDir()): string {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'contracts-summary.txt');
  writeFileSync(file, formatSummary(summary));
  writeFileSync(path.join(directory, 'contracts-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
