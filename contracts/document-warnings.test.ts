/**
 * Where a document leaves out a response HTTP itself requires, the suite warns about the document
 * and does not fail the deployment for giving it (issue 17, item 7): the mock answers 401 to a
 * request without credentials, as HTTP requires, even where the document lists only a 200.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSuiteSpec } from './suite-spec';
import { readSuiteConfig } from './config';
import { requiredByHttp } from './document-warnings';
import { formatJunit } from './junit';
import { runSuite } from './run-suite';
import { formatSummary } from './summary';

const DOCUMENT = `openapi: 3.1.0
info: { title: No 401, version: 1.0.0 }
components:
  securitySchemes:
    Bearer: { type: http, scheme: bearer }
security:
  - Bearer: []
paths:
  /things:
    get:
      operationId: ListThings
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema: { type: array, items: { type: string } }
  /public:
    get:
      operationId: GetPublic
      security: []
      responses:
        '200':
          description: Public.
          content:
            application/json:
              schema: { type: object }
`;

let folder: string;
let spec: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'nexus-document-warnings-'));
  spec = path.join(folder, 'no-401.openapi.yaml');
  writeFileSync(spec, DOCUMENT);
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

it('passes the mock that answers an undocumented 401, and warns about the document once, naming the response', async () => {
  const summary = await runSuite(readSuiteConfig({ NEXUS_SPEC: spec, NEXUS_CONTRACT_SEED: '7' }));
  expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
  expect(summary.documentWarnings).toEqual([
    expect.stringMatching(
      /^ListThings \(GET \/things\) documents no 401 response, which HTTP requires for a request without valid credentials/,
    ),
  ]);
  expect(formatSummary(summary)).toContain(
    'Warnings about the document (1; the deployment is not failed for them):',
  );
  expect(formatJunit(summary, 0)).toContain('document warning: ListThings (GET /things) documents no 401');
}, 60_000);

describe('requiredByHttp', () => {
  const operations = loadSuiteSpecLazy();
  it.each([
    ['ListThings', 401, true],
    ['GetPublic', 401, false],
    ['GetPublic', 405, true],
    ['GetPublic', 406, true],
    ['GetPublic', 413, true],
    ['GetPublic', 415, true],
    ['GetPublic', 429, true],
    ['GetPublic', 500, false],
    ['GetPublic', 404, false],
  ])('%s answering %i: required by HTTP is %s', (operationId, status, required) => {
    const operation = operations().find((o) => o.operationId === operationId);
    expect(operation && requiredByHttp(operation, status) !== undefined).toBe(required);
  });
});

/** The document's operations, read once the file exists. */
function loadSuiteSpecLazy() {
  return () => loadSuiteSpec(spec).operations;
}
