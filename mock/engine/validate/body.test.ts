import fc from 'fast-check';
import { loadDocument } from '../../../spec/load';
import { describeOperation } from '../../../spec/operation';
import { createSpecAjv } from '../../../spec/schemas';
import { compileBodyValidator, type BodyValidation } from './body';
import { describeViolations } from './violations';

const ok = { description: 'ok' };
const json = (schema: string) => ({ schema: { $ref: `#/components/schemas/${schema}` } });

const { document } = loadDocument({
  openapi: '3.1.0',
  info: { title: 'pets', version: '1' },
  paths: {
    '/pets': {
      post: {
        operationId: 'createPets',
        requestBody: {
          required: true,
          content: {
            'application/json': json('NewPets'),
            'application/x-www-form-urlencoded': json('PetForm'),
            'text/plain': { schema: { type: 'string', maxLength: 20 } },
          },
        },
        responses: { '201': ok },
      },
    },
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { operationId: 'showPet', responses: { '200': ok } },
      put: {
        operationId: 'replacePet',
        requestBody: { required: true, content: { 'application/json': json('Pet') } },
        responses: { '200': ok },
      },
      patch: {
        operationId: 'patchPet',
        requestBody: { content: { 'application/*+json': { schema: { type: 'object' } } } },
        responses: { '200': ok },
      },
    },
    '/pets/{petId}/photo': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
      put: {
        operationId: 'uploadPhoto',
        requestBody: { content: { 'image/*': {} } },
        responses: { '204': ok },
      },
    },
    '/documents': {
      post: {
        operationId: 'uploadDocument',
        requestBody: { content: { 'application/*': {}, 'application/json': json('Note') } },
        responses: { '201': ok },
      },
    },
    '/anything': {
      post: {
        operationId: 'uploadAnything',
        requestBody: { content: { '*/*': {} } },
        responses: { '200': ok },
      },
    },
    '/trees': {
      post: {
        operationId: 'plantTree',
        requestBody: { content: { 'application/json': json('Tree') } },
        responses: { '201': ok },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['name', 'age'],
        properties: {
          name: { type: 'string' },
          age: { type: 'integer', minimum: 0 },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
      NewPets: {
        type: 'object',
        required: ['pets'],
        properties: { pets: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Pet' } } },
        additionalProperties: false,
      },
      PetForm: {
        type: 'object',
        required: ['name', 'age'],
        properties: {
          name: { type: 'string' },
          age: { type: 'integer', minimum: 0 },
          vaccinated: { type: 'boolean' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
      Note: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
      Tree: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
    },
  },
});

/** The kit's Ajv: JSON is validated as sent. */
const ajv = createSpecAjv(document);
const validators = new Map<string, ReturnType<typeof compileBodyValidator>>();
function validate(
  operationId: string,
  contentType: string | undefined,
  body: string | Buffer,
): BodyValidation {
  let validator = validators.get(operationId);
  if (!validator) {
    validator = compileBodyValidator(ajv, describeOperation(document, operationId));
    validators.set(operationId, validator);
  }
  return validator(contentType, typeof body === 'string' ? Buffer.from(body) : body);
}

const PETS = '{"pets":[{"name":"Rex","age":3}]}';
const PET = '{"name":"Rex","age":3}';

describe('the Content-Type', () => {
  it.each([
    { operation: 'createPets', contentType: 'application/json', body: PETS, as: 'application/json' },
    {
      operation: 'createPets',
      contentType: 'Application/JSON; charset=UTF-8',
      body: PETS,
      as: 'application/json',
    },
    {
      operation: 'createPets',
      contentType: 'application/merge-patch+json',
      body: PETS,
      as: 'application/merge-patch+json',
    },
    {
      operation: 'createPets',
      contentType: 'application/x-www-form-urlencoded',
      body: 'name=Rex&age=3',
      as: 'application/x-www-form-urlencoded',
    },
    { operation: 'createPets', contentType: 'text/plain', body: 'Rex', as: 'text/plain' },
    {
      operation: 'patchPet',
      contentType: 'application/merge-patch+json',
      body: '{}',
      as: 'application/merge-patch+json',
    },
    { operation: 'uploadDocument', contentType: 'application/pdf', body: '%PDF-1.7', as: 'application/pdf' },
    { operation: 'uploadPhoto', contentType: 'image/png', body: '\x89PNG', as: 'image/png' },
    { operation: 'uploadPhoto', contentType: 'image/svg+xml', body: '<svg/>', as: 'image/svg+xml' },
    { operation: 'uploadAnything', contentType: 'text/csv', body: 'a,b', as: 'text/csv' },
    {
      operation: 'uploadAnything',
      contentType: 'application/octet-stream',
      body: 'x',
      as: 'application/octet-stream',
    },
  ])('$operation accepts $contentType', ({ operation, contentType, body, as }) => {
    expect(validate(operation, contentType, body)).toMatchObject({ ok: true, mediaType: as });
  });

  it.each([
    { operation: 'replacePet', contentType: 'text/plain', why: 'is text/plain' },
    { operation: 'replacePet', contentType: 'application/xml', why: 'is application/xml' },
    { operation: 'replacePet', contentType: 'application/json-seq', why: 'is application/json-seq' },
    { operation: 'replacePet', contentType: 'text/json', why: 'is text/json' },
    { operation: 'replacePet', contentType: '*/*', why: 'is */*' },
    { operation: 'replacePet', contentType: 'application/*', why: 'is application/*' },
    { operation: 'replacePet', contentType: 'json', why: 'has a Content-Type that is not a media type' },
    { operation: 'replacePet', contentType: '', why: 'has a Content-Type that is not a media type' },
    { operation: 'replacePet', contentType: undefined, why: 'has no Content-Type' },
    { operation: 'patchPet', contentType: 'application/json', why: 'is application/json' },
    { operation: 'uploadDocument', contentType: 'text/plain', why: 'is text/plain' },
    { operation: 'uploadPhoto', contentType: 'application/png', why: 'is application/png' },
  ])('$operation answers 415 to a body sent as $contentType', ({ operation, contentType, why }) => {
    const accepted = describeOperation(document, operation).requestBody?.content.map((m) => m.mediaType);
    expect(validate(operation, contentType, '{}')).toEqual({
      ok: false,
      status: 415,
      violations: [{ in: 'body', name: '', message: `${why}; accepted: ${accepted?.join(', ') ?? ''}` }],
    });
  });

  it('names every accepted media type in the 415', () => {
    const result = validate('createPets', 'application/xml', '<pets/>');
    expect(result.ok ? '' : describeViolations(result.violations)).toBe(
      'body is application/xml; accepted: application/json, application/x-www-form-urlencoded, text/plain',
    );
  });

  it('prefers the exact media type to a range: application/json is validated, application/xml is not', () => {
    expect(validate('uploadDocument', 'application/json', '{}')).toMatchObject({
      ok: false,
      violations: [{ name: 'title', message: 'is required' }],
    });
    expect(validate('uploadDocument', 'application/xml', '{}')).toMatchObject({ ok: true });
  });
});

describe('an empty body', () => {
  it.each([
    { operation: 'createPets', contentType: 'application/json', result: { ok: false, status: 400 } },
    { operation: 'createPets', contentType: undefined, result: { ok: false, status: 400 } },
    { operation: 'uploadPhoto', contentType: 'image/png', result: { ok: true, value: undefined } },
    { operation: 'uploadPhoto', contentType: 'text/plain', result: { ok: true, value: undefined } },
    { operation: 'showPet', contentType: undefined, result: { ok: true, value: undefined } },
  ])('is $result.status to $operation when sent as $contentType', ({ operation, contentType, result }) => {
    const validation = validate(operation, contentType, '');
    expect(validation).toMatchObject(result);
    if (!validation.ok)
      expect(validation.violations).toEqual([{ in: 'body', name: '', message: 'is required' }]);
  });

  it('is whatever is sent to an operation without a requestBody: it is ignored', () => {
    expect(validate('showPet', 'text/html', '<h1>')).toEqual({
      ok: true,
      value: undefined,
      mediaType: undefined,
    });
  });
});

describe('JSON bodies', () => {
  it('are parsed and validated', () => {
    expect(validate('createPets', 'application/json', PETS)).toEqual({
      ok: true,
      value: { pets: [{ name: 'Rex', age: 3 }] },
      mediaType: 'application/json',
    });
  });

  it.each([
    { body: '{', reason: "expected property name or '}' at position 1" },
    { body: '{"name":}', reason: 'unexpected token' },
    { body: '   ', reason: 'unexpected end of input' },
    { body: `${PET} x`, reason: 'unexpected non-whitespace character after JSON at position 23' },
    { body: '{"name":"Rex", "age":3,}', reason: 'expected double-quoted property name at position 23' },
    { body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), reason: 'not UTF-8' },
  ])('answer 400 to malformed JSON $body: $reason', ({ body, reason }) => {
    expect(validate('replacePet', 'application/json', body)).toEqual({
      ok: false,
      status: 400,
      violations: [{ in: 'body', name: '', message: `is not valid JSON: ${reason}` }],
    });
  });

  it.each(['{"password":"hunter2"', '"hunter2', 'hunter2', '{"hunter2":1,}'])(
    'never repeat the body in why it is malformed: %s',
    (body) => {
      const result = validate('replacePet', 'application/json', body);
      expect(result.ok ? '' : describeViolations(result.violations)).not.toContain('hunter2');
    },
  );

  it('report every violation, each at its JSON path', () => {
    const body = '{"pets":[{"name":1,"tags":["a",2]},{"name":"Tom","age":-1}],"extra":true}';
    expect(validate('createPets', 'application/json', body)).toEqual({
      ok: false,
      status: 400,
      violations: [
        { in: 'body', name: 'extra', message: 'is not allowed' },
        { in: 'body', name: 'pets.0.age', message: 'is required' },
        { in: 'body', name: 'pets.0.name', message: 'must be string' },
        { in: 'body', name: 'pets.0.tags.1', message: 'must be string' },
        { in: 'body', name: 'pets.1.age', message: 'must be >= 0' },
      ],
    });
  });

  it.each([
    { body: '{"name":"Rex","age":"3"}', name: 'age', message: 'must be integer' },
    { body: '{"name":"Rex","age":3,"tags":"a"}', name: 'tags', message: 'must be array' },
    { body: '{"name":null,"age":3}', name: 'name', message: 'must be string' },
    { body: '[]', name: '', message: 'must be object' },
    { body: '"Rex"', name: '', message: 'must be object' },
  ])('take JSON types as sent: $body is refused', ({ body, name, message }) => {
    expect(validate('replacePet', 'application/json', body)).toEqual({
      ok: false,
      status: 400,
      violations: [{ in: 'body', name, message }],
    });
  });

  it('validate a +json body against the application/json schema', () => {
    expect(validate('replacePet', 'application/vnd.pets+json', '{"name":"Rex"}')).toMatchObject({
      ok: false,
      violations: [{ name: 'age', message: 'is required' }],
    });
  });
});

describe('form bodies', () => {
  it.each([
    {
      form: 'name=Rex&age=3&vaccinated=true&tags=a&tags=b',
      value: { name: 'Rex', age: 3, vaccinated: true, tags: ['a', 'b'] },
    },
    { form: 'name=Rex&age=3&tags=a', value: { name: 'Rex', age: 3, tags: ['a'] } },
    {
      form: 'name=Rex+the+dog&age=03&vaccinated=false',
      value: { name: 'Rex the dog', age: 3, vaccinated: false },
    },
    { form: 'name=R%C3%A9x&age=3', value: { name: 'Réx', age: 3 } },
  ])('read ?$form into fields of their schema types', ({ form, value }) => {
    const result = validate('createPets', 'application/x-www-form-urlencoded', form);
    expect(result).toEqual({ ok: true, value, mediaType: 'application/x-www-form-urlencoded' });
  });

  it('report every violation', () => {
    expect(validate('createPets', 'application/x-www-form-urlencoded', 'age=x&vaccinated=maybe')).toEqual({
      ok: false,
      status: 400,
      violations: [
        { in: 'body', name: 'name', message: 'is required' },
        { in: 'body', name: 'age', message: 'must be integer' },
        { in: 'body', name: 'vaccinated', message: 'must be boolean' },
      ],
    });
  });
});

describe('text bodies', () => {
  it.each([
    { contentType: 'text/plain', body: Buffer.from('Rex'), value: 'Rex' },
    { contentType: 'text/plain; charset=utf-8', body: Buffer.from('Réx'), value: 'Réx' },
    { contentType: 'text/plain; charset=latin1', body: Buffer.from([0x52, 0xe9, 0x78]), value: 'Réx' },
  ])('are read in their charset: $contentType', ({ contentType, body, value }) => {
    expect(validate('createPets', contentType, body)).toEqual({ ok: true, value, mediaType: 'text/plain' });
  });

  it.each([
    {
      contentType: 'text/plain',
      body: Buffer.from('x'.repeat(21)),
      status: 400,
      message: 'must NOT have more than 20 characters',
    },
    {
      contentType: 'text/plain',
      body: Buffer.from([0x52, 0xe9, 0x78]),
      status: 400,
      message: 'is not valid text in its charset',
    },
    {
      contentType: 'text/plain; charset=x-klingon',
      body: Buffer.from('Rex'),
      status: 415,
      message: 'has a charset the mock cannot decode',
    },
  ])('are refused ($status): $message', ({ contentType, body, status, message }) => {
    expect(validate('createPets', contentType, body)).toEqual({
      ok: false,
      status,
      violations: [{ in: 'body', name: '', message }],
    });
  });
});

describe('other media types', () => {
  it('are accepted as the bytes sent, unvalidated', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]);
    const result = validate('uploadPhoto', 'image/png', png);
    expect(result.ok && Buffer.isBuffer(result.value) && result.value.equals(png)).toBe(true);
  });
});

describe('hostile bodies', () => {
  afterEach(() => {
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keep __proto__ in JSON a plain key', () => {
    const result = validate('uploadAnything', 'application/json', '{"__proto__":{"polluted":true},"a":1}');
    expect(result.ok && Object.entries(result.value as object)).toEqual([
      ['__proto__', { polluted: true }],
      ['a', 1],
    ]);
  });

  it('keep __proto__ in a form a plain field', () => {
    const form = '__proto__[polluted]=1&__proto__=x&constructor[prototype][polluted]=1&name=Rex&age=3';
    const result = validate('createPets', 'application/x-www-form-urlencoded', form);
    expect(result.ok && Object.getPrototypeOf(result.value)).toBeNull();
  });

  it('answer JSON nested deeper than a recursive schema can be validated with a 400', () => {
    const depth = 100_000;
    expect(validate('plantTree', 'application/json', `${'['.repeat(depth)}${']'.repeat(depth)}`)).toEqual({
      ok: false,
      status: 400,
      violations: [{ in: 'body', name: '', message: 'is nested too deeply to validate' }],
    });
  });

  it.each([
    { what: 'a megabyte of valid JSON', body: `{"name":"${'x'.repeat(1 << 20)}","age":1}`, ok: true },
    { what: 'a megabyte of broken JSON', body: `{"name":"${'x'.repeat(1 << 20)}",}`, ok: false },
  ])('handle $what, in few words', ({ body, ok: accepted }) => {
    const result = validate('replacePet', 'application/json', body);
    expect(result.ok).toBe(accepted);
    expect(result.ok || describeViolations(result.violations).length < 100).toBe(true);
  });

  it('never throw, whatever the Content-Type and bytes', () => {
    const operations = fc.constantFrom(
      'createPets',
      'replacePet',
      'patchPet',
      'uploadPhoto',
      'uploadAnything',
      'plantTree',
    );
    const contentType = fc.option(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain; charset=utf-16le',
        ),
        fc.constantFrom('text/plain; charset="', 'application/x+json', 'image/png;;;', 'a/b; charset=latin1'),
      ),
      { nil: undefined },
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.json().map((text) => Buffer.from(text)),
      fc.string().map((text) => Buffer.from(`__proto__=${text}&name[]=${text}`)),
    );
    fc.assert(
      fc.property(operations, contentType, body, (operation, type, bytes) => {
        expect([true, false]).toContain(validate(operation, type, bytes).ok);
      }),
    );
  });
});

describe('compiling', () => {
  it('refuses an Ajv that coerces types where JSON is validated, since "3" is not 3', () => {
    const coercing = createSpecAjv(document, { coerceTypes: 'array', useDefaults: true });
    expect(() => compileBodyValidator(coercing, describeOperation(document, 'replacePet'))).toThrow(
      /coerceTypes/,
    );
    expect(() => compileBodyValidator(coercing, describeOperation(document, 'showPet'))).not.toThrow();
  });

  it('refuses an Ajv that stops at the first error', () => {
    const first = createSpecAjv(document, { allErrors: false });
    expect(() => compileBodyValidator(first, describeOperation(document, 'showPet'))).toThrow(/allErrors/);
  });
});
