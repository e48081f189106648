import path from 'node:path';
import { loadSuiteSpec, type SuiteSpec } from '../../contracts/suite-spec';
import { currentRss } from '../bench/servers';
import { describeFile } from './describe-file';
import { startMock, stopMock } from './mock-process';
import { probeOperations, type Judged, type OperationVerdict, type ProbeOptions } from './probe-operations';
import { runSuiteAgainst, type SuiteOutcome } from './suite-run';

export interface RunOptions extends ProbeOptions {
  readonly startTimeoutMs: number;
  /** 0: the suite is not run. */
  readonly suiteTimeoutMs: number;
  /** NEXUS_MAX_REQUESTS for the suite; its own default (1000) when undefined. */
  readonly suiteMaxRequests?: number;
  /** Where each document's suite reports go (a folder per document). */
  readonly reportsDir: string;
}

/** One line of the corpus table, and the evidence behind it. */
export interface CorpusRow {
  readonly document: string;
  readonly file: string;
  readonly version: string;
  readonly operations: number;
  readonly starts: boolean;
  /** The mock's exit line, when it did not start. */
  readonly refusal?: string;
  readonly firstOkMs?: number;
  /** The mock's start-up warnings (`warning: ...` lines), said once. */
  readonly warnings: readonly string[];
  /** Operations sent their requests; the rest ran out of the budget. */
  readonly probed: number;
  readonly notReached: number;
  /** Operations for which no valid request could be built from the document. */
  readonly unsendable: number;
  /** Operations whose every answer had a documented status and media type. */
  readonly documented: number;
  /** Operations whose every answer matched its documented schema. */
  readonly schemaValid: number;
  /** Valid requests answered 2xx, requests with a part left out answered 4xx, out of those sent. */
  readonly validOk: { readonly ok: number; readonly sent: number };
  readonly missingRefused: { readonly ok: number; readonly sent: number };
  readonly serverErrors: number;
  readonly hangs: number;
  /** The mock's resident memory after every operation was sent its requests, MB. */
  readonly rssMb?: number;
  readonly suite?: SuiteOutcome;
  /** Why the corpus could not read the document itself, when it could not. */
  readonly error?: string;
  /** The first answers that broke a check: request, status, what broke. */
  readonly examples: readonly string[];
}

const EXAMPLES = 10;

/** Starts the mock on one document, sends every operation its two requests, runs the suite, stops the mock. */
export async function runDocument(file: string, options: RunOptions): Promise<CorpusRow> {
  const document = path.basename(file).replace(/\.(ya?ml|json)$/, '');
  const empty = {
    document,
    file,
    probed: 0,
    notReached: 0,
    unsendable: 0,
    documented: 0,
    schemaValid: 0,
    validOk: { ok: 0, sent: 0 },
    missingRefused: { ok: 0, sent: 0 },
    serverErrors: 0,
    hangs: 0,
    warnings: [],
    examples: [],
  };
  let facts;
  try {
    facts = describeFile(file);
  } catch (error) {
    return { ...empty, version: '?', operations: 0, starts: false, error: firstLine(error) };
  }
  const base = { ...empty, version: facts.version, operations: facts.operations };
  const mock = await startMock(file, options.startTimeoutMs);
  if (!mock.started) return { ...base, starts: false, refusal: mock.line };
  const warnings = mock.process
    .output()
    .split('\n')
    .filter((line) => line.startsWith('warning: '))
    .map((line) => line.slice('warning: '.length));
  try {
    let spec: SuiteSpec;
    try {
      spec = loadSuiteSpec(file);
    } catch (error) {
      return {
        ...base,
        starts: true,
        firstOkMs: mock.firstOkMs,
        error: `the suite's loader: ${firstLine(error)}`,
      };
    }
    const { verdicts, notReached } = await probeOperations(spec, mock.url, options);
    const rssMb = currentRss(mock.process.child.pid);
    const suite =
      options.suiteTimeoutMs > 0
        ? await runSuiteAgainst(
            spec,
            file,
            mock.url,
            path.join(options.reportsDir, document),
            options.suiteTimeoutMs,
            options.suiteMaxRequests,
          )
        : undefined;
    return {
      ...base,
      operations: spec.operations.length,
      starts: true,
      firstOkMs: mock.firstOkMs,
      ...tally(verdicts),
      warnings,
      notReached,
      rssMb,
      ...(suite && { suite }),
    };
  } finally {
    await stopMock(mock.process);
  }
}

function tally(
  verdicts: readonly OperationVerdict[],
): Omit<CorpusRow, 'document' | 'file' | 'version' | 'operations' | 'starts' | 'notReached' | 'warnings'> {
  const answers = (v: OperationVerdict): Judged[] => [v.valid, v.missing].filter((j) => j !== undefined);
  const all = verdicts.flatMap(answers);
  const sentValid = verdicts.flatMap((v) => (v.valid ? [v.valid] : []));
  const sentMissing = verdicts.flatMap((v) => (v.missing ? [v.missing] : []));
  const every = (v: OperationVerdict, test: (j: Judged) => boolean): boolean =>
    answers(v).length > 0 && answers(v).every(test);
  // Hangs and 5xx first: they are the rarest and the worst.
  const severity = (j: Judged): number =>
    j.hang || (j.status ?? 0) >= 500 ? 0 : j.error !== undefined ? 1 : 2;
  const examples = all
    .filter((j) => j.hang || j.error !== undefined || j.failures.length > 0)
    .sort((a, b) => severity(a) - severity(b))
    .slice(0, EXAMPLES)
    .map((j) =>
      j.hang
        ? `${j.request} (${j.what}): no answer in time`
        : j.error !== undefined
          ? `${j.request} (${j.what}): ${j.error}`
          : `${j.request} (${j.what}): ${j.status ?? '?'}: ${j.failures.map((f) => `${f.check}: ${f.message.slice(0, 300)}`).join(' | ')}`,
    );
  return {
    probed: verdicts.length,
    unsendable: verdicts.filter((v) => v.unsendable !== undefined).length,
    documented: verdicts.filter((v) => every(v, (j) => j.documented)).length,
    schemaValid: verdicts.filter((v) => every(v, (j) => j.schemaValid)).length,
    validOk: { ok: sentValid.filter((j) => isIn(j.status, 200)).length, sent: sentValid.length },
    missingRefused: { ok: sentMissing.filter((j) => isIn(j.status, 400)).length, sent: sentMissing.length },
    serverErrors: all.filter((j) => (j.status ?? 0) >= 500).length,
    hangs: all.filter((j) => j.hang).length,
    examples,
  };
}

function isIn(status: number | undefined, hundred: number): boolean {
  return status !== undefined && status >= hundred && status < hundred + 100;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
