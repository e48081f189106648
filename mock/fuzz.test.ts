import fc from 'fast-check';
import { createApp } from './app';
import { ManualClock } from './clock';
import { FuzzClient, type RequestCounter } from './test-support/fuzz-client';
import {
  adminBodyRequest,
  anyRequest,
  enrollmentRequest,
  type FuzzRequest,
} from './test-support/fuzz-requests';
import { basic, ENROLLMENT_PATH } from './test-support/http';

/**
 * Property-based fuzzing of the whole app with generated bad requests (fast-check). Every answer is
 * checked as it arrives (see FuzzClient): no 5xx unless the request forced one, every error is
 * `application/problem+json` with a matching `status`, and the enrollment endpoint's answers conform
 * to the spec. The seed is fixed so CI is reproducible; `FUZZ_SEED=<integer>` explores elsewhere, and
 * a failure prints the seed and path that replay it.
 */
const seed = fuzzSeed(process.env.FUZZ_SEED);
const counter: RequestCounter = { sent: 0 };
const MIN_REQUESTS = 10_000;
/** Generous for a 2-core CI machine: a run takes a fraction of it, a shrinking failure may take more. */
const TIMEOUT_MS = 90_000;

function fuzzSeed(value: string | undefined): number {
  if (value === undefined || value === '') return 20_261_129;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`FUZZ_SEED must be an integer, not '${value}'`);
  return parsed;
}

const clients: FuzzClient[] = [];

/** A fresh app, as `npm start -- --seed fuzz` would be, on a clock that never lets a ticket expire. */
async function freshClient(): Promise<FuzzClient> {
  const client = await FuzzClient.start(createApp({ seed: 'fuzz', clock: new ManualClock() }), counter);
  clients.push(client);
  return client;
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

/** Some state worth protecting: tickets and an email for known users, a scenario that never fires. */
async function giveState(client: FuzzClient): Promise<void> {
  await client.exchange({
    method: 'POST',
    target: `${ENROLLMENT_PATH}?isInteractive=true`,
    headers: basic('alice'),
  });
  await client.exchange({ method: 'POST', target: ENROLLMENT_PATH, headers: basic('bob') });
  await client.exchange({
    method: 'POST',
    target: '/__admin/scenarios',
    headers: {},
    body: { contentType: 'application/json', text: '{"status":404,"match":{"userId":"nobody"}}' },
  });
}

/** Runs each batch of requests, then checks the app is still up (property 3). */
async function assertBatches(
  client: FuzzClient,
  requests: fc.Arbitrary<FuzzRequest>,
  numRuns: number,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(requests, { minLength: 1, maxLength: 16 }), async (batch) => {
      for (const fuzz of batch) await client.exchange(fuzz);
      await client.expectHealthy();
    }),
    { seed, numRuns },
  );
}

describe(`the mock under fuzzed requests (seed ${seed})`, () => {
  it(
    'answers bad queries, credentials and Prefer values on the enrollment endpoint within the spec',
    async () => {
      await assertBatches(await freshClient(), enrollmentRequest, 800);
    },
    TIMEOUT_MS,
  );

  it(
    'answers every method on known, misspelt and unknown paths with problem details, never a 5xx',
    async () => {
      await assertBatches(await freshClient(), anyRequest, 600);
    },
    TIMEOUT_MS,
  );

  it(
    'answers malformed, mistyped and oversized admin bodies with problem details, never a 5xx',
    async () => {
      // Enrollments among them issue the tickets that completions act on, and meet the scenarios created.
      const requests = fc.oneof({ weight: 3, arbitrary: adminBodyRequest }, enrollmentRequest);
      await assertBatches(await freshClient(), requests, 350);
    },
    TIMEOUT_MS,
  );

  it(
    'leaves tickets, users, outbox and scenarios unchanged when it rejects a request',
    async () => {
      const client = await freshClient();
      await giveState(client);
      let known = await client.snapshot();
      await fc.assert(
        fc.asyncProperty(fc.oneof(enrollmentRequest, anyRequest, adminBodyRequest), async (fuzz) => {
          const { res } = await client.exchange(fuzz);
          const before = known;
          known = await client.snapshot();
          // Only a rejection must leave state alone: a 200 issues a ticket, and a scenario's answer
          // (even a 4xx) counts as it fires.
          const rejected = res.status >= 400 && res.status < 500;
          const byScenario = String(res.headers['x-mock-decision']).startsWith('scenario:');
          if (rejected && !byScenario) expect(known).toEqual(before);
        }),
        { seed, numRuns: 2_000 },
      );
    },
    TIMEOUT_MS,
  );

  it(`sent at least ${MIN_REQUESTS} fuzzed requests`, () => {
    expect(counter.sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
  });
});
