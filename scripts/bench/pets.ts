import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PACKAGE_ROOT, escapePointer, isObject, loadSpec, resolvePointer } from '../../spec/document';
import { probe, type Probe } from './probe';
import type { Check } from './report';

/**
 * The example-served operation the bench loads: GET /pets/{petId} of the engine's fixture, which the
 * mock answers from the document alone (its first example), with no behaviour of its own.
 */
export const PETS_SPEC = path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml');
export const PETS_ROUTE = '/pets/{petId}';
export const PETS_REQUEST: Probe = {
  method: 'GET',
  path: '/pets/7',
  headers: { authorization: 'Bearer t-1' },
};

/**
 * The body the mock serves for GET /pets/{petId}: the first example of its 200 application/json
 * answer, read from the fixture so that the bare baseline answers the same JSON without a copy.
 * @see spec/fixtures/pets.openapi.yaml#/paths/~1pets~1{petId}/get/responses/200
 */
export function petExample(): unknown {
  const pointer = ['paths', PETS_ROUTE, 'get', 'responses', '200', 'content', 'application/json']
    .map(escapePointer)
    .join('/');
  const media = resolvePointer(loadSpec(PETS_SPEC), `#/${pointer}`);
  if (!isObject(media)) throw new Error(`${PETS_SPEC}: no JSON answer for GET ${PETS_ROUTE}`);
  if ('example' in media) return media.example;
  const first: unknown = isObject(media.examples) ? Object.values(media.examples)[0] : undefined;
  if (!isObject(first) || !('value' in first))
    throw new Error(`${PETS_SPEC}: no example for GET ${PETS_ROUTE}`);
  return first.value;
}

/** Whether the mock and the baseline answer GET /pets/7 with the same status and the same JSON. */
export async function sameAnswer(mockUrl: string, bareUrl: string): Promise<Check> {
  const [mock, bare] = await Promise.all([probe(mockUrl, PETS_REQUEST), probe(bareUrl, PETS_REQUEST)]);
  const json = (body: string): unknown => {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return undefined;
    }
  };
  const same = mock.status === bare.status && isDeepStrictEqual(json(mock.body), json(bare.body));
  return {
    target: `GET ${PETS_REQUEST.path}: the mock and bare Express answer the same JSON`,
    measured: same
      ? `${mock.status ?? 'no answer'}, same body`
      : `mock ${mock.status ?? 'no answer'} ${mock.body.slice(0, 120)}`,
    ok: same,
  };
}
