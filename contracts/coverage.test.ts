import { loadSuiteSpec } from './suite-spec';
import { Coverage } from './coverage';
import { readSuiteConfig } from './config';
import { startReferenceServer } from './mutants/reference-server';
import { runSuite } from './run-suite';
import { PETS_SPEC } from './mutants/pets-servers';

const exchange = (status: number, contentType?: string) => ({
  method: 'GET',
  url: '/x',
  status,
  headers: contentType === undefined ? {} : { 'content-type': contentType },
  text: '',
});

describe('Coverage', () => {
  const spec = loadSuiteSpec(PETS_SPEC);
  const operation = (id: string) => {
    const found = spec.operations.find((o) => o.operationId === id);
    if (!found) throw new Error(id);
    return found;
  };

  it('counts each exchange against the documented response and media type it reached, failures too', () => {
    const coverage = new Coverage(spec.operations);
    coverage.record(operation('ListPets'), exchange(200, 'text/csv; charset=utf-8'), false);
    coverage.record(operation('ListPets'), exchange(400, 'application/problem+json'), true);
    const rows = coverage.report().operations.find((o) => o.operationId === 'ListPets')?.responses;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ response: '200', mediaType: 'text/csv', exchanges: 1, failed: 0 }),
        expect.objectContaining({ response: '200', mediaType: 'application/json', exchanges: 0 }),
        expect.objectContaining({ response: '400', exchanges: 1, failed: 1 }),
      ]),
    );
  });

  it('shows the statuses a default or a range served, and the ones nothing documents', () => {
    const coverage = new Coverage(spec.operations);
    coverage.record(operation('CreatePet'), exchange(503, 'application/problem+json'), false);
    coverage.record(operation('GetPet'), exchange(409, 'application/problem+json'), false);
    coverage.record(operation('GetHealth'), exchange(302), true);
    const report = coverage.report();
    const rows = (id: string) => report.operations.find((o) => o.operationId === id);
    expect(rows('CreatePet')?.responses).toContainEqual(
      expect.objectContaining({ response: 'default', statuses: [503] }),
    );
    expect(rows('GetPet')?.responses).toContainEqual(
      expect.objectContaining({ response: '4XX', statuses: [409] }),
    );
    expect(rows('GetHealth')?.undocumented).toEqual([{ status: 302, exchanges: 1 }]);
    expect(coverage.unobserved(operation('CreatePet')).map((r) => r.key)).not.toContain('default');
  });

  it('gives the share of documented responses observed', () => {
    const coverage = new Coverage(spec.operations);
    expect(coverage.report().percent).toBe(0);
    coverage.record(operation('GetHealth'), exchange(200, 'application/json'), false);
    const { observed, documented, percent } = coverage.report();
    expect(observed).toBe(1);
    expect(percent).toBe(Math.round((1 / documented) * 1000) / 10);
  });
});

describe('NEXUS_MIN_COVERAGE', () => {
  const run = async (minimum: string) => {
    const server = await startReferenceServer();
    try {
      return await runSuite(
        readSuiteConfig({
          NEXUS_BASE_URL: server.url,
          NEXUS_BASIC_USERNAME: 'u',
          NEXUS_BASIC_PASSWORD: 'pw-coverage-1',
          NEXUS_MIN_COVERAGE: minimum,
          NEXUS_CONTRACT_SEED: '3',
        }),
      );
    } finally {
      await server.close();
    }
  };

  it('fails a run that observed less than the floor, saying how much it saw', async () => {
    const summary = await run('100');
    const result = summary.results.find((r) => r.id === 'coverage.minimum');
    expect(result).toMatchObject({ outcome: 'failed', check: 'coverage' });
    expect(result?.reason).toMatch(
      /^\d+(\.\d)?% of the documented responses were observed \(\d+\/5\); NEXUS_MIN_COVERAGE is 100$/,
    );
  }, 60_000);

  it('passes a run at or above the floor', async () => {
    const summary = await run('20');
    expect(summary.results.find((r) => r.id === 'coverage.minimum')?.outcome).toBe('passed');
    expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
  }, 60_000);
});
