import type { CaseResult } from './runner';

/**
 * One finding per cause: many cases that fail on the same rule for the same reason (one missing
 * header on every 401) are one thing to fix, shown once with the count and the cases. The reason
 * is compared without the request it names (`POST /path?query: `), which differs from case to case.
 */
export interface Finding {
  readonly check: string;
  readonly source: string | undefined;
  /** The first line of the reason, without the request. */
  readonly reason: string;
  readonly count: number;
  readonly cases: readonly string[];
}

/** The failures of a run grouped by cause, in the order each cause first failed. */
export function findingsOf(results: readonly CaseResult[]): Finding[] {
  const byCause = new Map<
    string,
    { check: string; source: string | undefined; reason: string; cases: string[] }
  >();
  for (const result of results) {
    if (result.outcome !== 'failed') continue;
    const check = result.check ?? 'contract';
    const reason = causeOf(result.reason ?? '');
    const key = JSON.stringify([check, result.source, reason]);
    const finding = byCause.get(key) ?? { check, source: result.source, reason, cases: [] };
    finding.cases.push(result.id);
    byCause.set(key, finding);
  }
  return [...byCause.values()].map((f) => ({ ...f, count: f.cases.length }));
}

/** `POST /v1/x?y=1: the 401 ...` → `the 401 ...`: the first line, without the request it names. */
export function causeOf(reason: string): string {
  const line = reason.split('\n')[0] ?? '';
  return line.replace(/^[A-Z]+ \S*: /, '');
}
