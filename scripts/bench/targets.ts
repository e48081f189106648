import type { Row, Check, Comparison } from './report';
import { fixed } from './stats';
import type { Startup } from './startup';

/** Every target of `npm run bench`, in one place. Ratios are of requests per second in the same round. */
export const COMPARISONS: readonly Comparison[] = [
  { label: 'enrollment: mock / bare Express 5', of: 'mock', to: 'express', atLeast: 1.3 },
  { label: 'enrollment: mock / Prism', of: 'mock', to: 'prism', atLeast: 5 },
  { label: 'enrollment: mock / bare node:http', of: 'mock', to: 'node:http', atLeast: 0.3 },
  // `--store redis`: one replica on Redis against the memory store, in the same rounds (issue 11).
  { label: 'enrollment: mock on Redis / mock in memory', of: 'mock:redis', to: 'mock', atLeast: 0.4 },
  { label: 'GET /pets/7: mock / bare Express 5', of: 'pets:mock', to: 'pets:express', atLeast: 1.3 },
  {
    label: 'full store: a new session per request / one session',
    of: 'sessions:fresh',
    to: 'sessions:steady',
    atLeast: 0.8,
  },
];

const P99_MS = 25;
const PEAK_RSS_MB = 120;
const START_MS = 400;
/** `npm start` in this repository, and `npx nexus-mock` from the package: ready within a second. */
const NPM_START_MS = 1000;

/** The checks on single figures: the enrollment mock's tail and memory, errors, start-up. */
export function figureChecks(rows: readonly Row[], startup: Startup | undefined): Check[] {
  const checks: Check[] = [];
  const mock = rows.find((r) => r.name === 'mock');
  if (mock)
    checks.push(
      {
        target: `enrollment: mock p99 < ${P99_MS} ms (worst round)`,
        measured: `${fixed(mock.p99Worst)} ms`,
        ok: mock.p99Worst < P99_MS,
      },
      {
        target: `enrollment: mock peak RSS < ${PEAK_RSS_MB} MB`,
        measured: `${fixed(mock.peakRssMb)} MB`,
        ok: mock.peakRssMb < PEAK_RSS_MB,
      },
    );
  // A mock that answers 401 or 500 quickly would win every ratio: its answers must all be 2xx.
  for (const row of rows.filter((r) => /^(mock|pets:mock|sessions:)/.test(r.name)))
    checks.push({
      target: `${row.name}: every request answered 2xx`,
      measured: `${row.non2xx} non-2xx, ${row.errors} errors`,
      ok: row.non2xx + row.errors === 0,
    });
  if (startup)
    checks.push({
      target: `startup: spawn to first 200 <= ${START_MS} ms (median of ${startup.samples.length})`,
      measured: `${fixed(startup.median)} ms (${startup.samples.map((s) => fixed(s)).join(', ')})`,
      ok: startup.median <= START_MS,
    });
  if (startup)
    checks.push({
      target: `startup: npm start to first 200 <= ${NPM_START_MS} ms (median of ${startup.npmStart.samples.length})`,
      measured: `${fixed(startup.npmStart.median)} ms (${startup.npmStart.samples.map((s) => fixed(s)).join(', ')})`,
      ok: startup.npmStart.median <= NPM_START_MS,
    });
  for (const { kit, npx, bin } of startup?.packed ?? [])
    checks.push({
      target: `startup: npx nexus-mock (${kit === 'this' ? 'this kit' : 'the baseline kit'}, packed and installed) to first 200 <= ${NPM_START_MS} ms (median of ${npx.samples.length})`,
      measured: `${fixed(npx.median)} ms (${npx.samples.map((s) => fixed(s)).join(', ')}); without npx (node_modules/.bin/nexus-mock) ${fixed(bin.median)} ms (${bin.samples.map((s) => fixed(s)).join(', ')})`,
      ok: npx.median <= NPM_START_MS,
    });
  return checks;
}
