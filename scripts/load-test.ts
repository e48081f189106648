/**
 * `npm run load`: 200 connections for 60 s against one mock started as `npm start` runs it, with many
 * users and both modes. Fails unless there are no errors, no status other than 200, and every ticket
 * id the mock handed out is unique.
 *
 *   npm run load -- --connections 200 --duration 60
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { nthEnrollment, startBenchServer } from './bench/servers';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    users: { type: 'string', default: '5000' },
  },
});

async function main(): Promise<number> {
  const mock = await startBenchServer('mock');
  const ids = new Set<string>();
  let bodies = 0;
  let duplicates = 0;
  let unreadable = 0;
  const statuses = new Map<number, number>();
  let n = 0;
  try {
    const result = await autocannon({
      url: mock.url,
      connections: Number(values.connections),
      duration: Number(values.duration),
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({ ...request, ...nthEnrollment(n++, Number(values.users), 'basic') }),
          onResponse: (status, body) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status !== 200) return;
            bodies++;
            try {
              const { ticketId } = JSON.parse(body) as { ticketId?: unknown };
              if (typeof ticketId !== 'string') unreadable++;
              else if (ids.has(ticketId)) duplicates++;
              else ids.add(ticketId);
            } catch {
              unreadable++;
            }
          },
        },
      ],
    });
    const unexpected = [...statuses].filter(([status]) => status !== 200);
    const checks = [
      {
        check: 'no errors or timeouts',
        value: result.errors + result.timeouts,
        ok: result.errors + result.timeouts === 0,
      },
      {
        check: 'no status other than 200',
        value: JSON.stringify(Object.fromEntries(unexpected)),
        ok: unexpected.length === 0,
      },
      { check: 'every body holds a ticket id', value: unreadable, ok: unreadable === 0 },
      {
        check: 'every ticket id unique',
        value: `${ids.size} unique of ${bodies}, ${duplicates} duplicates`,
        ok: duplicates === 0 && ids.size === bodies,
      },
    ];
    process.stdout.write(
      [
        `${values.connections} connections for ${values.duration} s: ${result.requests.total} requests, ` +
          `${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, peak RSS ${mock.peakRssMb().toFixed(0)} MB`,
        ...checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.check}: ${String(c.value)}`),
        '',
      ].join('\n'),
    );
    return checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    await mock.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`load: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
