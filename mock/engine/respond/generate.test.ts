import { loadSpec, type OpenApiDocument } from '../../../spec/document';
import { compileAt, createSpecAjv } from '../../../spec/schemas';
import { createBodyGenerator } from './generate';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * One schema per keyword family a document may use, a recursive one, two oneOfs whose branches overlap,
 * a nested body, and two schemas no value satisfies.
 */
const document = {
  openapi: '3.1.0',
  info: { title: 'generator fixtures', version: '1' },
  paths: {
    '/orders': {
      get: {
        responses: {
          '200': {
            description: 'A page of orders',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['orders'],
                  properties: { orders: { type: 'array', items: ref('Order') } },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Nullable: { type: ['string', 'null'], minLength: 1 },
      Species: { type: 'string', enum: ['cat', 'dog', 'axolotl'] },
      Version: { const: 'v1' },
      Formats: {
        type: 'object',
        required: ['at', 'on', 'time', 'email', 'uri', 'link', 'id', 'host', 'v4', 'v6', 'blob'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          on: { type: 'string', format: 'date' },
          time: { type: 'string', format: 'time' },
          email: { type: 'string', format: 'email' },
          uri: { type: 'string', format: 'uri' },
          link: { type: 'string', format: 'uri-reference' },
          id: { type: 'string', format: 'uuid' },
          host: { type: 'string', format: 'hostname' },
          v4: { type: 'string', format: 'ipv4' },
          v6: { type: 'string', format: 'ipv6' },
          blob: { type: 'string', format: 'byte' },
        },
      },
      NumberFormats: {
        type: 'object',
        required: ['int32', 'int64', 'float', 'double'],
        properties: {
          int32: { type: 'integer', format: 'int32' },
          int64: { type: 'integer', format: 'int64' },
          float: { type: 'number', format: 'float' },
          double: { type: 'number', format: 'double' },
        },
      },
      Code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
      Nickname: { type: 'string', minLength: 3, maxLength: 8 },
      Bounds: {
        type: 'object',
        required: ['score', 'ratio', 'step', 'price', 'cents', 'serial', 'debt'],
        properties: {
          score: { type: 'integer', minimum: 1, maximum: 10 },
          ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          step: { type: 'integer', multipleOf: 5, minimum: 0, maximum: 100 },
          price: { type: 'number', multipleOf: 0.25, minimum: 0, maximum: 50 },
          cents: { type: 'number', multipleOf: 0.01, minimum: 0, maximum: 20 },
          serial: { type: 'integer', format: 'int64', minimum: 100000 },
          debt: { type: 'number', exclusiveMaximum: -5000 },
        },
      },
      Tags: {
        type: 'array',
        items: { type: 'string', enum: ['red', 'green', 'blue', 'amber'] },
        minItems: 1,
        maxItems: 3,
        uniqueItems: true,
      },
      Closed: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', format: 'uuid', readOnly: true },
          secret: { type: 'string', writeOnly: true },
          nickname: ref('Nickname'),
        },
      },
      Counters: {
        type: 'object',
        additionalProperties: { type: 'integer', minimum: 0 },
        minProperties: 1,
        'x-owner': { team: 'identity' },
      },
      Labelled: {
        allOf: [ref('Closed'), { properties: { nickname: { minLength: 4 } }, required: ['nickname'] }],
      },
      IdOrCode: { anyOf: [{ type: 'string', format: 'uuid' }, ref('Code')] },
      Category: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: ref('Category') },
          parent: { anyOf: [ref('Category'), { type: 'null' }] },
        },
      },
      Overlapping: {
        oneOf: [
          { type: 'integer', minimum: 0, maximum: 10 },
          { type: 'integer', minimum: 8, maximum: 20 },
        ],
      },
      Pet: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: { type: 'string' }, meows: { type: 'boolean' } },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: { type: 'string' }, barks: { type: 'boolean' } },
          },
        ],
      },
      Order: {
        type: 'object',
        required: ['id', 'customer', 'lines'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          customer: {
            type: 'object',
            required: ['email', 'address'],
            properties: {
              email: { type: 'string', format: 'email' },
              address: {
                type: 'object',
                required: ['street', 'country'],
                properties: {
                  street: { type: 'string' },
                  country: { type: 'string', pattern: '^[A-Z]{2}$' },
                },
              },
            },
          },
          lines: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['sku', 'quantity'],
              properties: {
                sku: ref('Code'),
                quantity: { type: 'integer', minimum: 1 },
                note: ref('Nullable'),
              },
            },
          },
          tags: ref('Tags'),
          placedAt: { type: 'string', format: 'date-time' },
        },
      },
      Unsatisfiable: { type: 'string', minLength: 5, maxLength: 2 },
      Contradiction: { allOf: [{ type: 'string' }, { type: 'integer' }] },
    },
  },
} as unknown as OpenApiDocument;

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 1);
const SATISFIABLE = Object.keys(document.components?.schemas ?? {}).filter(
  (name) => name !== 'Unsatisfiable' && name !== 'Contradiction',
);

const ajv = createSpecAjv(document);
const generate = createBodyGenerator(document, createSpecAjv(document, { useDefaults: true }));
const pointer = (name: string) => `#/components/schemas/${name}`;

describe('createBodyGenerator', () => {
  it.each(SATISFIABLE)('generates values Ajv accepts for %s, for 200 seeds', (name) => {
    const validate = compileAt(ajv, pointer(name));
    const refused = SEEDS.map((seed) => generate(pointer(name), seed)).filter((value) => !validate(value));
    expect(refused).toEqual([]);
  });

  it.each([
    ['written inline in an operation', '#/paths/~1orders/get/responses/200/content/application~1json/schema'],
    ['that is a branch of a oneOf', '#/components/schemas/Pet/oneOf/1'],
  ])('generates a schema %s, named by its pointer', (_, at) => {
    const validate = compileAt(ajv, at);
    expect(SEEDS.map((seed) => generate(at, seed)).filter((value) => !validate(value))).toEqual([]);
  });

  it('gives the same value for the same pointer and seed, also from another generator', () => {
    const again = createBodyGenerator(document, createSpecAjv(document, { useDefaults: true }));
    for (const seed of SEEDS.slice(0, 20)) {
      expect(again(pointer('Order'), seed)).toEqual(generate(pointer('Order'), seed));
    }
  });

  it('gives different values for different seeds', () => {
    const distinct = new Set(SEEDS.map((seed) => JSON.stringify(generate(pointer('Order'), seed))));
    expect(distinct.size).toBe(SEEDS.length);
  });

  it('fills optional members most of the time and nullable values with null some of the time', () => {
    const orders = SEEDS.map((seed) => generate(pointer('Order'), seed) as { tags?: unknown });
    const nullables = SEEDS.map((seed) => generate(pointer('Nullable'), seed));
    const share = (count: number) => count / SEEDS.length;
    expect(share(orders.filter((order) => order.tags !== undefined).length)).toBeGreaterThan(0.6);
    expect(share(nullables.filter((value) => value === null).length)).toBeGreaterThan(0.1);
    expect(share(nullables.filter((value) => value === null).length)).toBeLessThan(0.4);
  });

  it('nests a recursive schema, to a bounded depth', () => {
    const depth = (node: unknown): number => {
      const { children = [], parent } = node as { children?: unknown[]; parent?: unknown };
      return 1 + Math.max(0, ...children.map(depth), parent ? depth(parent) : 0);
    };
    const depths = SEEDS.map((seed) => depth(generate(pointer('Category'), seed)));
    expect(Math.max(...depths)).toBeGreaterThan(2);
    expect(Math.max(...depths)).toBeLessThanOrEqual(5);
  });

  it.each([
    ['a string with minLength above maxLength', 'Unsatisfiable', 'must NOT have more than 2 characters'],
    ['an allOf of contradictory types', 'Contradiction', 'must be integer'],
  ])('throws an error naming the pointer and the violation for %s', (_, name, violation) => {
    expect(() => generate(pointer(name), 1)).toThrow(`valid against ${pointer(name)} (seed 1): ${violation}`);
  });
});

describe("createBodyGenerator on the kit's own document", () => {
  const spec = loadSpec();
  const specAjv = createSpecAjv(spec);
  const generateFromSpec = createBodyGenerator(spec, createSpecAjv(spec, { useDefaults: true }));

  it.each(['MfaEnrollmentTicket', 'ProblemDetails'])(
    'generates values Ajv accepts for %s, for 200 seeds',
    (name) => {
      const validate = compileAt(specAjv, pointer(name));
      const refused = SEEDS.map((seed) => generateFromSpec(pointer(name), seed)).filter(
        (value) => !validate(value),
      );
      expect(refused).toEqual([]);
    },
  );

  it('generates ticket URLs that are absolute URLs', () => {
    const urls = SEEDS.map(
      (seed) => (generateFromSpec(pointer('MfaEnrollmentTicket'), seed) as { ticketUrl: unknown }).ticketUrl,
    );
    const strings = urls.filter((url): url is string => typeof url === 'string');
    expect(strings.length).toBeGreaterThan(SEEDS.length / 2);
    expect(strings.filter((url) => !URL.canParse(url))).toEqual([]);
  });
});
