import type { CorpusRow } from './run-document';
import type { SuiteOutcome } from './suite-run';

export const TABLE_HEADER = [
  'document',
  'version',
  'operations',
  'starts',
  'ms to first 200',
  'start-up warnings',
  'answered as documented',
  'schema-valid answers',
  'valid → 2xx',
  'part left out → 4xx',
  '5xx',
  'hangs',
  'suite',
] as const;

/** The corpus as a Markdown table (the same facts as reports/corpus.json, one line a document). */
export function formatTable(rows: readonly CorpusRow[]): string {
  const lines = [
    `| ${TABLE_HEADER.join(' | ')} |`,
    `|${TABLE_HEADER.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${cells(row).map(escapeCell).join(' | ')} |`),
  ];
  const started = rows.filter((r) => r.starts);
  const operations = started.reduce((n, r) => n + r.probed, 0);
  const documented = started.reduce((n, r) => n + r.documented, 0);
  const valid = started.reduce((n, r) => n + r.schemaValid, 0);
  lines.push(
    '',
    `${started.length} of ${rows.length} documents start; ${documented} of ${operations} operations answered as documented, ` +
      `${valid} with schema-valid answers; ${sum(rows, (r) => r.serverErrors)} 5xx, ${sum(rows, (r) => r.hangs)} hangs; ` +
      `the suite passes on ${rows.filter((r) => r.suite?.exit === 0).length} of ${started.length}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The row's cells in TABLE_HEADER's order. */
export function cells(row: CorpusRow): string[] {
  const of = (n: number): string =>
    `${n}/${row.probed}${row.notReached > 0 ? ` (${row.notReached} not reached)` : ''}`;
  if (!row.starts)
    return [
      row.document,
      row.version,
      String(row.operations),
      row.refusal ?? row.error ?? 'no',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
  return [
    row.document,
    row.version,
    String(row.operations),
    'yes',
    row.firstOkMs === undefined ? '' : row.firstOkMs.toFixed(0),
    String(row.warnings.length),
    row.error ?? of(row.documented),
    row.error === undefined ? of(row.schemaValid) : '',
    `${row.validOk.ok}/${row.validOk.sent}`,
    `${row.missingRefused.ok}/${row.missingRefused.sent}`,
    String(row.serverErrors),
    String(row.hangs),
    suiteCell(row.suite),
  ];
}

export function suiteCell(suite: SuiteOutcome | undefined): string {
  if (!suite) return 'not run';
  if (suite.timedOut) return 'stopped at the time limit';
  const { counts } = suite;
  if (!counts) return `exit ${suite.exit ?? '?'}: ${suite.lastLine.slice(0, 160)}`;
  const verdict = suite.exit === 0 ? 'pass' : 'FAIL';
  return `${verdict}: ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned, ${counts.skipped} skipped`;
}

function escapeCell(text: string): string {
  const flat = text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

function sum(rows: readonly CorpusRow[], of: (row: CorpusRow) => number): number {
  return rows.reduce((n, r) => n + of(r), 0);
}
