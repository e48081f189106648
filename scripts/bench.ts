/**
 * `npm run bench`: the kit's mock (as `npm start` runs it) against a bare Express 5 app, bare
 * node:http and Prism, side by side on loopback, loaded with autocannon in interleaved rounds
 * (A B C D, A B C D ...) so that the machine's noise falls on all of them alike. Prints each
 * contender's figures, the ratios measured in the same round, and whether the targets are met.
 *
 *   npm run bench -- --rounds 3 --duration 10 --connections 50
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { reportsDir } from '../support/reports';
import { BASIC, ENROLL_PATH, startBenchServer, type BenchServer } from './bench/servers';

interface Sample {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    contenders: { type: 'string', default: 'mock,express,node:http,prism' },
  },
});
const ROUNDS = Number(values.rounds);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const NAMES = values.contenders.split(',');

function load(url: string, duration: number): Promise<Sample> {
  const headers = { authorization: BASIC };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration,
        // Both modes of the operation, in turn: interactive, then by email.
        requests: [
          { method: 'POST', path: `${ENROLL_PATH}?isInteractive=true`, headers },
          { method: 'POST', path: `${ENROLL_PATH}?isInteractive=false`, headers },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
  });
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const fixed = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main(): Promise<number> {
  const servers: BenchServer[] = [];
  try {
    for (const name of NAMES) servers.push(await startBenchServer(name));
    for (const server of servers) await load(server.url, 2); // warm-up
    const samples = new Map<string, Sample[]>(servers.map((s) => [s.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const server of servers) {
        const sample = await load(server.url, DURATION);
        samples.get(server.name)?.push(sample);
        process.stdout.write(
          `round ${round} ${server.name.padEnd(9)} ${fixed(sample.rps).padStart(6)} req/s  p99 ${sample.p99} ms\n`,
        );
      }
    }
    return report(servers, samples);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

function report(servers: readonly BenchServer[], samples: ReadonlyMap<string, Sample[]>): number {
  const of = (name: string): Sample[] => samples.get(name) ?? [];
  const ratioPerRound = (other: string): number[] =>
    of('mock').map((s, i) => s.rps / (of(other)[i]?.rps ?? NaN));
  const rows = servers.map((server) => {
    const list = of(server.name);
    return {
      name: server.name,
      rps: median(list.map((s) => s.rps)),
      p50: median(list.map((s) => s.p50)),
      p99: median(list.map((s) => s.p99)),
      p99Worst: Math.max(...list.map((s) => s.p99)),
      non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
      errors: list.reduce((sum, s) => sum + s.errors, 0),
      peakRssMb: server.peakRssMb(),
      firstOkMs: server.firstOkMs,
    };
  });
  const mock = rows.find((r) => r.name === 'mock');
  const vsExpress = ratioPerRound('express');
  const vsPrism = ratioPerRound('prism');
  const targets = mock
    ? [
        {
          target: 'mock / bare Express >= 0.8 (median of rounds)',
          value: median(vsExpress),
          ok: median(vsExpress) >= 0.8,
        },
        { target: 'mock / Prism >= 4 (median of rounds)', value: median(vsPrism), ok: median(vsPrism) >= 4 },
        {
          target: 'mock p99 < 25 ms at 50 connections (worst round)',
          value: mock.p99Worst,
          ok: mock.p99Worst < 25,
        },
        { target: 'mock first 200 <= 400 ms after spawn', value: mock.firstOkMs, ok: mock.firstOkMs <= 400 },
        { target: 'mock peak RSS < 120 MB', value: mock.peakRssMb, ok: mock.peakRssMb < 120 },
        {
          target: 'mock: no errors, no non-2xx',
          value: mock.errors + mock.non2xx,
          ok: mock.errors + mock.non2xx === 0,
        },
      ]
    : [];

  const lines = [
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${fixed(os.totalmem() / 2 ** 30, 1)} GiB, ${process.platform} ${os.release()}, Node ${process.version}; load average before the run ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `Load: autocannon, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s, interactive and email requests in turn.`,
    '',
    '| contender | req/s (median) | p50 ms | p99 ms (median / worst) | non-2xx | errors | peak RSS MB | spawn to first 200 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fixed(r.rps)} | ${fixed(r.p50)} | ${fixed(r.p99)} / ${fixed(r.p99Worst)} | ${r.non2xx} | ${r.errors} | ${fixed(r.peakRssMb)} | ${fixed(r.firstOkMs)} |`,
    ),
    '',
    `Ratios per round: mock/express ${vsExpress.map((r) => fixed(r, 2)).join(', ')}; mock/prism ${vsPrism.map((r) => fixed(r, 2)).join(', ')}`,
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...targets.map((t) => `| ${t.target} | ${fixed(t.value, 2)} | ${t.ok ? 'yes' : '**no**'} |`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  mkdirSync(reportsDir(), { recursive: true });
  writeFileSync(
    path.join(reportsDir(), 'bench.json'),
    `${JSON.stringify({ rows, vsExpress, vsPrism, targets }, null, 2)}\n`,
  );
  writeFileSync(path.join(reportsDir(), 'bench.md'), `${lines.join('\n')}\n`);
  return targets.every((t) => t.ok) ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
