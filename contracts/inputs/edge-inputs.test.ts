/**
 * The inputs where deployments break (issue 18), as the suite sends them to the kit's own
 * operation and to the fixture's: lengths, non-ASCII, encodings that are not UTF-8, numbers at the
 * limits, repeats in company and order, names in another case, deep and large bodies.
 */
import path from 'node:path';
import { PACKAGE_ROOT, SPEC_PATH } from '../../spec/document';
import { loadSuiteSpec } from '../suite-spec';
import { toRequest } from './call-input';
import { LONG_LENGTH } from './edge-values';
import { OperationInputs } from './operation-inputs';

function edgesOf(spec: string, operationId: string) {
  const suite = loadSuiteSpec(spec);
  const operation = suite.operations.find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`no ${operationId}`);
  return new OperationInputs(suite, operation).edges().map((edge) => ({
    ...edge,
    url: toRequest(operation, edge.input, { headers: {}, query: edge.query ?? [], cookies: [] }).url,
  }));
}

describe('the edge inputs of the enrollment', () => {
  const edges = edgesOf(SPEC_PATH, 'CreateMfaEnrollment');
  const urlOf = (what: string): string => edges.find((e) => e.what === what)?.url ?? `(no edge "${what}")`;

  it.each([
    ['factor empty', /[?&]factor=(&|$)/],
    ['factor one character', /[?&]factor=a(&|$)/],
    [`factor ${LONG_LENGTH} characters`, new RegExp(`factor=a{${LONG_LENGTH}}`)],
    ['factor right-to-left text', /factor=%D9%85%D8%B1/],
    ['factor emoji', /factor=%F0%9F%99%82/],
    ['factor a NUL character', /factor=a%00b/],
    ['factor a percent-encoding that is not UTF-8', /factor=%FF%FE/],
    ['factor a lone percent sign', /factor=%(&|$)/],
    ['isInteractive repeated', /isInteractive=(true|false).*isInteractive=(true|false)/],
  ])('sends %s', (what, url) => {
    expect(urlOf(what)).toMatch(url);
  });

  it('repeats a parameter together with every other one, puts it first, and spells a name in capitals', () => {
    expect(urlOf('isInteractive repeated, with every other parameter')).toMatch(
      /^(?=.*factor=)(?=.*isInteractive=(true|false).*isInteractive=(true|false))/,
    );
    expect(urlOf('factor first')).toMatch(/\?factor=[^&]*&isInteractive=/);
    expect(urlOf('factor spelled FACTOR')).toMatch(/[?&]FACTOR=/);
    expect(urlOf('factor spelled FACTOR')).not.toMatch(/[?&]factor=/);
  });
});

describe('the edge inputs of the fixture', () => {
  const fixture = path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml');

  it('sends numbers at and past the int32, int64 and double limits to a numeric parameter', () => {
    const numeric = edgesOf(fixture, 'ListPets').filter((e) => /int32|int64|double/.test(e.what));
    expect(numeric.map((e) => e.what.replace(/^\S+ /, ''))).toEqual(
      expect.arrayContaining(['past int32', 'past int64', 'past the largest double']),
    );
  });

  it('sends deep and large JSON bodies to an operation that takes JSON', () => {
    const bodies = edgesOf(fixture, 'CreatePet').filter((e) => e.what.startsWith('a body of'));
    expect(bodies.map((e) => e.what)).toEqual([
      'a body of JSON nested 10000 deep',
      'a body of objects nested 10000 deep',
      'a body of a 1 MB string',
      'a body of an array of 100 000 items',
    ]);
    expect(bodies[2]?.input.body?.text.length).toBeGreaterThan(1024 * 1024);
  });
});
