import { existsSync } from 'node:fs';
import { loadSuiteSpec } from '../../contracts/suite-spec';
import { freePort } from '../../support/processes';
import { CORPUS } from '../corpus/manifest';
import { corpusFile } from '../corpus/paths';
import { startMock, startTimed, stopMock } from '../corpus/mock-process';
import { probeOperations } from '../corpus/probe-operations';
import { prismBin } from '../lib/prism';
import type { Probe } from './probe';
import type { Check } from './report';
import { currentRss, peakRss } from './servers';
import { fixed, median } from './stats';

/** The corpus's largest document: GitHub's REST description, ~13 MB, 1 223 operations. */
const LARGE_ID = 'github-rest';
/** `GET /`, GitHub's root: public, no parameters, a 200 in the mock and in Prism alike. */
const ROOT: Probe = { method: 'GET', path: '/', headers: { accept: 'application/json' } };
const START_TIMEOUT_MS = 120_000;

const FIRST_OK_MS = 3000;
const RSS_MB = 400;

interface Starts {
  /** Milliseconds from spawn to the first 200 of `GET /`, one per start. */
  readonly samples: readonly number[];
  readonly median: number;
  /** Why it did not start, when it did not. */
  readonly refusal?: string;
}

export interface LargeDocument {
  readonly file: string;
  /** Why the group did not run (the corpus is not fetched). */
  readonly skipped?: string;
  readonly mock?: Starts;
  readonly prism?: Starts;
  /** The mock after every operation was sent its valid request and one without a required part. */
  readonly memory?: {
    readonly rssMb: number;
    readonly peakRssMb: number;
    readonly operations: number;
    readonly notReached: number;
    readonly serverErrors: number;
    readonly hangs: number;
  };
  readonly memorySkipped?: string;
}

/**
 * Starts the mock and Prism on the large document in turn (mock, Prism, mock, Prism ...), each timed
 * from spawn to its first 200; then, on one more start of the mock, sends every operation its
 * requests and reads the mock's resident memory.
 */
export async function measureLargeDocument(starts: number): Promise<LargeDocument> {
  const entry = CORPUS.find((e) => e.id === LARGE_ID);
  const file = entry ? corpusFile(entry) : LARGE_ID;
  if (!existsSync(file)) return { file, skipped: `${file} is missing: run npm run corpus:fetch` };
  const mock: number[] = [];
  const prism: number[] = [];
  let mockRefusal: string | undefined;
  let prismRefusal: string | undefined;
  for (let i = 0; i < starts; i++) {
    if (mockRefusal === undefined) {
      const started = await startMock(file, START_TIMEOUT_MS, ROOT);
      if (started.started) {
        mock.push(started.firstOkMs);
        await stopMock(started.process);
      } else mockRefusal = started.line;
    }
    if (prismRefusal === undefined) {
      const port = await freePort();
      const args = [prismBin(), 'mock', file, '--port', String(port), '--host', '127.0.0.1'];
      const started = await startTimed(args, /Prism is listening on (http:\/\/\S+)/, ROOT, START_TIMEOUT_MS);
      if (started.started) {
        prism.push(started.firstOkMs);
        await stopMock(started.process);
      } else prismRefusal = started.line;
    }
  }
  const summary = (samples: number[], refusal: string | undefined): Starts => ({
    samples,
    median: median(samples),
    ...(refusal !== undefined && { refusal }),
  });
  const memory = mockRefusal === undefined ? await memoryAfterEveryOperation(file) : undefined;
  return {
    file,
    mock: summary(mock, mockRefusal),
    prism: summary(prism, prismRefusal),
    ...(memory && 'reason' in memory ? { memorySkipped: memory.reason } : memory && { memory }),
  };
}

async function memoryAfterEveryOperation(
  file: string,
): Promise<LargeDocument['memory'] | { reason: string } | undefined> {
  let spec;
  try {
    spec = loadSuiteSpec(file);
  } catch (error) {
    return {
      reason: `the suite's loader refuses the document: ${(error as Error).message.split('\n')[0] ?? ''}`,
    };
  }
  const started = await startMock(file, START_TIMEOUT_MS, ROOT);
  if (!started.started) return { reason: started.line };
  try {
    const { verdicts, notReached } = await probeOperations(spec, started.url, {
      requestTimeoutMs: 10_000,
      budgetMs: 600_000,
      concurrency: 4,
    });
    const answers = verdicts.flatMap((v) => [v.valid, v.missing]).filter((j) => j !== undefined);
    const pid = started.process.child.pid;
    return {
      rssMb: currentRss(pid),
      peakRssMb: peakRss(pid),
      operations: verdicts.length,
      notReached,
      serverErrors: answers.filter((j) => (j.status ?? 0) >= 500).length,
      hangs: answers.filter((j) => j.hang).length,
    };
  } finally {
    await stopMock(started.process);
  }
}

/** The targets of issue 17 for the large document; none when the group was skipped. */
export function largeDocumentChecks(large: LargeDocument | undefined): Check[] {
  if (!large || large.skipped !== undefined) return [];
  const { mock, prism, memory } = large;
  const checks: Check[] = [
    {
      target: `large document: mock spawn to first 200 < ${FIRST_OK_MS} ms (median)`,
      measured: `mock ${startsText(mock)}; Prism 5.14.2 ${startsText(prism)}`,
      ok: mock?.refusal === undefined && (mock?.median ?? Infinity) < FIRST_OK_MS,
    },
  ];
  checks.push({
    target: `large document: mock resident memory < ${RSS_MB} MB after answering every operation`,
    measured: memory
      ? `${fixed(memory.rssMb)} MB (peak ${fixed(memory.peakRssMb)} MB) after ${memory.operations} operations${memory.notReached > 0 ? `, ${memory.notReached} not reached` : ''}; ${memory.serverErrors} 5xx, ${memory.hangs} hangs`
      : (large.memorySkipped ?? mock?.refusal ?? 'not measured'),
    ok: memory?.notReached === 0 && memory.rssMb < RSS_MB,
  });
  return checks;
}

function startsText(starts: Starts | undefined): string {
  if (!starts) return 'not started';
  if (starts.samples.length === 0) return starts.refusal ?? 'not started';
  const samples = starts.samples.map((s) => fixed(s)).join(', ');
  return `${fixed(starts.median)} ms (${samples})${starts.refusal === undefined ? '' : `, then ${starts.refusal}`}`;
}
