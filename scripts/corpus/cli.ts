/**
 * `npm run corpus -- FILE|DIR ...`: for each OpenAPI document (a folder stands for its .yaml, .yml
 * and .json files), starts the mock on it, times spawn to first 200, sends every operation one valid
 * request and one with a required part left out, judges each answer with the contract suite's
 * checks, runs the contract suite against the mock, and prints a table. Without arguments, the
 * documents `npm run corpus:fetch` put in corpus/. Writes reports/corpus.json and reports/corpus.md.
 *
 * Exits 0 when every document was measured, whatever the table says (as `npm run bench` does for
 * missed targets); 2 for unusable arguments; 1 when the run itself failed.
 *
 *   npm run corpus -- corpus/ --suite-timeout 300 --request-timeout 10000 --budget 300
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reportsDir } from '../../support/reports';
import { stopAllMocks } from './mock-process';
import { corpusDir } from './paths';
import { documentsIn } from './documents';
import { runDocument, type CorpusRow, type RunOptions } from './run-document';
import { formatTable, suiteCell } from './table';

const USAGE =
  'usage: npm run corpus -- [FILE|DIR ...] [--suite-timeout S] [--request-timeout MS] [--budget S] [--no-suite] [--suite-max-requests N]';

function options(argv: readonly string[]): { files: string[]; run: RunOptions } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'suite-timeout': { type: 'string', default: '300' },
      'request-timeout': { type: 'string', default: '10000' },
      budget: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '4' },
      'start-timeout': { type: 'string', default: '60' },
      'no-suite': { type: 'boolean', default: false },
      'suite-max-requests': { type: 'string' },
    },
  });
  const number = (name: keyof typeof values): number => {
    const value = Number(values[name]);
    if (!(value > 0)) throw new Error(`--${name} must be a positive number, got ${String(values[name])}`);
    return value;
  };
  const targets = positionals.length > 0 ? positionals : [corpusDir()];
  const files = targets.flatMap(documentsIn);
  if (files.length === 0) throw new Error(`no .yaml, .yml or .json document in ${targets.join(', ')}`);
  return {
    files,
    run: {
      suiteTimeoutMs: values['no-suite'] ? 0 : number('suite-timeout') * 1000,
      requestTimeoutMs: number('request-timeout'),
      budgetMs: number('budget') * 1000,
      concurrency: number('concurrency'),
      startTimeoutMs: number('start-timeout') * 1000,
      reportsDir: path.join(reportsDir(), 'corpus'),
      ...(values['suite-max-requests'] !== undefined && { suiteMaxRequests: number('suite-max-requests') }),
    },
  };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`corpus: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const rows: CorpusRow[] = [];
  const dir = reportsDir();
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'corpus.json');
  const markdown = path.join(dir, 'corpus.md');
  for (const file of parsed.files) {
    const row = await runDocument(file, parsed.run);
    rows.push(row);
    process.stdout.write(`${summaryLine(row)}\n`);
    // After every document, so a long run can be read (and its findings acted on) while it goes on.
    writeFileSync(json, `${JSON.stringify(rows, null, 2)}\n`);
    writeFileSync(markdown, formatTable(rows));
  }
  process.stdout.write(`\n${formatTable(rows)}`);
  process.stdout.write(`Reports: ${json}, ${markdown}\n`);
  return 0;
}

function summaryLine(row: CorpusRow): string {
  if (!row.starts) return `${row.document}: does not start: ${row.refusal ?? row.error ?? ''}`;
  return (
    `${row.document}: ${row.firstOkMs?.toFixed(0) ?? '?'} ms to first 200; ${row.documented}/${row.probed} documented, ` +
    `${row.schemaValid}/${row.probed} schema-valid, ${row.serverErrors} 5xx, ${row.hangs} hangs; suite ${suiteCell(row.suite)}`
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void stopAllMocks().then(() => process.exit(130));
  });

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    await stopAllMocks();
    process.stderr.write(`corpus: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
