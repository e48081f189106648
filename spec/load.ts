import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { escapePointer, follow, isObject, resolvePointer, type OpenApiDocument } from './document';
import { describeOperations, HTTP_METHODS, SpecStructureError, type OperationModel } from './operation';
import type Ajv2020 from 'ajv/dist/2020';
import { compileAt, createSpecAjv } from './schemas';

export interface LoadedDocument {
  readonly document: OpenApiDocument;
  /** The absolute path it was read from; undefined when it was given as an object. */
  readonly file: string | undefined;
  /** Every operation of the document, described. */
  readonly operations: readonly OperationModel[];
  /**
   * The Ajv instance the schemas were checked with (`useDefaults`, no coercion: the engine's
   * options), every schema the operations use compiled in it already: callers reuse it.
   */
  readonly ajv: Ajv2020;
}

/** Where a problem is: a line and column of the file, or the JSON pointer of a node. */
export type SpecErrorLocation =
  { readonly line: number; readonly column: number } | { readonly pointer: string };

/**
 * A document the mock cannot serve. The message is one line a person acts on, naming the file and
 * where in it: `spec/x.yaml:12:3: ...` (a syntax error) or `spec/x.yaml: #/paths/...: ...`.
 */
export class SpecError extends Error {
  constructor(
    /** The file as it was named (on the command line, in the environment); undefined for an object. */
    readonly file: string | undefined,
    reason: string,
    readonly location?: SpecErrorLocation,
  ) {
    const oneLine = reason.replace(/\s*\n\s*/g, ' ').trim();
    const name = file ?? 'OpenAPI document';
    const where =
      location === undefined
        ? `${name}:`
        : 'pointer' in location
          ? `${name}: ${location.pointer}:`
          : `${name}:${location.line}:${location.column}:`;
    super(`${where} ${oneLine}`);
    this.name = 'SpecError';
  }
}

/**
 * Reads an OpenAPI 3.1 document (a string is a path to YAML or JSON; anything else is taken as an
 * already parsed document) and checks everything the engine relies on, so a document it cannot
 * serve stops start-up with one clear line instead of failing on the first request. Not checked
 * against the official OpenAPI JSON Schema: no dependency of the kit carries it, and Redocly
 * (`npm run lint:spec`) checks the kit's own document.
 */
export function loadDocument(source: unknown): LoadedDocument {
  const file = typeof source === 'string' ? source : undefined;
  const parsed = file === undefined ? source : parseFile(file);
  const document = checkRoot(parsed, file);
  checkReferences(document, file);
  const operations = describe(document, file);
  const ajv = checkSchemas(document, operations, file);
  return { document, file: file === undefined ? undefined : path.resolve(file), operations, ajv };
}

function parseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    // JSON is YAML 1.2, so one parser reads both and gives line positions for either.
    return parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [start] = error.linePos ?? [];
      const reason =
        error.code === 'MULTIPLE_DOCS'
          ? 'the file holds more than one YAML document'
          : (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new SpecError(file, reason, start && { line: start.line, column: start.col });
    }
    throw new SpecError(file, (error as Error).message);
  }
}

function checkRoot(parsed: unknown, file: string | undefined): OpenApiDocument {
  if (parsed === null || parsed === undefined) throw new SpecError(file, 'the document is empty');
  if (!isObject(parsed)) {
    throw new SpecError(
      file,
      `an OpenAPI document is an object, not ${Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`}`,
    );
  }
  const { openapi, swagger } = parsed;
  if (typeof openapi === 'number') {
    throw new SpecError(file, `openapi must be a version string such as '3.1.0', not the number ${openapi}`);
  }
  if (typeof openapi !== 'string' || !/^3\.1(\.\d+)?$/.test(openapi)) {
    const found =
      typeof openapi === 'string'
        ? `openapi: ${openapi}`
        : openapi !== undefined
          ? `openapi: ${JSON.stringify(openapi)}`
          : typeof swagger === 'string'
            ? `swagger: ${swagger}`
            : 'no openapi field';
    // 3.0 and Swagger 2 are refused rather than converted: their schema dialects differ from 3.1's
    // (boolean exclusiveMinimum, nullable, example ...) and a partial conversion would validate the
    // wrong thing. A dedicated tool does it whole.
    const upgrade = /^(openapi: 3\.0|swagger: 2)/.test(found)
      ? `; upgrade it first: npx @scalar/cli document upgrade ${file ?? 'FILE'} --output openapi.json`
      : '';
    throw new SpecError(file, `not an OpenAPI 3.1 document (${found})${upgrade}`);
  }
  if (!isObject(parsed.info)) throw new SpecError(file, 'info must be an object', { pointer: '#/info' });
  if (!isObject(parsed.paths)) {
    throw new SpecError(file, 'paths must be an object: the mock serves the operations it lists', {
      pointer: '#/paths',
    });
  }
  return parsed as unknown as OpenApiDocument;
}

/** Keys whose values are data (examples, defaults, extensions), where a `$ref` is not a reference. */
const DATA_KEYS = new Set(['example', 'value', 'default', 'const', 'enum']);

/** Keys whose values map names to objects: their keys are names (a property may be called `example`). */
const NAME_MAPS = new Set([
  ...['paths', 'webhooks', 'schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers'],
  ...['securitySchemes', 'links', 'callbacks', 'pathItems', 'content', 'encoding', 'variables'],
  ...['properties', 'patternProperties', '$defs', 'dependentSchemas'],
]);

/** Every `$ref` in the document must resolve inside it: the engine follows only local references. */
function checkReferences(document: OpenApiDocument, file: string | undefined): void {
  const visit = (node: unknown, pointer: string, isNameMap: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${pointer}/${i}`, false);
      });
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string' && !isNameMap) checkReference(document, file, node.$ref, pointer);
    for (const [key, value] of Object.entries(node)) {
      const isData =
        DATA_KEYS.has(key) || key.startsWith('x-') || (key === 'examples' && Array.isArray(value));
      if (isNameMap || !isData)
        visit(value, `${pointer}/${escapePointer(key)}`, !isNameMap && NAME_MAPS.has(key));
    }
  };
  visit(document, '#', false);
}

function checkReference(
  document: OpenApiDocument,
  file: string | undefined,
  ref: string,
  pointer: string,
): void {
  if (!ref.startsWith('#/')) {
    throw new SpecError(
      file,
      `$ref '${ref}' points outside the document; bundle it into one file first (npx @redocly/cli bundle)`,
      { pointer },
    );
  }
  let target: unknown;
  try {
    target = resolvePointer(document, ref);
  } catch {
    throw new SpecError(file, `$ref '${ref}' does not resolve`, { pointer });
  }
  // A chain of references that comes back on itself never reaches a node. A broken link further
  // down the chain is reported where it is written.
  for (const seen = new Set([ref]); isObject(target) && typeof target.$ref === 'string';) {
    const next = target.$ref;
    if (seen.has(next))
      throw new SpecError(file, `$ref '${ref}' leads to a cycle of references`, { pointer });
    seen.add(next);
    try {
      target = resolvePointer(document, next);
    } catch {
      return;
    }
  }
}

/** The engine's own reading of the document (spec/operation.ts), with its mistakes named by file. */
function describe(document: OpenApiDocument, file: string | undefined): OperationModel[] {
  checkShapes(document, file);
  try {
    return describeOperations(document);
  } catch (error) {
    if (error instanceof SpecStructureError) {
      throw new SpecError(file, error.message.slice(error.pointer.length + 2), { pointer: error.pointer });
    }
    throw new SpecError(
      file,
      `the document does not have the structure OpenAPI 3.1 describes (${(error as Error).message})`,
    );
  }
}

/** What `describeOperations` takes for granted (lists are lists, maps are maps), checked with a pointer. */
function checkShapes(document: OpenApiDocument, file: string | undefined): void {
  const fail = (pointer: string, reason: string): never => {
    throw new SpecError(file, reason, { pointer });
  };
  const listOf = (value: unknown, pointer: string, what: 'objects' | 'values'): void => {
    if (value === undefined) return;
    if (!Array.isArray(value)) fail(pointer, 'must be a list');
    if (what === 'values') return;
    (value as unknown[]).forEach((item, i) => {
      if (!isObject(item)) fail(`${pointer}/${i}`, 'must be an object');
    });
  };
  const mapOfObjects = (value: unknown, pointer: string): void => {
    if (value === undefined) return;
    if (!isObject(value)) fail(pointer, 'must be an object');
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (!isObject(item)) fail(`${pointer}/${escapePointer(key)}`, 'must be an object');
    }
  };
  const content = (owner: unknown, pointer: string): void => {
    const resolved = follow(document, owner, pointer);
    if (isObject(resolved.node)) mapOfObjects(resolved.node.content, `${resolved.pointer}/content`);
  };

  listOf(document.security, '#/security', 'objects');
  const schemes: unknown = document.components?.securitySchemes;
  mapOfObjects(schemes, '#/components/securitySchemes');
  for (const [name, raw] of Object.entries(isObject(schemes) ? schemes : {})) {
    const scheme = follow(document, raw, `#/components/securitySchemes/${escapePointer(name)}`);
    if (!isObject(scheme.node) || typeof scheme.node.type !== 'string')
      fail(scheme.pointer, 'a security scheme needs a type');
    else if (scheme.node.type === 'http' && typeof scheme.node.scheme !== 'string')
      fail(scheme.pointer, 'an http security scheme needs a scheme (bearer, basic)');
  }
  for (const [route, raw] of Object.entries(document.paths ?? {})) {
    if (route.startsWith('x-')) continue; // An extension of the Paths Object, not a path.
    const itemPointer = `#/paths/${escapePointer(route)}`;
    if (!route.startsWith('/')) fail(itemPointer, "a path must start with '/'");
    const item = follow(document, raw, itemPointer);
    if (!isObject(item.node)) continue;
    listOf(item.node.parameters, `${item.pointer}/parameters`, 'values');
    for (const method of HTTP_METHODS) {
      const operation = item.node[method];
      const pointer = `${item.pointer}/${method}`;
      if (!isObject(operation)) continue;
      listOf(operation.parameters, `${pointer}/parameters`, 'values');
      listOf(operation.security, `${pointer}/security`, 'objects');
      if (operation.requestBody !== undefined) content(operation.requestBody, `${pointer}/requestBody`);
      if (isObject(operation.responses)) {
        for (const [code, response] of Object.entries(operation.responses)) {
          content(response, `${pointer}/responses/${escapePointer(code)}`);
        }
      }
    }
  }
}

/** Every schema the operations validate with must compile, as the engine will compile it. */
function checkSchemas(
  document: OpenApiDocument,
  operations: readonly OperationModel[],
  file: string | undefined,
): Ajv2020 {
  const pointers = new Set<string>();
  for (const operation of operations) {
    for (const parameter of operation.parameters)
      if (parameter.schemaPointer !== '') pointers.add(parameter.schemaPointer);
    const media = [
      ...(operation.requestBody?.content ?? []),
      ...[...operation.responses.values()].flatMap((r) => r.content),
    ];
    for (const { schemaPointer } of media) if (schemaPointer !== undefined) pointers.add(schemaPointer);
  }
  let ajv: ReturnType<typeof createSpecAjv>;
  try {
    // With useDefaults, as the engine compiles its validators: strict mode then also refuses a
    // `default` that Ajv would ignore, which the engine would trip on.
    ajv = createSpecAjv(document, { useDefaults: true });
  } catch (error) {
    throw new SpecError(file, `the schemas cannot be loaded: ${(error as Error).message}`);
  }
  for (const pointer of pointers) {
    const failure = compileFailure(ajv, pointer);
    if (failure !== undefined) {
      // Ajv does not say where inside the schema the problem is; narrowing to the smallest failing
      // subschema costs nothing on the happy path and turns "unknown keyword" into a place to look.
      const at = narrow(ajv, document, pointer, new Set());
      throw new SpecError(file, compileFailure(ajv, at) ?? failure, { pointer: at });
    }
  }
  return ajv;
}

function compileFailure(ajv: ReturnType<typeof createSpecAjv>, pointer: string): string | undefined {
  try {
    compileAt(ajv, pointer);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const SUBSCHEMA = ['not', 'items', 'contains', 'if', 'then', 'else', 'additionalProperties', 'propertyNames'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/** The deepest subschema of the (failing) schema at `pointer` that still fails to compile on its own. */
function narrow(
  ajv: ReturnType<typeof createSpecAjv>,
  document: OpenApiDocument,
  pointer: string,
  seen: Set<string>,
): string {
  seen.add(pointer);
  const node = nodeAt(document, pointer);
  if (!isObject(node)) return pointer;
  const children: string[] = [];
  if (typeof node.$ref === 'string') children.push(node.$ref);
  for (const key of SUBSCHEMA) if (isObject(node[key])) children.push(`${pointer}/${key}`);
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((_, i) => children.push(`${pointer}/${key}/${i}`));
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = node[key];
    if (isObject(map))
      for (const name of Object.keys(map)) children.push(`${pointer}/${key}/${escapePointer(name)}`);
  }
  const failing = children.find((child) => !seen.has(child) && compileFailure(ajv, child) !== undefined);
  return failing === undefined ? pointer : narrow(ajv, document, failing, seen);
}

/** The node at a JSON pointer, stepping into lists (`parameters/0/schema`), which `resolvePointer` does not. */
function nodeAt(document: OpenApiDocument, pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? (node as unknown[])[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  return node;
}
