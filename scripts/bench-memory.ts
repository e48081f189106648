/**
 * `npm run bench:memory`: a million enrollment requests (many users, both modes) against one mock
 * started as `npm start` runs it. Samples the process's RSS and the store's size every second,
 * prints the curve, and fails unless RSS stays under 300 MB and the store never holds more than
 * --max-tickets tickets.
 *
 *   npm run bench:memory -- --requests 1000000 --users 250000 --connections 50
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { reportsDir } from '../support/reports';
import { nthEnrollment, startBenchServer } from './bench/servers';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '250000' },
    connections: { type: 'string', default: '50' },
    'max-rss-mb': { type: 'string', default: '300' },
  },
});
const REQUESTS = Number(values.requests);
const USERS = Number(values.users);
const MAX_RSS_MB = Number(values['max-rss-mb']);
const MAX_TICKETS = 100_000; // the mock's default --max-tickets, which the run leaves as it is

interface Sample {
  readonly seconds: number;
  readonly requests: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly tickets: number;
  readonly users: number;
}

function rssMb(pid: number | undefined): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid ?? 0}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function main(): Promise<number> {
  const mock = await startBenchServer('mock');
  const samples: Sample[] = [];
  let sent = 0;
  const started = performance.now();
  const sample = async (): Promise<void> => {
    const health = (await (await fetch(`${mock.url}/__admin/health`)).json()) as {
      store: { tickets: number; users: number };
      memory: { heapUsedMb: number };
    };
    samples.push({
      seconds: Math.round((performance.now() - started) / 1000),
      requests: sent,
      rssMb: Math.round(rssMb(mock.child.pid)),
      heapUsedMb: health.memory.heapUsedMb,
      tickets: health.store.tickets,
      users: health.store.users,
    });
  };
  const timer = setInterval(() => void sample(), 1000);
  try {
    const result = await autocannon({
      url: mock.url,
      connections: Number(values.connections),
      amount: REQUESTS,
      requests: [
        {
          method: 'POST',
          // Every request names another user (round-robin over USERS) and alternates the two modes.
          setupRequest: (request) => ({ ...request, ...nthEnrollment(sent++, USERS, 'bearer') }),
        },
      ],
    });
    clearInterval(timer);
    await sample();
    return report(samples, result, mock.peakRssMb());
  } finally {
    clearInterval(timer);
    await mock.stop();
  }
}

function report(samples: readonly Sample[], result: autocannon.Result, peakRssMb: number): number {
  const maxTickets = Math.max(...samples.map((s) => s.tickets));
  const width = 50;
  const top = Math.max(MAX_RSS_MB, ...samples.map((s) => s.rssMb));
  const curve = samples.map(
    (s) =>
      `${String(s.seconds).padStart(4)} s ${String(s.requests).padStart(8)} req  RSS ${String(s.rssMb).padStart(4)} MB ` +
      `${'#'.repeat(Math.round((s.rssMb / top) * width)).padEnd(width)} heap ${String(s.heapUsedMb).padStart(3)} MB  ` +
      `tickets ${String(s.tickets).padStart(6)}  users ${String(s.users).padStart(6)}`,
  );
  const checks = [
    { check: `peak RSS < ${MAX_RSS_MB} MB`, value: `${peakRssMb.toFixed(0)} MB`, ok: peakRssMb < MAX_RSS_MB },
    {
      check: `store holds <= ${MAX_TICKETS} tickets`,
      value: String(maxTickets),
      ok: maxTickets <= MAX_TICKETS,
    },
    {
      check: 'every request answered 200',
      value: `${result.non2xx} non-2xx, ${result.errors + result.timeouts} errors`,
      ok: result.non2xx + result.errors + result.timeouts === 0,
    },
    {
      check: `${REQUESTS} requests sent`,
      value: String(result.requests.total),
      ok: result.requests.total >= REQUESTS,
    },
  ];
  const lines = [
    `${REQUESTS} requests, ${USERS} users, both modes, ${result.requests.average.toFixed(0)} req/s on average`,
    '',
    ...curve,
    '',
    ...checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.check}: ${c.value}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  mkdirSync(reportsDir(), { recursive: true });
  writeFileSync(
    path.join(reportsDir(), 'bench-memory.json'),
    `${JSON.stringify({ samples, checks, peakRssMb }, null, 2)}\n`,
  );
  return checks.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench:memory: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
