import path from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import { bundleFiles } from './bundle';
import { checkReferences } from './check-references';
import { checkSchemas } from './check-schemas';
import { checkShapes } from './check-shapes';
import { isObject, type OpenApiDocument } from './document';
import { describeOperations, SpecStructureError, type OperationModel } from './operation';
import { parseFile } from './read-file';
import { SpecError } from './spec-error';
import { upgradeDocument, type SourceVersion } from './upgrade';

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
  /** The version the document was written in (2.0 and 3.0 are served as upgraded to 3.1). */
  readonly version: SourceVersion;
  /**
   * What the mock serves other than the document says, or takes on trust, in one line each, said
   * once at start-up: an upgrade, an operation another one shadows, schema findings.
   */
  readonly warnings: readonly string[];
}

/**
 * Reads an OpenAPI document (a string is a path to YAML or JSON; anything else is taken as an
 * already parsed document) and checks everything the engine relies on, so a document it cannot
 * serve stops start-up with one clear line instead of failing on the first request. OpenAPI 3.0
 * and Swagger 2.0 are upgraded to 3.1 in memory; other files its `$ref`s name are read into it.
 * What is valid but served with a caveat is a warning, never a refusal. Not checked against the
 * official OpenAPI JSON Schema: Redocly (`npm run lint:spec`) checks the kit's own document.
 */
export function loadDocument(source: unknown): LoadedDocument {
  const file = typeof source === 'string' ? source : undefined;
  const parsed = file === undefined ? source : parseFile(file);
  const root = checkRoot(parsed, file);
  const upgraded = upgradeDocument(bundleFiles(root as unknown as OpenApiDocument, file));
  if (upgraded === undefined)
    throw new SpecError(
      file,
      `not an OpenAPI document the kit reads (${versionFound(root)}): it reads OpenAPI 3.1, 3.0 and Swagger 2.0`,
    );
  const document = upgraded.document as unknown as OpenApiDocument;
  const warnings = [...upgraded.warnings];
  if (!isObject(document.paths) || Object.keys(document.paths).length === 0)
    warnings.push('the document has no paths: the mock serves no operations (the admin API works)');
  checkReferences(document, file);
  const operations = describe(document, file, (warning) => warnings.push(warning));
  const ajv = checkSchemas(document, operations, file, (warning) => warnings.push(warning));
  return {
    document,
    file: file === undefined ? undefined : path.resolve(file),
    operations,
    ajv,
    version: upgraded.from,
    warnings,
  };
}

function checkRoot(parsed: unknown, file: string | undefined): Record<string, unknown> {
  if (parsed === null || parsed === undefined) throw new SpecError(file, 'the document is empty');
  if (!isObject(parsed)) {
    throw new SpecError(
      file,
      `an OpenAPI document is an object, not ${Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`}`,
    );
  }
  if (typeof parsed.openapi === 'number') {
    throw new SpecError(
      file,
      `openapi must be a version string such as '3.1.0', not the number ${parsed.openapi}`,
    );
  }
  if (parsed.openapi === undefined && parsed.swagger === undefined)
    throw new SpecError(file, 'not an OpenAPI document (no openapi field)');
  if (!isObject(parsed.info)) throw new SpecError(file, 'info must be an object', { pointer: '#/info' });
  // Optional in 3.1: a document of webhooks alone, or of components, has none.
  if (parsed.paths !== undefined && !isObject(parsed.paths)) {
    throw new SpecError(file, 'paths must be an object: the mock serves the operations it lists', {
      pointer: '#/paths',
    });
  }
  return parsed;
}

function versionFound(parsed: Record<string, unknown>): string {
  const { openapi, swagger } = parsed;
  if (openapi !== undefined)
    return `openapi: ${typeof openapi === 'string' ? openapi : JSON.stringify(openapi)}`;
  return `swagger: ${typeof swagger === 'string' ? swagger : JSON.stringify(swagger)}`;
}

/** The engine's own reading of the document (spec/operation.ts), with its mistakes named by file. */
function describe(
  document: OpenApiDocument,
  file: string | undefined,
  warn: (warning: string) => void,
): OperationModel[] {
  checkShapes(document, file);
  try {
    return describeOperations(document, warn);
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
