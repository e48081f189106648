import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import { parse, YAMLParseError } from 'yaml';
import { checkReferences } from './check-references';
import { checkSchemas } from './check-schemas';
import { checkShapes } from './check-shapes';
import { isObject, type OpenApiDocument } from './document';
import { describeOperations, SpecStructureError, type OperationModel } from './operation';
import { SpecError } from './spec-error';

export { SpecError, type SpecErrorLocation } from './spec-error';

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
