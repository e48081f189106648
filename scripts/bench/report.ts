import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportsDir } from '../../support/reports';
import type { Sample } from './load';
import { fixed, median } from './stats';

/** A target and whether the run met it: printed PASS or FAIL, never a reason to exit non-zero. */
export interface Check {
  readonly target: string;
  readonly measured: string;
  readonly ok: boolean;
}

/** "`of` answers at least `atLeast` times the requests per second of `to`", per round, in one run. */
export interface Comparison {
  readonly label: string;
  readonly of: string;
  readonly to: string;
  readonly atLeast: number;
}

export interface Row {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly p99Worst: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly peakRssMb: number;
  readonly firstOkMs: number;
}

export function summarise(name: string, list: readonly Sample[], peakRssMb: number, firstOkMs: number): Row {
  return {
    name,
    rps: median(list.map((s) => s.rps)),
    p50: median(list.map((s) => s.p50)),
    p99: median(list.map((s) => s.p99)),
    p99Worst: Math.max(...list.map((s) => s.p99)),
    non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
    errors: list.reduce((sum, s) => sum + s.errors, 0),
    peakRssMb,
    firstOkMs,
  };
}

/** The ratio of each comparison in every round, and its check on the median of the rounds. */
export function compare(
  comparisons: readonly Comparison[],
  samples: ReadonlyMap<string, readonly Sample[]>,
): { ratios: Record<string, number[]>; checks: Check[] } {
  const ratios: Record<string, number[]> = {};
  const checks: Check[] = [];
  for (const c of comparisons) {
    const of = samples.get(c.of);
    const to = samples.get(c.to);
    if (!of || !to) continue;
    const perRound = of.map((s, i) => s.rps / (to[i]?.rps ?? NaN));
    const value = median(perRound);
    ratios[c.label] = perRound;
    checks.push({
      target: `${c.label} >= ${c.atLeast} (median of rounds)`,
      measured: `${fixed(value, 2)} (lowest round ${fixed(Math.min(...perRound), 2)})`,
      ok: value >= c.atLeast,
    });
  }
  return { ratios, checks };
}

export interface Report {
  readonly settings: string;
  readonly rows: readonly Row[];
  readonly ratios: Record<string, number[]>;
  readonly checks: readonly Check[];
  readonly extra: Record<string, unknown>;
}

/** Prints the tables and writes reports/bench.json and reports/bench.md. */
export function writeReport(report: Report, loadBefore: readonly number[]): void {
  const cpus = os.cpus();
  const lines = [
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${fixed(os.totalmem() / 2 ** 30, 1)} GiB, ${process.platform} ${os.release()}, Node ${process.version}; load average before the run ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
    report.settings,
    '',
    '| load | req/s (median) | p50 ms | p99 ms (median / worst) | non-2xx | errors | server peak RSS MB | spawn to first 200 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...report.rows.map(
      (r) =>
        `| ${r.name} | ${fixed(r.rps)} | ${fixed(r.p50)} | ${fixed(r.p99)} / ${fixed(r.p99Worst)} | ${r.non2xx} | ${r.errors} | ${fixed(r.peakRssMb)} | ${fixed(r.firstOkMs)} |`,
    ),
    '',
    'Ratios per round:',
    ...Object.entries(report.ratios).map(
      ([label, xs]) => `- ${label}: ${xs.map((x) => fixed(x, 2)).join(', ')}`,
    ),
    '',
    '| target | measured | result |',
    '|---|---|---|',
    ...report.checks.map((c) => `| ${c.target} | ${c.measured} | ${c.ok ? 'PASS' : '**FAIL**'} |`),
  ];
  const failed = report.checks.filter((c) => !c.ok);
  const verdict =
    failed.length === 0
      ? `PASS: all ${report.checks.length} targets met.`
      : `FAIL: ${failed.length} of ${report.checks.length} targets missed:\n${failed.map((c) => `  FAIL  ${c.target}: ${c.measured}`).join('\n')}`;
  process.stdout.write(`\n${lines.join('\n')}\n\n${verdict}\n`);
  mkdirSync(reportsDir(), { recursive: true });
  writeFileSync(
    path.join(reportsDir(), 'bench.json'),
    `${JSON.stringify({ rows: report.rows, ratios: report.ratios, checks: report.checks, ...report.extra }, null, 2)}\n`,
  );
  writeFileSync(path.join(reportsDir(), 'bench.md'), `${lines.join('\n')}\n\n${verdict}\n`);
}
