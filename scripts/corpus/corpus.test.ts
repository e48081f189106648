/**
 * `npm run corpus` on the kit's own documents: the table says which start, how their operations
 * were answered and what the suite said, and a document the mock refuses shows its exit line.
 * Facts only, never timings (those are the bench's).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadDocument } from '../../spec/load';
import { SPEC_PATH } from '../../spec/document';
import { BUILD_TIMEOUT_MS, buildDist } from '../../support/build';
import { documentsIn } from './documents';
import { runDocument, type CorpusRow, type RunOptions } from './run-document';
import { cells, formatTable, TABLE_HEADER } from './table';

const PETS = path.join(path.dirname(SPEC_PATH), 'fixtures', 'pets.openapi.yaml');
const scratch = mkdtempSync(path.join(tmpdir(), 'nexus-corpus-'));
const OPTIONS: RunOptions = {
  requestTimeoutMs: 10_000,
  budgetMs: 60_000,
  concurrency: 2,
  startTimeoutMs: 60_000,
  suiteTimeoutMs: 120_000,
  reportsDir: path.join(scratch, 'reports'),
};

/** A document of one operation that requires a bearer token and documents no 401. */
function writeDocument(name: string, document: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, stringify(document));
  return file;
}
const NO_401 = writeDocument('no-401.yaml', {
  openapi: '3.1.0',
  info: { title: 'No 401', version: '1' },
  components: { securitySchemes: { Bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ Bearer: [] }],
  paths: {
    '/things': {
      get: {
        operationId: 'ListThings',
        responses: {
          '200': {
            description: 'The things.',
            content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
          },
        },
      },
    },
  },
});
const BROKEN = writeDocument('broken.yaml', {
  openapi: '3.1.0',
  info: { title: 'Broken', version: '1' },
  paths: {
    '/x': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } },
  },
});

beforeAll(buildDist, BUILD_TIMEOUT_MS);

describe('a document the mock serves', () => {
  let pets: CorpusRow;
  beforeAll(async () => {
    pets = await runDocument(PETS, OPTIONS);
  }, 240_000);

  it('starts, and every operation is sent its requests', () => {
    expect(pets).toMatchObject({ starts: true, version: '3.1.0', notReached: 0, hangs: 0, unsendable: 0 });
    expect(pets.firstOkMs).toBeGreaterThan(0);
    expect(pets.operations).toBe(loadDocument(PETS).operations.length);
    expect(pets.probed).toBe(pets.operations);
  });

  it('counts every operation answered with a documented status, media type and schema', () => {
    expect(pets.documented).toBe(pets.operations);
    expect(pets.schemaValid).toBe(pets.operations);
    expect(pets.examples.every((e) => !e.includes('_conformance'))).toBe(true);
  });

  it('sends a valid request to each operation, and one without a required part where there is one', () => {
    expect(pets.validOk.sent).toBe(pets.operations);
    expect(pets.missingRefused.sent).toBeGreaterThan(0);
    expect(pets.missingRefused.ok).toBe(pets.missingRefused.sent);
  });

  it('runs the contract suite against the mock, which passes', () => {
    expect(pets.suite).toMatchObject({ exit: 0, timedOut: false });
    expect(pets.suite?.counts?.passed).toBeGreaterThan(0);
    expect(pets.suite?.counts?.failed).toBe(0);
  });
});

/** Every document of spec/fixtures/ (the multi-file one by its entry file): the shapes real documents take. */
const FIXTURES = [
  ...documentsIn(path.dirname(PETS)),
  path.join(path.dirname(PETS), 'multi-file', 'openapi.yaml'),
];

it.each(FIXTURES.map((file) => [path.relative(path.dirname(PETS), file), file]))(
  'starts on the fixture %s and sends every operation its requests, without a hang or a 5xx',
  async (_name, file) => {
    const row = await runDocument(file, { ...OPTIONS, suiteTimeoutMs: 0 });
    expect(row).toMatchObject({ starts: true, notReached: 0, hangs: 0, serverErrors: 0 });
    expect(row.operations).toBe(loadDocument(file).operations.length);
    expect(row.probed).toBe(row.operations);
    expect(row.validOk.sent + row.unsendable).toBe(row.operations);
  },
  120_000,
);

it('answers the Nexus document as documented, with and without credentials', async () => {
  const nexus = await runDocument(SPEC_PATH, { ...OPTIONS, suiteTimeoutMs: 0 });
  expect(nexus).toMatchObject({
    starts: true,
    probed: nexus.operations,
    documented: nexus.operations,
    schemaValid: nexus.operations,
    serverErrors: 0,
    validOk: { ok: nexus.operations, sent: nexus.operations },
  });
  expect(nexus.missingRefused.ok).toBe(nexus.missingRefused.sent);
  expect(nexus.suite).toBeUndefined();
}, 120_000);

it('does not count a 401 the document leaves out against the mock: HTTP requires it, the suite warns', async () => {
  const row = await runDocument(NO_401, { ...OPTIONS, suiteTimeoutMs: 0 });
  expect(row).toMatchObject({ starts: true, probed: 1, documented: 1, validOk: { ok: 1, sent: 1 } });
  expect(row.missingRefused).toEqual({ ok: 1, sent: 1 });
  expect(row.examples).toEqual([]);
}, 120_000);

it('shows the exit line of a document the mock refuses, and sends nothing', async () => {
  const row = await runDocument(BROKEN, OPTIONS);
  expect(row).toMatchObject({ starts: false, probed: 0 });
  expect(row.refusal).toMatch(/^exit 2: nexus-mock: .*broken\.yaml: .*#\/components\/responses\/Missing/);
  expect(row.firstOkMs).toBeUndefined();
}, 120_000);

it('prints one table line per document with the columns of the header', async () => {
  const refused = await runDocument(BROKEN, OPTIONS);
  const table = formatTable([refused]);
  expect(table).toContain(`| ${TABLE_HEADER.join(' | ')} |`);
  expect(table).toContain('| broken | 3.1.0 | 1 | exit 2: nexus-mock:');
  expect(cells(refused)).toHaveLength(TABLE_HEADER.length);
  expect(table).toContain('0 of 1 documents start');
}, 120_000);

it('takes a folder as its documents, without the corpus index', () => {
  writeFileSync(path.join(scratch, 'index.json'), '[]');
  expect(documentsIn(scratch).map((f) => path.basename(f))).toEqual(['broken.yaml', 'no-401.yaml']);
});
