/**
 * A large document within a budget (issue 17, item 7): every operation gets its valid call, a
 * seeded sample of NEXUS_MAX_OPERATIONS gets every check, and the run says what it sampled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeLargeDocument } from '../scripts/lib/large-document';
import { readSuiteConfig } from './config';
import { runSuite } from './run-suite';
import { sampleOperations } from './sample';
import { formatSummary } from './summary';
import { loadSuiteSpec } from './suite-spec';

let folder: string;
let spec: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'nexus-sample-'));
  spec = writeLargeDocument(path.join(folder, 'thirty.openapi.json'), 30);
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

it('gives every operation its valid call and a seeded sample every check, saying so, and passes the mock', async () => {
  const summary = await runSuite(
    readSuiteConfig({ NEXUS_SPEC: spec, NEXUS_MAX_OPERATIONS: '5', NEXUS_CONTRACT_SEED: '3' }),
  );
  expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
  const validCalls = summary.results.filter((r) => /^conformance\..*\.valid-call$/.test(r.id));
  expect(validCalls).toHaveLength(30);
  expect(summary.sampling.fullyChecked).toHaveLength(5);
  const generated = new Set(
    summary.results.filter((r) => r.id.startsWith('generative.')).map((r) => r.id.split('.')[1]),
  );
  expect([...generated].sort()).toEqual([...summary.sampling.fullyChecked].sort());
  expect(formatSummary(summary)).toContain(
    'Sampling: sampled: every one of the 30 operations got its valid call; 5 of them, drawn by seed 3, got every check (NEXUS_MAX_OPERATIONS=5',
  );
}, 120_000);

describe('sampleOperations', () => {
  it('draws the same operations for the same seed, others for another, and all of a small document', () => {
    const { operations } = loadSuiteSpec(spec);
    const ids = (seed: number) =>
      sampleOperations(operations, { maxOperations: 5, seed }).full.map((o) => o.operationId);
    expect(ids(1)).toEqual(ids(1));
    expect(ids(1)).not.toEqual(ids(2));
    expect(sampleOperations(operations, { maxOperations: 50, seed: 1 }).sampling.note).toBeUndefined();
  });
});
