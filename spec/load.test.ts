import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadSpec, SPEC_PATH } from './document';
import { loadDocument, SpecError } from './load';

const dir = mkdtempSync(path.join(tmpdir(), 'nexus-load-'));

const petsPath = () => ({
  get: {
    parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
    responses: {
      '200': {
        description: 'The pets.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Pets' } } },
      },
    },
  },
});

/** A small document the engine can serve: one operation, a parameter, a `$ref`ed response schema. */
function minimal(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Pets', version: '1' },
    paths: { '/pets': petsPath() },
    components: { schemas: { Pets: { type: 'array', items: { type: 'string' } } } },
  };
}

/** The minimal document with the node at each JSON pointer replaced, or removed (`undefined`). */
function edited(changes: Record<string, unknown>): Record<string, unknown> {
  const doc = minimal();
  for (const [pointer, value] of Object.entries(changes)) {
    const keys = pointer
      .slice(2)
      .split('/')
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop() ?? '';
    // The pointers below name nodes of minimal(), which are all objects on the way.
    const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, doc);
    if (value === undefined) Reflect.deleteProperty(parent, last);
    else parent[last] = value;
  }
  return doc;
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

const GET = '#/paths/~1pets/get';
const SCHEMA = `${GET}/responses/200/content/application~1json/schema`;
const PETS = '#/components/schemas/Pets';

const cases: { name: string; text: string; message: (file: string) => string }[] = [
  {
    name: 'a YAML syntax error, at its line and column',
    text: 'openapi: 3.1.0\ninfo:\n  title: Pets\n   version: 1\npaths: {}\n',
    message: (f) => `${f}:3:10: Nested mappings are not allowed in compact mappings`,
  },
  {
    name: 'a JSON syntax error, at its line and column',
    text: '{\n  "openapi": "3.1.0",\n  "info": {"title": "Pets"\n}\n',
    message: (f) => `${f}:5:1: Flow map must end with a }`,
  },
  {
    name: 'a key given twice',
    text: 'openapi: 3.1.0\ninfo: {title: Pets, version: "1"}\npaths: {}\npaths: {}\n',
    message: (f) => `${f}:4:1: Map keys must be unique`,
  },
  {
    name: 'two YAML documents in one file',
    text: 'openapi: 3.1.0\n---\nopenapi: 3.1.0\n',
    message: (f) => `${f}:2:1: the file holds more than one YAML document`,
  },
  { name: 'an empty file', text: '', message: (f) => `${f}: the document is empty` },
  {
    name: 'a list',
    text: '- openapi: 3.1.0\n',
    message: (f) => `${f}: an OpenAPI document is an object, not a list`,
  },
  {
    name: 'a lone string',
    text: 'openapi 3.1.0\n',
    message: (f) => `${f}: an OpenAPI document is an object, not a string`,
  },
  {
    name: 'no openapi field',
    text: stringify(edited({ '#/openapi': undefined })),
    message: (f) => `${f}: not an OpenAPI document (no openapi field)`,
  },
  {
    name: 'an OpenAPI version the kit does not know',
    text: stringify(edited({ '#/openapi': '3.2.0' })),
    message: (f) =>
      `${f}: not an OpenAPI document the kit reads (openapi: 3.2.0): it reads OpenAPI 3.1, 3.0 and Swagger 2.0`,
  },
  {
    name: 'a Swagger version the kit does not know',
    text: 'swagger: "1.2"\ninfo: {title: Pets, version: "1"}\npaths: {}\n',
    message: (f) =>
      `${f}: not an OpenAPI document the kit reads (swagger: 1.2): it reads OpenAPI 3.1, 3.0 and Swagger 2.0`,
  },
  {
    name: 'an unquoted version, which YAML reads as a number',
    text: 'openapi: 3.1\ninfo: {title: Pets, version: "1"}\npaths: {}\n',
    message: (f) => `${f}: openapi must be a version string such as '3.1.0', not the number 3.1`,
  },
  {
    name: 'no info',
    text: stringify(edited({ '#/info': undefined })),
    message: (f) => `${f}: #/info: info must be an object`,
  },
  {
    name: 'paths that are not an object',
    text: stringify(edited({ '#/paths': ['/pets'] })),
    message: (f) => `${f}: #/paths: paths must be an object: the mock serves the operations it lists`,
  },
  {
    name: 'a $ref that does not resolve, at the node that holds it',
    text: stringify(edited({ [PETS]: { $ref: '#/components/schemas/Nope' } })),
    message: (f) => `${f}: ${PETS}: $ref '#/components/schemas/Nope' does not resolve`,
  },
  {
    name: 'a $ref to a file that is not there',
    text: stringify(edited({ [SCHEMA]: { $ref: 'no-such-pets.yaml#/Pets' } })),
    message: (f) =>
      `${f}: ${SCHEMA}: $ref 'no-such-pets.yaml#/Pets' names a file that cannot be read (ENOENT)`,
  },
  {
    name: 'a $ref to a remote document',
    text: stringify(edited({ [SCHEMA]: { $ref: 'https://example.com/pets.yaml#/Pets' } })),
    message: (f) =>
      `${f}: ${SCHEMA}: $ref 'https://example.com/pets.yaml#/Pets' names a remote document; the mock reads local files only (download it beside the document)`,
  },
  {
    name: 'a cycle of $refs',
    text: stringify(
      edited({
        [PETS]: { $ref: '#/components/schemas/Again' },
        '#/components/schemas/Again': { $ref: PETS },
      }),
    ),
    message: (f) => `${f}: ${SCHEMA}: $ref '${PETS}' leads to a cycle of references`,
  },
  {
    name: 'a $ref inside a property named like a data keyword',
    text: stringify(edited({ [PETS]: { type: 'object', properties: { example: { $ref: '#/nowhere' } } } })),
    message: (f) => `${f}: ${PETS}/properties/example: $ref '#/nowhere' does not resolve`,
  },
  {
    name: 'a path that does not start with /',
    text: stringify(edited({ '#/paths': { pets: petsPath() } })),
    message: (f) => `${f}: #/paths/pets: a path must start with '/'`,
  },
  {
    name: 'parameters that are not a list',
    text: stringify(edited({ [`${GET}/parameters`]: { limit: {} } })),
    message: (f) => `${f}: ${GET}/parameters: must be a list`,
  },
  {
    name: 'a parameter without a name',
    text: stringify(edited({ [`${GET}/parameters`]: [{ in: 'query' }] })),
    message: (f) => `${f}: ${GET}/parameters/0: a parameter needs a name`,
  },
  {
    name: 'a parameter without a location',
    text: stringify(edited({ [`${GET}/parameters`]: [{ name: 'limit' }] })),
    message: (f) => `${f}: ${GET}/parameters/0: unknown parameter location 'undefined'`,
  },
  {
    name: 'a path parameter the operation does not describe',
    text: stringify(edited({ '#/paths': { '/pets/{petId}': petsPath() } })),
    message: (f) => `${f}: #/paths/~1pets~1{petId}/get: the path parameter {petId} is not described`,
  },
  {
    name: 'a security requirement naming no defined scheme',
    text: stringify(edited({ [`${GET}/security`]: [{ Nope: [] }] })),
    message: (f) =>
      `${f}: ${GET}: the security scheme 'Nope' is not defined at #/components/securitySchemes/Nope`,
  },
  {
    name: 'an http security scheme without its scheme',
    text: stringify(
      edited({
        '#/components/securitySchemes': { Bearer: { type: 'http' } },
        [`${GET}/security`]: [{ Bearer: [] }],
      }),
    ),
    message: (f) =>
      `${f}: #/components/securitySchemes/Bearer: an http security scheme needs a scheme (bearer, basic)`,
  },
  {
    name: 'a schema type Ajv does not know, at the subschema that has it',
    text: stringify(edited({ [`${PETS}/items`]: { type: 'strin' } })),
    message: (f) =>
      `${f}: ${PETS}/items: type must be equal to one of the allowed values: array, boolean, integer, null, number, object, string`,
  },
  {
    name: 'a pattern that is not a regular expression',
    text: stringify(edited({ [`${GET}/parameters/0/schema`]: { type: 'string', pattern: '(' } }).valueOf()),
    message: (f) => `${f}: ${GET}/parameters/0/schema: Invalid regular expression: /(/: Unterminated group`,
  },
];

describe('loadDocument', () => {
  it.each(cases)('refuses $name in one line naming the file and where', ({ name, text, message }) => {
    const file = write(`${name.replace(/\W+/g, '-')}.yaml`, text);
    const thrown = thrownBy(() => loadDocument(file));
    expect(thrown).toBeInstanceOf(SpecError);
    expect((thrown as SpecError).message).toBe(message(file));
  });

  it.each([
    { what: 'a missing file', file: path.join(dir, 'missing.yaml'), code: 'ENOENT' },
    { what: 'a directory', file: dir, code: 'EISDIR' },
  ])('says why it cannot read $what', ({ file, code }) => {
    expect(() => loadDocument(file)).toThrow(`${file}: cannot read the file (${code})`);
  });

  // root reads every file whatever its mode, so the refusal can only be seen as another user.
  const asUser = process.getuid?.() === 0 ? it.skip : it;
  asUser('says why it cannot read a file it has no permission for', () => {
    const file = write('secret.yaml', stringify(minimal()));
    chmodSync(file, 0o000);
    expect(() => loadDocument(file)).toThrow(`${file}: cannot read the file (EACCES)`);
  });

  it('loads the kit’s own document, and says where it read it from', () => {
    const relative = path.relative(process.cwd(), SPEC_PATH);
    const loaded = loadDocument(relative);
    expect(loaded.file).toBe(SPEC_PATH);
    expect(loaded.document).toEqual(loadSpec());
  });

  it('reads JSON, indented with tabs, as well as YAML', () => {
    const file = write('pets.json', JSON.stringify(minimal(), null, '\t'));
    expect(loadDocument(file).document).toEqual(minimal());
  });

  it('ignores what looks like a $ref in example data and extensions', () => {
    const doc = edited({
      [`${PETS}/examples`]: [{ $ref: 'not a reference' }],
      [`${GET}/x-note`]: { $ref: 'not one either' },
    });
    expect(loadDocument(doc).document).toBe(doc);
  });

  it('takes an already parsed document, and names no file', () => {
    const doc = minimal();
    const loaded = loadDocument(doc);
    expect(loaded).toEqual(expect.objectContaining({ document: doc, file: undefined }));
    expect(loaded.operations.map((o) => o.operationId)).toEqual(['GET /pets']);
  });

  it('checks an already parsed document the same way', () => {
    expect(() => loadDocument(edited({ [PETS]: { $ref: '#/components/schemas/Nope' } }))).toThrow(
      `OpenAPI document: ${PETS}: $ref '#/components/schemas/Nope' does not resolve`,
    );
  });
});

describe('loadDocument and the paths a router must tell apart', () => {
  const operation = (operationId: string) => ({ operationId, responses: { '204': { description: 'done' } } });
  const withPaths = (paths: Record<string, unknown>) => ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths,
  });

  it('takes specification extensions among the paths', () => {
    const loaded = loadDocument(
      withPaths({ 'x-owner': 'pets team', '/pets': { get: operation('ListPets') } }),
    );
    expect(loaded.operations.map((o) => o.operationId)).toEqual(['ListPets']);
  });

  it('gives a repeated operationId to the first operation and names the others by method and path', () => {
    const loaded = loadDocument(
      withPaths({ '/pets': { get: operation('Pets') }, '/cats': { get: operation('Pets') } }),
    );
    expect(loaded.operations.map((o) => o.operationId)).toEqual(['Pets', 'GET /cats']);
    expect(loaded.warnings).toEqual([
      "#/paths/~1cats/get/operationId 'Pets' is taken by an earlier operation: named 'GET /cats'",
    ]);
  });

  const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

  it('serves the first of two operations a request could not tell apart, and names the other', () => {
    const loaded = loadDocument(
      withPaths({
        '/pets/{id}': { get: { ...operation('A'), parameters: [param('id')] } },
        '/pets/{petId}': {
          get: { ...operation('B'), parameters: [param('petId')] },
          delete: { ...operation('C'), parameters: [param('petId')] },
        },
      }),
    );
    expect(loaded.operations.map((o) => o.operationId)).toEqual(['A', 'C']);
    expect(loaded.warnings).toEqual([
      '#/paths/~1pets~1{petId}/get is not served: #/paths/~1pets~1{id}/get already serves GET /pets/{petId}',
    ]);
  });

  it('routes path keys that tell variants apart with # or ? by the path before them', () => {
    const loaded = loadDocument(
      withPaths({
        '/search#by-name': { get: operation('ByName') },
        '/search?kind=tag': { get: operation('ByTag') },
        '/search?kind=any': { post: operation('Any') },
      }),
    );
    expect(loaded.operations.map((o) => [o.operationId, o.method, o.path, o.pointer])).toEqual([
      ['ByName', 'GET', '/search', '#/paths/~1search#by-name/get'],
      ['Any', 'POST', '/search', '#/paths/~1search?kind=any/post'],
    ]);
    expect(loaded.warnings).toEqual([
      '#/paths/~1search?kind=tag/get is not served: #/paths/~1search#by-name/get already serves GET /search',
    ]);
  });
});
