/**
 * `npm run bench`: the kit's mock (as `npm start` runs it, default logging) side by side with its
 * baselines on loopback, loaded with autocannon in interleaved rounds (A B C ..., A B C ...) so that
 * the machine's noise falls on all of them alike:
 *
 * - enrollment: `POST /v1/me/mfa-enrollment` on the mock, bare Express 5, bare node:http and Prism;
 * - pets: `GET /pets/7`, served from an example of spec/fixtures/pets.openapi.yaml, on the mock and a
 *   bare Express 5 app answering the same JSON;
 * - sessions: on a mock whose store is full (`--max-tickets`, `--max-sessions`), enrollments that
 *   each name a new session against enrollments that all name one;
 * - startup: the built CLI on `--port 0`, then `npm start -- --port 0`, then `npx nexus-mock --port 0`
 *   from the packed kit installed in a fresh project, spawn to first 200, median of `--starts` starts
 *   each; `--baseline-tarball KIT.tgz` (the kit packed from another commit) adds its `npx nexus-mock`,
 *   started in turn with this one.
 * - large: GitHub's REST description from the corpus (13 MB, 1 223 operations; `npm run corpus:fetch`
 *   first, or the group says it is skipped): the mock and Prism started in turn `--large-starts` times,
 *   spawn to first 200 of `GET /`; then the mock's resident memory after every operation is answered.
 *
 * `--store redis` also starts a throwaway redis-server and adds `mock:redis` to the enrollment
 * contenders: the same mock with `--store redis://...`, compared with the memory store in the same rounds.
 *
 * Prints every figure, the ratios of each round and PASS or FAIL for every target; exits non-zero
 * only when the run itself fails (a contender that does not start, a crash), never for a missed target.
 *
 *   npm run bench -- --rounds 3 --duration 10 --connections 50 --groups enrollment,pets,sessions,startup,large
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { load, type Sample } from './bench/load';
import { PETS_REQUEST, sameAnswer } from './bench/pets';
import { compare, summarise, writeReport, type Check } from './bench/report';
import { COMPARISONS, figureChecks } from './bench/targets';
import { fillStore, freshStream, limitArgs, steadyStream, type SessionLimits } from './bench/sessions';
import { BASIC, ENROLL_PATH, startBenchServer, type BenchServer } from './bench/servers';
import { fixed } from './bench/stats';
import { storeCounts } from './bench/probe';
import { measureStartup, type Startup } from './bench/startup';
import { largeDocumentChecks, measureLargeDocument, type LargeDocument } from './bench/large-document';
import { startRedis } from '../support/redis-server';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    groups: { type: 'string', default: 'enrollment,pets,sessions,startup,large' },
    contenders: { type: 'string', default: 'mock,express,node:http,prism' },
    'max-tickets': { type: 'string', default: '20000' },
    'max-sessions': { type: 'string', default: '1000' },
    starts: { type: 'string', default: '5' },
    'large-starts': { type: 'string', default: '3' },
    store: { type: 'string', default: 'memory' },
    'baseline-tarball': { type: 'string' },
  },
});
const ROUNDS = Number(values.rounds);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const GROUPS = new Set(values.groups.split(','));
for (const [name, value] of Object.entries(values))
  if (!['groups', 'contenders', 'store', 'baseline-tarball'].includes(name) && !(Number(value) > 0))
    throw new Error(`--${name} must be a positive number, got ${value}`);
if (values.store !== 'memory' && values.store !== 'redis')
  throw new Error(`--store must be memory or redis, got ${values.store}`);
const LIMITS: SessionLimits = {
  maxTickets: Number(values['max-tickets']),
  maxSessions: Number(values['max-sessions']),
};

/** One line of each round: a stream of requests against one server. */
interface Load {
  readonly name: string;
  readonly server: BenchServer;
  readonly requests: () => autocannon.Request[];
  /** Whether to read the store's counts after each round (the sessions loads). */
  readonly watchStore?: boolean;
}

// Both modes of the operation, in turn: interactive, then by email.
const enrollments = (): autocannon.Request[] =>
  ['true', 'false'].map((interactive) => ({
    method: 'POST',
    path: `${ENROLL_PATH}?isInteractive=${interactive}`,
    headers: { authorization: BASIC },
  }));
const pets = (): autocannon.Request[] => [{ ...PETS_REQUEST, headers: { ...PETS_REQUEST.headers } }];

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const servers: BenchServer[] = [];
  const redis = values.store === 'redis' ? await startRedis() : undefined;
  const start = async (name: string, extraArgs: readonly string[] = []): Promise<BenchServer> => {
    const server = await startBenchServer(name, extraArgs);
    servers.push(server);
    return server;
  };
  try {
    // Before any contender is started, so that none of them loads the machine meanwhile.
    const startup = GROUPS.has('startup')
      ? await measureStartup(Number(values.starts), values['baseline-tarball'])
      : undefined;
    const large = GROUPS.has('large')
      ? await measureLargeDocument(Number(values['large-starts']))
      : undefined;
    if (large?.skipped !== undefined) process.stdout.write(`large: skipped: ${large.skipped}\n`);
    const loads: Load[] = [];
    const checks: Check[] = [];
    if (GROUPS.has('enrollment')) {
      for (const name of values.contenders.split(','))
        loads.push({ name, server: await start(name), requests: enrollments });
      if (redis)
        loads.push({
          name: 'mock:redis',
          server: await start('mock:redis', ['--store', redis.url]),
          requests: enrollments,
        });
    }
    if (GROUPS.has('pets')) {
      const mock = await start('mock:pets');
      const bare = await start('express:pets');
      checks.push(await sameAnswer(mock.url, bare.url));
      loads.push({ name: 'pets:mock', server: mock, requests: pets });
      loads.push({ name: 'pets:express', server: bare, requests: pets });
    }
    let filled: Awaited<ReturnType<typeof storeCounts>>;
    if (GROUPS.has('sessions')) {
      const mock = await start('mock', limitArgs(LIMITS));
      filled = await fillStore(mock.url, LIMITS, CONNECTIONS);
      checks.push({
        target: `sessions: the store is full before the rounds (${LIMITS.maxTickets} tickets, ${LIMITS.maxSessions} sessions)`,
        measured: filled
          ? `${filled.tickets} tickets, ${filled.sessions} sessions`
          : 'no counts from /__admin/health',
        ok: filled?.tickets === LIMITS.maxTickets && filled.sessions === LIMITS.maxSessions,
      });
      loads.push({ name: 'sessions:steady', server: mock, requests: steadyStream, watchStore: true });
      loads.push({ name: 'sessions:fresh', server: mock, requests: freshStream, watchStore: true });
    }

    for (const l of loads) await load(l.server.url, l.requests(), { connections: CONNECTIONS, duration: 2 });
    const samples = new Map<string, Sample[]>(loads.map((l) => [l.name, []]));
    const storeAfter: Record<string, unknown[]> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const l of loads) {
        const sample = await load(l.server.url, l.requests(), {
          connections: CONNECTIONS,
          duration: DURATION,
        });
        samples.get(l.name)?.push(sample);
        let store = '';
        if (l.watchStore === true) {
          const counts = await storeCounts(l.server.url);
          (storeAfter[l.name] ??= []).push(counts);
          store = counts ? `  store ${counts.tickets} tickets, ${counts.sessions} sessions` : '';
        }
        process.stdout.write(
          `round ${round} ${l.name.padEnd(16)} ${fixed(sample.rps).padStart(6)} req/s  p99 ${sample.p99} ms${store}\n`,
        );
      }
    }
    report(
      loads,
      samples,
      [...checks, ...largeDocumentChecks(large)],
      startup,
      large,
      { filled, storeAfter },
      loadBefore,
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.kill();
  }
}

function report(
  loads: readonly Load[],
  samples: ReadonlyMap<string, Sample[]>,
  checks: readonly Check[],
  startup: Startup | undefined,
  large: LargeDocument | undefined,
  store: Record<string, unknown>,
  loadBefore: readonly number[],
): void {
  const rows = loads.map((l) =>
    summarise(l.name, samples.get(l.name) ?? [], l.server.peakRssMb(), l.server.firstOkMs),
  );
  const { ratios, checks: ratioChecks } = compare(COMPARISONS, samples);
  const all = [...ratioChecks, ...figureChecks(rows, startup), ...checks];
  writeReport(
    {
      settings: `Load: autocannon, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s after 2 s of warm-up each; sessions on a mock started with ${limitArgs(LIMITS).join(' ')}.`,
      rows,
      ratios,
      checks: all,
      extra: { startup, large, sessions: store, limits: LIMITS },
    },
    loadBefore,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
