import { parse as parseQuery } from 'node:querystring';
import fc from 'fast-check';
import { loadDocument } from '../../../spec/load';
import { describeOperation } from '../../../spec/operation';
import { createSpecAjv } from '../../../spec/schemas';
import { compileParameterValidator, type ParameterValidation, type RawParameters } from './parameters';
import { describeViolations, type RequestViolation } from './violations';

const OWNER = '5c0b2f3e-8d4a-4f6b-9e1c-2a7d3b8f0e15';

const { document } = loadDocument({
  openapi: '3.1.0',
  info: { title: 'pets', version: '1' },
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'ratio', in: 'query', schema: { type: 'number' } },
          { name: 'vaccinated', in: 'query', schema: { type: 'boolean' } },
          { name: 'minAge', in: 'query', schema: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
          { name: 'species', in: 'query', schema: { $ref: '#/components/schemas/Species' } },
          { name: 'born', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          {
            name: 'ids',
            in: 'query',
            explode: false,
            schema: { type: 'array', items: { type: 'integer' }, maxItems: 3 },
          },
          {
            name: 'filter',
            in: 'query',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['age'], properties: { age: { type: 'integer' } } },
              },
            },
          },
        ],
        responses: { '200': { description: 'the pets' } },
      },
    },
    '/owners/{ownerId}/pets/{petId}': {
      parameters: [
        { name: 'ownerId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      get: {
        operationId: 'showPet',
        parameters: [
          { name: 'petId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          { name: 'X-Api-Key', in: 'header', required: true, schema: { type: 'string', minLength: 8 } },
          { name: 'X-Request-Id', in: 'header', schema: { type: 'string', format: 'uuid' } },
          { name: 'X-Tags', in: 'header', schema: { type: 'array', items: { type: 'string' } } },
          // Ignored by OpenAPI's rule for Accept, Content-Type and Authorization: HTTP carries those.
          { name: 'Accept', in: 'header', required: true, schema: { type: 'string', const: 'text/csv' } },
          { name: 'session', in: 'cookie', required: true, schema: { type: 'string' } },
          {
            name: 'theme',
            in: 'cookie',
            schema: { type: 'string', enum: ['light', 'dark'], default: 'light' },
          },
          { name: 'visits', in: 'cookie', schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'the pet' } },
      },
    },
  },
  components: { schemas: { Species: { type: 'string', enum: ['cat', 'dog'] } } },
});

/** The kit's Ajv: it does not coerce, the validator does (see `validateCoercing`). */
const ajv = createSpecAjv(document);
const listPets = compileParameterValidator(ajv, describeOperation(document, 'listPets'));
const showPet = compileParameterValidator(ajv, describeOperation(document, 'showPet'));

/** The query as the engine hands it over: `querystring.parse` never leaves a value undefined. */
const parsed = (text: string) => parseQuery(text) as Record<string, string | string[]>;

const query = (text: string): RawParameters => ({ pathParams: {}, query: parsed(text), headers: {} });

const pet = (overrides: Partial<RawParameters> = {}): RawParameters => ({
  pathParams: { ownerId: OWNER, petId: '7' },
  query: {},
  headers: { 'x-api-key': 'k3y-of-eight', cookie: 'session=s1' },
  ...overrides,
});

function valuesOf(result: ParameterValidation): ParameterValidation & { ok: true } {
  if (!result.ok) throw new Error(`expected valid parameters, got: ${describeViolations(result.violations)}`);
  return result;
}

function violationsOf(result: ParameterValidation): readonly RequestViolation[] {
  if (result.ok) throw new Error('expected violations, got valid parameters');
  return result.violations;
}

describe('reading parameters to their schemas types', () => {
  it.each([
    { given: 'limit=5', name: 'limit', value: 5 },
    { given: '', name: 'limit', value: 20 },
    { given: 'ratio=0.25', name: 'ratio', value: 0.25 },
    { given: 'ratio=-1e3', name: 'ratio', value: -1000 },
    { given: 'vaccinated=true', name: 'vaccinated', value: true },
    { given: 'vaccinated=false', name: 'vaccinated', value: false },
    { given: 'minAge=3', name: 'minAge', value: 3 },
    { given: 'minAge=', name: 'minAge', value: null },
    { given: 'species=cat', name: 'species', value: 'cat' },
    { given: 'born=2020-02-29', name: 'born', value: '2020-02-29' },
    { given: 'tags=a&tags=b', name: 'tags', value: ['a', 'b'] },
    { given: 'tags=a', name: 'tags', value: ['a'] },
    { given: 'tags=', name: 'tags', value: [] },
    { given: 'ids=1,2,3', name: 'ids', value: [1, 2, 3] },
    { given: 'filter=%7B%22age%22%3A3%7D', name: 'filter', value: { age: 3 } },
  ])('reads ?$given as $name = $value', ({ given, name, value }) => {
    expect(valuesOf(listPets(query(given))).values.query[name]).toEqual(value);
  });

  it('gives an absent parameter its default and leaves the others out', () => {
    expect(valuesOf(listPets(query('utm_source=mail'))).values).toEqual({
      path: {},
      query: { limit: 20 },
      header: {},
      cookie: {},
    });
  });

  it('reads path, header and cookie parameters, by location', () => {
    const request = pet({
      pathParams: { ownerId: OWNER, petId: '%37' },
      headers: { 'x-api-key': 'k3y-of-eight', 'x-tags': 'a, b', cookie: 'session=s1; visits=3' },
    });
    expect(valuesOf(showPet(request)).values).toEqual({
      path: { ownerId: OWNER, petId: 7 },
      query: {},
      header: { 'X-Api-Key': 'k3y-of-eight', 'X-Tags': ['a', 'b'] },
      cookie: { session: 's1', theme: 'light', visits: 3 },
    });
  });

  it.each([
    { sent: 'x-api-key', value: 'k3y-of-eight' },
    { sent: 'X-API-KEY', value: 'k3y-of-eight' },
    { sent: 'X-Api-Key', value: ['k3y-of-eight'] },
  ])('finds the header X-Api-Key sent as $sent', ({ sent, value }) => {
    const result = showPet(pet({ headers: { [sent]: value, cookie: 'session=s1' } }));
    expect(valuesOf(result).values.header['X-Api-Key']).toBe('k3y-of-eight');
  });

  it('gives the same values with an Ajv that coerces by itself', () => {
    const coercing = createSpecAjv(document, { coerceTypes: 'array', useDefaults: true });
    const validate = compileParameterValidator(coercing, describeOperation(document, 'listPets'));
    const given = query('limit=5&vaccinated=true&minAge=&tags=a&ids=1,2');
    expect(validate(given)).toEqual(listPets(given));
  });
});

describe('reporting violations', () => {
  it.each([
    { given: 'limit=0', name: 'limit', message: 'must be >= 1' },
    { given: 'limit=abc', name: 'limit', message: 'must be integer' },
    { given: 'limit=1.5', name: 'limit', message: 'must be integer' },
    { given: 'limit=%205', name: 'limit', message: 'must be integer' },
    { given: 'limit=1&limit=2', name: 'limit', message: 'must be given once' },
    { given: 'vaccinated=TRUE', name: 'vaccinated', message: 'must be boolean' },
    { given: 'vaccinated=', name: 'vaccinated', message: 'must be boolean' },
    { given: 'species=cow', name: 'species', message: 'must be one of: cat, dog' },
    { given: 'born=yesterday', name: 'born', message: 'must match format "date"' },
    { given: 'ids=1,x', name: 'ids', message: 'item 1 must be integer' },
    { given: 'ids=1,2,3,4', name: 'ids', message: 'must NOT have more than 3 items' },
    { given: 'ids=1&ids=2', name: 'ids', message: 'must be given once' },
    { given: 'filter=%7Bage', name: 'filter', message: 'must be JSON' },
    { given: 'filter=%7B%7D', name: 'filter', message: "property 'age' is required" },
    // JSON is typed already: a `content` parameter is not coerced.
    { given: 'filter=%7B%22age%22%3A%223%22%7D', name: 'filter', message: "property 'age' must be integer" },
  ])('rejects ?$given: $name $message', ({ given, name, message }) => {
    expect(violationsOf(listPets(query(given)))).toEqual([{ in: 'query', name, message }]);
  });

  it.each([
    {
      pathParams: { ownerId: 'not-a-uuid', petId: '7' },
      name: 'ownerId',
      message: 'must match format "uuid"',
    },
    { pathParams: { ownerId: OWNER, petId: 'seven' }, name: 'petId', message: 'must be integer' },
    { pathParams: { ownerId: OWNER, petId: '0' }, name: 'petId', message: 'must be >= 1' },
    {
      pathParams: { ownerId: OWNER, petId: '%FF' },
      name: 'petId',
      message: 'is not valid percent-encoded UTF-8',
    },
    {
      pathParams: { ownerId: OWNER, petId: '%' },
      name: 'petId',
      message: 'is not valid percent-encoded UTF-8',
    },
  ])('rejects the path parameter $name: $message', ({ pathParams, name, message }) => {
    expect(violationsOf(showPet(pet({ pathParams })))).toEqual([{ in: 'path', name, message }]);
  });

  it('reports every violation together, in the order the document lists the parameters', () => {
    const result = listPets(query('filter=x&ids=1,x&species=cow&vaccinated=maybe&limit=0&limit=1&ratio=r'));
    expect(violationsOf(result)).toEqual([
      { in: 'query', name: 'limit', message: 'must be given once' },
      { in: 'query', name: 'ratio', message: 'must be number' },
      { in: 'query', name: 'vaccinated', message: 'must be boolean' },
      { in: 'query', name: 'species', message: 'must be one of: cat, dog' },
      { in: 'query', name: 'ids', message: 'item 1 must be integer' },
      { in: 'query', name: 'filter', message: 'must be JSON' },
    ]);
  });

  it('reports missing required parameters of every location, in document order', () => {
    expect(violationsOf(showPet({ pathParams: {}, query: {}, headers: { cookie: 'theme=blue' } }))).toEqual([
      { in: 'path', name: 'ownerId', message: 'is required' },
      { in: 'path', name: 'petId', message: 'is required' },
      { in: 'header', name: 'X-Api-Key', message: 'is required' },
      { in: 'cookie', name: 'session', message: 'is required' },
      { in: 'cookie', name: 'theme', message: 'must be one of: light, dark' },
    ]);
  });

  it('ignores the Accept, Content-Type and Authorization header parameters, as OpenAPI says', () => {
    const result = showPet(
      pet({ headers: { 'x-api-key': 'k3y-of-eight', cookie: 'session=s1', accept: '*/*' } }),
    );
    expect(valuesOf(result).values.header).not.toHaveProperty('Accept');
  });

  it('says what is wrong in words, joined for a problem detail', () => {
    const result = listPets(query('species=cow&vaccinated=maybe'));
    expect(describeViolations(violationsOf(result))).toBe(
      "query parameter 'vaccinated' must be boolean; query parameter 'species' must be one of: cat, dog",
    );
  });
});

/** A document with the one operation `op` and the one parameter given, in the path as `/things/{id}`. */
function validatorFor(parameter: ParameterRow) {
  const { document: single } = loadDocument({
    openapi: '3.1.0',
    info: { title: 'styles', version: '1' },
    paths: {
      [parameter.in === 'path' ? `/things/{${parameter.name}}` : '/things']: {
        get: { operationId: 'op', parameters: [parameter], responses: { '200': { description: 'ok' } } },
      },
    },
  });
  return compileParameterValidator(createSpecAjv(single), describeOperation(single, 'op'));
}

const integers: Schema = { type: 'array', items: { type: 'integer' } };
const color: Schema = {
  type: 'object',
  properties: { R: { type: 'integer' }, G: { type: 'integer' } },
  additionalProperties: false,
};
const rgb = { R: 100, G: 200 };

/** A schema or a parameter as a test writes it; `loadDocument` checks the document they end up in. */
type Schema = Readonly<Record<string, unknown>>;
interface ParameterRow {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly style?: string;
  readonly explode?: boolean;
  readonly schema: Schema;
}

interface StyleRow {
  readonly style?: string;
  readonly explode: boolean;
  readonly schema: Schema;
  readonly raw: string;
  readonly value?: unknown;
  readonly message?: string;
}

describe('serialization styles', () => {
  it.each<StyleRow>([
    { style: 'simple', explode: false, schema: { type: 'integer' }, raw: '5', value: 5 },
    { style: 'simple', explode: false, schema: integers, raw: '3,4,5', value: [3, 4, 5] },
    { style: 'simple', explode: true, schema: integers, raw: '3,4,5', value: [3, 4, 5] },
    { style: 'simple', explode: false, schema: color, raw: 'R,100,G,200', value: rgb },
    { style: 'simple', explode: true, schema: color, raw: 'R=100,G=200', value: rgb },
    {
      style: 'simple',
      explode: false,
      schema: { type: 'array', items: { type: 'string' } },
      raw: 'a%2Cb,c%20d',
      value: ['a,b', 'c d'],
    },
    { style: 'label', explode: false, schema: { type: 'integer' }, raw: '.5', value: 5 },
    { style: 'label', explode: false, schema: integers, raw: '.3,4,5', value: [3, 4, 5] },
    { style: 'label', explode: true, schema: integers, raw: '.3.4.5', value: [3, 4, 5] },
    { style: 'label', explode: false, schema: color, raw: '.R,100,G,200', value: rgb },
    { style: 'label', explode: true, schema: color, raw: '.R=100.G=200', value: rgb },
    { style: 'matrix', explode: false, schema: { type: 'integer' }, raw: ';id=5', value: 5 },
    { style: 'matrix', explode: false, schema: { type: 'string' }, raw: ';id', value: '' },
    { style: 'matrix', explode: false, schema: integers, raw: ';id=3,4,5', value: [3, 4, 5] },
    { style: 'matrix', explode: true, schema: integers, raw: ';id=3;id=4;id=5', value: [3, 4, 5] },
    { style: 'matrix', explode: false, schema: color, raw: ';id=R,100,G,200', value: rgb },
    { style: 'matrix', explode: true, schema: color, raw: ';R=100;G=200', value: rgb },
  ])('reads the path $style style (explode $explode) $raw', ({ style, explode, schema, raw, value }) => {
    const validate = validatorFor({ name: 'id', in: 'path', required: true, style, explode, schema });
    expect(valuesOf(validate({ pathParams: { id: raw }, query: {}, headers: {} })).values.path.id).toEqual(
      value,
    );
  });

  it.each<StyleRow>([
    { style: 'form', explode: true, schema: { type: 'integer' }, raw: 'id=5', value: 5 },
    { style: 'form', explode: true, schema: integers, raw: 'id=3&id=4&id=5', value: [3, 4, 5] },
    { style: 'form', explode: false, schema: integers, raw: 'id=3,4,5', value: [3, 4, 5] },
    { style: 'form', explode: true, schema: color, raw: 'R=100&G=200&other=1', value: rgb },
    { style: 'form', explode: false, schema: color, raw: 'id=R,100,G,200', value: rgb },
    { style: 'spaceDelimited', explode: false, schema: integers, raw: 'id=3%204%205', value: [3, 4, 5] },
    { style: 'spaceDelimited', explode: false, schema: integers, raw: 'id=3+4+5', value: [3, 4, 5] },
    { style: 'spaceDelimited', explode: true, schema: integers, raw: 'id=3&id=4', value: [3, 4] },
    { style: 'pipeDelimited', explode: false, schema: integers, raw: 'id=3|4|5', value: [3, 4, 5] },
    { style: 'pipeDelimited', explode: true, schema: integers, raw: 'id=3&id=4', value: [3, 4] },
    { style: 'deepObject', explode: true, schema: color, raw: 'id[R]=100&id[G]=200', value: rgb },
    // OpenAPI defines one level of deepObject; `id[R][x]` is not one of id's properties.
    { style: 'deepObject', explode: true, schema: color, raw: 'id[R]=100&id[G]=200&id[R][x]=1', value: rgb },
    {
      style: 'form',
      explode: true,
      schema: { type: 'object', additionalProperties: { type: 'integer' } },
      raw: 'R=100&G=200',
      value: rgb,
    },
  ])('reads the query $style style (explode $explode) ?$raw', ({ style, explode, schema, raw, value }) => {
    const validate = validatorFor({ name: 'id', in: 'query', style, explode, schema });
    expect(valuesOf(validate(query(raw))).values.query.id).toEqual(value);
  });

  it.each<StyleRow>([
    { explode: false, schema: { type: 'integer' }, raw: '5', value: 5 },
    { explode: false, schema: integers, raw: '3, 4,5', value: [3, 4, 5] },
    { explode: false, schema: color, raw: 'R,100,G,200', value: rgb },
    { explode: true, schema: color, raw: 'R=100, G=200', value: rgb },
  ])('reads the header simple style (explode $explode) $raw', ({ explode, schema, raw, value }) => {
    const validate = validatorFor({ name: 'X-Id', in: 'header', explode, schema });
    expect(
      valuesOf(validate({ pathParams: {}, query: {}, headers: { 'x-id': raw } })).values.header['X-Id'],
    ).toEqual(value);
  });

  it.each<StyleRow>([
    { explode: true, schema: { type: 'integer' }, raw: 'id=5', value: 5 },
    { explode: true, schema: { type: 'string' }, raw: 'id="a%20b"', value: 'a b' },
    { explode: true, schema: { type: 'string' }, raw: 'id=100%', value: '100%' },
    { explode: true, schema: integers, raw: 'id=3; id=4', value: [3, 4] },
    { explode: false, schema: integers, raw: 'id=3,4,5', value: [3, 4, 5] },
    { explode: true, schema: color, raw: 'R=100; G=200', value: rgb },
    { explode: false, schema: color, raw: 'id=R,100,G,200', value: rgb },
  ])('reads the cookie form style (explode $explode) $raw', ({ explode, schema, raw, value }) => {
    const validate = validatorFor({ name: 'id', in: 'cookie', explode, schema });
    expect(
      valuesOf(validate({ pathParams: {}, query: {}, headers: { cookie: raw } })).values.cookie.id,
    ).toEqual(value);
  });

  it.each<StyleRow>([
    {
      style: 'label',
      explode: false,
      schema: integers,
      raw: '3,4',
      message: "must start with '.' (label style)",
    },
    {
      style: 'matrix',
      explode: false,
      schema: integers,
      raw: ';other=3',
      message: 'must be ;id=... (matrix style)',
    },
    {
      style: 'matrix',
      explode: false,
      schema: integers,
      raw: '3',
      message: 'must be ;id=... (matrix style)',
    },
    { style: 'matrix', explode: false, schema: integers, raw: ';id=3;id=4', message: 'must be given once' },
    { style: 'simple', explode: false, schema: color, raw: 'R,100,G', message: 'must be name,value pairs' },
    { style: 'simple', explode: true, schema: color, raw: 'R=100,G', message: 'must be name=value pairs' },
    { style: 'simple', explode: true, schema: color, raw: 'R=1,B=2', message: "property 'B' is not allowed" },
  ])('rejects the path $style style $raw: $message', ({ style, explode, schema, raw, message }) => {
    const validate = validatorFor({ name: 'id', in: 'path', required: true, style, explode, schema });
    expect(violationsOf(validate({ pathParams: { id: raw }, query: {}, headers: {} }))).toEqual([
      { in: 'path', name: 'id', message },
    ]);
  });

  it.each<ParameterRow>([
    { name: 'id', in: 'path', required: true, style: 'form', schema: { type: 'integer' } },
    { name: 'id', in: 'query', style: 'matrix', schema: { type: 'integer' } },
    { name: 'id', in: 'query', style: 'deepObject', schema: integers },
    { name: 'id', in: 'header', style: 'form', schema: { type: 'integer' } },
    { name: 'id', in: 'cookie', style: 'deepObject', schema: color },
  ])('refuses, when the document loads, a $in parameter in style $style', (parameter) => {
    // Refused by spec/load.ts at start-up (exit 2), never by a request.
    expect(() => validatorFor(parameter)).toThrow(
      /which OpenAPI does not define there|is a deepObject but not an object/,
    );
  });
});

describe('hostile input', () => {
  const { document: hostile } = loadDocument({
    openapi: '3.1.0',
    info: { title: 'hostile', version: '1' },
    paths: {
      '/things/{constructor}': {
        get: {
          operationId: 'op',
          parameters: [
            { name: 'constructor', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'toString', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object' } },
            { name: 'valueOf', in: 'cookie', schema: { type: 'integer' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  });
  const validate = compileParameterValidator(createSpecAjv(hostile), describeOperation(hostile, 'op'));

  afterEach(() => {
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('never finds a parameter on Object.prototype', () => {
    expect(violationsOf(validate({ pathParams: {}, query: {}, headers: {} }))).toEqual([
      { in: 'path', name: 'constructor', message: 'is required' },
      { in: 'query', name: 'toString', message: 'is required' },
    ]);
  });

  it.each([
    'toString=1&filter[__proto__]=x&filter[polluted]=1',
    'toString=1&__proto__[polluted]=1&filter[__proto__][polluted]=1&filter[constructor]=1',
    'toString=1&__proto__=1&constructor[prototype][polluted]=1',
  ])('keeps __proto__ a plain key: ?%s', (text) => {
    const result = validate({
      pathParams: { constructor: '__proto__' },
      query: parsed(text),
      headers: {},
    });
    const { filter } = valuesOf(result).values.query;
    expect(filter === undefined || Object.getPrototypeOf(filter) === null).toBe(true);
  });

  it('reads __proto__ in a deepObject as a property like any other', () => {
    const result = validate({
      pathParams: { constructor: 'c' },
      query: parsed('toString=1&filter[__proto__]=x'),
      headers: {},
    });
    expect(Object.entries(valuesOf(result).values.query.filter as object)).toEqual([['__proto__', 'x']]);
  });

  it.each([
    {
      what: 'a huge value',
      raw: { pathParams: { constructor: 'c' }, query: { toString: '9'.repeat(1_000_000) } },
    },
    {
      what: 'many repeats',
      raw: { pathParams: { constructor: 'c' }, query: { toString: Array(10_000).fill('1') } },
    },
    {
      what: 'undecodable bytes',
      raw: { pathParams: { constructor: '%C3%28%FF' }, query: { toString: '\uFFFD' } },
    },
    {
      what: 'an undecodable cookie',
      raw: { pathParams: { constructor: 'c' }, query: { toString: '1' }, cookie: 'valueOf=%FF' },
    },
  ])('answers $what with violations, not an exception', ({ raw }) => {
    const result = validate({
      pathParams: raw.pathParams,
      query: raw.query,
      headers: { cookie: raw.cookie },
    });
    expect(result.ok).toBe(false);
  });

  it('never throws, whatever the request holds', () => {
    const names = fc.constantFrom(
      'constructor',
      'toString',
      'filter',
      'filter[a]',
      'valueOf',
      '__proto__',
      'cookie',
    );
    const key = fc.oneof(names, fc.string());
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('%', '%FF', ',', '=', ';', '[', ']'),
    );
    const values = fc.dictionary(key, fc.oneof(text, fc.array(text)));
    fc.assert(
      fc.property(
        fc.dictionary(key, text),
        values,
        fc.dictionary(key, text),
        (pathParams, query, headers) => {
          const result = validate({ pathParams, query, headers });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });
});
