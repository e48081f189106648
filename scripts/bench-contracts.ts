/**
 * `npm run bench:contracts`: the whole contract suite, generative phase included, against the
 * in-process mock, for the kit's document and for the fixture with nine operations: the median wall
 * time of `--runs` runs each, against the 10 s target; and once, a generated document of 1 200
 * operations with every default (sampling, budget) against the 3 min target. Exits non-zero only
 * when a run fails a check (the suite must pass against the mock), never for a missed target.
 *
 *   npm run bench:contracts -- --runs 5
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeLargeDocument } from './lib/large-document';
import { readSuiteConfig } from '../contracts/config';
import { runSuite } from '../contracts/run-suite';
import { PACKAGE_ROOT } from '../spec/document';

const TARGET_MS = 10_000;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write(`bench:contracts: --runs must be a whole number above 0, got ${values.runs}\n`);
  process.exit(2);
}

const LARGE_TARGET_MS = 180_000;
const DOCUMENTS = [
  {
    name: 'nexus',
    spec: path.join(PACKAGE_ROOT, 'spec', 'nexus.openapi.yaml'),
    runs: RUNS,
    target: TARGET_MS,
  },
  {
    name: 'pets fixture',
    spec: path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml'),
    runs: RUNS,
    target: TARGET_MS,
  },
  {
    name: '1200 ops',
    spec: writeLargeDocument(
      path.join(mkdtempSync(path.join(os.tmpdir(), 'nexus-bench-')), 'large.json'),
      1200,
    ),
    runs: 1,
    target: LARGE_TARGET_MS,
  },
];

async function main(): Promise<number> {
  process.stdout.write(
    `bench:contracts, ${RUNS} runs each, load average ${os.loadavg()[0]?.toFixed(1) ?? '?'}\n`,
  );
  let failed = false;
  for (const { name, spec, runs, target } of DOCUMENTS) {
    const times: number[] = [];
    let requests = 0;
    let cases = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const summary = await runSuite(
        readSuiteConfig({ NEXUS_SPEC: spec, NEXUS_CONTRACT_SEED: String(run + 1) }),
      );
      times.push(performance.now() - started);
      requests = summary.requests;
      cases = summary.results.filter((r) => r.outcome !== 'skipped').length;
      const failures = summary.results.filter((r) => r.outcome === 'failed');
      if (failures.length > 0) {
        failed = true;
        process.stdout.write(
          `  ${name}: ${failures.map((f) => `${f.id}: ${f.reason ?? ''}`).join('\n  ')}\n`,
        );
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    process.stdout.write(
      `  ${name.padEnd(13)} median ${Math.round(median)} ms (min ${Math.round(times[0] ?? 0)}, max ${Math.round(times.at(-1) ?? 0)}), ` +
        `${cases} cases, ${requests} requests: ${median < target ? 'PASS' : 'FAIL'} (target < ${target} ms)\n`,
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench:contracts: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
