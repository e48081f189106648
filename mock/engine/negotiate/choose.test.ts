import path from 'node:path';
import { PACKAGE_ROOT } from '../../../spec/document';
import { loadDocument } from '../../../spec/load';
import { choose, explainChoice } from './choose';

const { operations } = loadDocument(path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml'));
const byId = (id: string) => {
  const found = operations.find((o) => o.operationId === id);
  if (!found) throw new Error(id);
  return found;
};

describe('choose, from Prefer', () => {
  it.each([
    { operation: 'ListPets', prefer: { code: '400' }, choice: { status: 400, dynamic: false } },
    { operation: 'ListPets', prefer: { example: 'two' }, choice: { status: 200, example: 'two' } },
    { operation: 'ListPets', prefer: { dynamic: 'true' }, choice: { status: 200, dynamic: true } },
    { operation: 'GetPet', prefer: { code: '418' }, choice: { status: 418, dynamic: false } },
    { operation: 'CreatePet', prefer: { code: '503' }, choice: { status: 503, dynamic: false } },
    { operation: 'DeletePet', prefer: { code: '204' }, choice: { status: 204, dynamic: false } },
  ])('serves $prefer on $operation', ({ operation, prefer, choice }) => {
    expect(choose(byId(operation), prefer)).toEqual({
      ok: true,
      choice,
      decision: expect.stringMatching(/^prefer:/),
    });
  });

  it.each([
    { operation: 'ListPets', prefer: { code: '2OO' }, says: 'is not an HTTP status' },
    { operation: 'ListPets', prefer: { code: '500' }, says: 'is not documented for this operation' },
    { operation: 'GetPet', prefer: { code: '500' }, says: 'Allowed: 200, 404, 4XX' },
    { operation: 'ListPets', prefer: { example: 'rex' }, says: 'names no example' },
    { operation: 'ListPets', prefer: { code: '400', example: 'two' }, says: 'names no example of 400' },
    { operation: 'ListPets', prefer: { example: 'two', dynamic: 'true' }, says: 'cannot be combined' },
    { operation: 'ListPets', prefer: { dynamic: 'maybe' }, says: 'must be true or false' },
    { operation: 'ListPets', prefer: { dynamic: 'false' }, says: 'needs a code or an example' },
  ])('refuses $prefer on $operation', ({ operation, prefer, says }) => {
    const resolution = choose(byId(operation), prefer);
    expect(resolution.ok).toBe(false);
    expect(resolution.ok ? '' : resolution.detail).toContain(says);
  });
});

describe('explainChoice, for scenarios', () => {
  it.each([
    { operation: 'GetPet', choice: { status: 418 }, refusal: undefined },
    { operation: 'ListPets', choice: { status: 200, example: 'two' }, refusal: undefined },
    { operation: 'GetPet', choice: { status: 500 }, refusal: 'status' },
    { operation: 'GetPet', choice: { status: 200, example: 'two' }, refusal: 'example' },
    { operation: 'ListPets', choice: { status: 200, example: 'two', dynamic: true }, refusal: 'dynamic' },
    { operation: 'ListPets', choice: { example: 'two' }, refusal: 'status' },
  ])('on $operation, $choice is refused for: $refusal', ({ operation, choice, refusal }) => {
    expect(explainChoice(byId(operation), choice)?.field).toBe(refusal);
  });
});
