/**
 * The suite against another document (the engine's fixture, nine operations): it checks each
 * operation, and a server broken in any one of them is caught by the case meant to catch it.
 */
import { serveOnLoopback } from '../../support/loopback';
import { readSuiteConfig } from '../config';
import { runSuite } from '../run-suite';
import { petsServer, PETS_SPEC, type PetsFlaw } from './pets-servers';

const ENV = {
  NEXUS_SPEC: PETS_SPEC,
  NEXUS_BEARER_TOKEN: 'tok-pets-4b1d',
  NEXUS_BASIC_USERNAME: 'pets-user',
  NEXUS_BASIC_PASSWORD: 'pw-pets-8e2a',
  NEXUS_API_KEY_APIKEY: 'key-pets-header-6f0c',
  NEXUS_API_KEY_QUERYKEY: 'key-pets-query-1a7e',
  NEXUS_API_KEY_COOKIEKEY: 'key-pets-cookie-9d3b',
  NEXUS_ALLOW_UNSAFE_METHODS: 'true',
  NEXUS_CONTRACT_SEED: '20261202',
  NEXUS_MAX_RETRIES: '0',
};

async function runAgainst(flaw?: PetsFlaw) {
  const server = await serveOnLoopback(petsServer(flaw));
  try {
    return await runSuite(readSuiteConfig({ ...ENV, NEXUS_BASE_URL: server.url }));
  } finally {
    await server.close();
  }
}

const BROKEN: readonly { flaw: PetsFlaw; caughtBy: string }[] = [
  { flaw: 'health-wrong-shape', caughtBy: 'conformance.GetHealth.valid-call' },
  { flaw: 'list-crashes-on-sold', caughtBy: 'positive.ListPets' },
  { flaw: 'create-skips-validation', caughtBy: 'negative.CreatePet' },
  { flaw: 'create-checks-only-the-name', caughtBy: 'negative.CreatePet' },
  { flaw: 'get-as-text', caughtBy: 'conformance.GetPet.valid-call' },
  { flaw: 'delete-ignores-auth', caughtBy: 'auth.DeletePet.no-credentials' },
  { flaw: 'photo-refuses-bearer-and-key', caughtBy: 'auth.PutPetPhoto.accepts-Bearer+ApiKey' },
  { flaw: 'search-accepts-long-query', caughtBy: 'negative.SearchPets' },
  { flaw: 'preferences-ignore-cookie-key', caughtBy: 'auth.GetPreferences.no-credentials' },
  { flaw: 'legacy-report-succeeds', caughtBy: 'conformance.GetLegacyReport.valid-call' },
  { flaw: 'patch-pets-works', caughtBy: 'methods.pets.unsafe' },
];

describe('the contract suite against the fixture document', () => {
  it('checks every operation, and passes against the mock serving it', async () => {
    const summary = await runAgainst();
    expect(summary.results.filter((r) => r.outcome === 'failed')).toEqual([]);
    const checked = new Set(
      summary.results.filter((r) => r.outcome === 'passed').map((r) => r.id.split('.')[1]),
    );
    for (const operationId of [
      'GetHealth',
      'ListPets',
      'CreatePet',
      'GetPet',
      'DeletePet',
      'PutPetPhoto',
      'SearchPets',
      'GetLegacyReport',
      'GetPreferences',
    ])
      expect(checked).toContain(operationId);
    // An operation that documents only `default` is answered 200 from it, and shows as served from it.
    const legacy = summary.coverage.operations.find((o) => o.operationId === 'GetLegacyReport');
    expect(legacy?.responses).toEqual([expect.objectContaining({ response: 'default', statuses: [200] })]);
  }, 120_000);

  it.each(BROKEN)(
    'catches $flaw in $caughtBy',
    async ({ flaw, caughtBy }) => {
      const summary = await runAgainst(flaw);
      expect(summary.results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toContain(caughtBy);
    },
    120_000,
  );
});
