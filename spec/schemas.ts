import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { unescapePointer } from './document';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './document';

/** The key under which the whole OpenAPI document is registered in Ajv; pointers are resolved against it. */
const DOCUMENT_KEY = 'nexus.openapi.yaml';

/**
 * OpenAPI's own keywords, declared so Ajv's strict mode accepts them: the schema annotations, and the
 * document's top-level fields (the document itself is registered as the root schema).
 */
const OPENAPI_KEYWORDS = [
  ...['example', 'discriminator', 'xml', 'externalDocs'],
  ...[
    'openapi',
    'info',
    'jsonSchemaDialect',
    'servers',
    'paths',
    'webhooks',
    'components',
    'security',
    'tags',
  ],
];

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export type SpecAjvOptions = Pick<
  NonNullable<ConstructorParameters<typeof Ajv2020>[0]>,
  'coerceTypes' | 'useDefaults' | 'allErrors'
> & {
  /**
   * Receives what Ajv's strict mode finds (an unknown keyword, a `default` Ajv ignores): valid JSON
   * Schema that the mock serves anyway, so a finding is a message, never a refusal. Ignored when absent.
   */
  readonly onFinding?: (message: string) => void;
};

/**
 * An Ajv instance that knows the whole OpenAPI document, so any schema in it can be compiled by its
 * JSON pointer, with OpenAPI's formats (`int32`, `int64`, `float`, `double`) and keywords understood.
 */
export function createSpecAjv(document: OpenApiDocument, options: SpecAjvOptions = {}): Ajv2020 {
  // validateSchema off: checking the document against the JSON Schema meta-schema costs ~40 ms at every
  // start-up, and Redocly's lint (npm test) already checks the document.
  const { onFinding, ...ajvOptions } = options;
  const ajv = new Ajv2020({
    allErrors: true,
    // Every finding of strict mode is valid JSON Schema (2020-12 ignores unknown keywords): logged,
    // so the loader can say it once, never thrown.
    strict: 'log',
    logger: {
      log: () => undefined,
      warn: (...args: unknown[]) => onFinding?.(args.map(String).join(' ')),
      error: (...args: unknown[]) => onFinding?.(args.map(String).join(' ')),
    },
    // A real document writes `required` in one `allOf` branch for properties of another, and leaves
    // tuples open: both are valid JSON Schema that strict mode would refuse.
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    validateSchema: false,
    // Real documents write patterns for JavaScript's (and most languages') regular expressions,
    // where `[\w\-]` is valid; with the `u` flag it is not.
    unicodeRegExp: false,
    ...ajvOptions,
  });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...extensionKeywords(document)]);
  // A format Ajv does not know (`password`, `decimal` ...) is an annotation (JSON Schema 2020-12,
  // section 7.2.1), not a reason to refuse the document.
  for (const format of formatsUsed(document)) if (!(format in ajv.formats)) ajv.addFormat(format, true);
  ajv.addSchema(document, DOCUMENT_KEY);
  return ajv;
}

/** Compiles the schema found at `pointer` (for example `#/components/schemas/ProblemDetails`). */
export function compileAt<T = unknown>(ajv: Ajv2020, pointer: string): ValidateFunction<T> {
  return ajv.compile<T>({ $ref: `${DOCUMENT_KEY}${pointer}` });
}

/** Compiles a schema written in terms of the document (its `$ref`s are pointers into it). */
export function compileWith<T = unknown>(ajv: Ajv2020, schema: Record<string, unknown>): ValidateFunction<T> {
  return ajv.compile<T>(rebase(schema) as object);
}

/** One violation, in words a person reads: `ticketUrl: must match format "uri"`. */
export interface Violation {
  /** Where the violation is, as a dotted path (`ticketUrl`, `errors.0`), empty for the root. */
  readonly path: string;
  readonly message: string;
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  return (errors ?? []).map((error) => {
    const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
    if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
    return { path: segments.join('.'), message: messageOf(error) };
  });
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'additionalProperties':
      return 'is not allowed';
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/** Rewrites local `$ref`s (`#/...`) so they resolve inside the registered document. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${DOCUMENT_KEY}${value}`
        : rebase(value),
    ]),
  );
}

/** Every `format` value a schema of the document uses. */
function formatsUsed(document: OpenApiDocument): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const format = (node as { format?: unknown }).format;
    if (typeof format === 'string') found.add(format);
    for (const value of Object.values(node)) visit(value);
  };
  visit(document);
  return found;
}

/** Every `x-` key used anywhere in the document, declared so strict mode accepts them. */
function extensionKeywords(document: OpenApiDocument): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      visit(value);
    }
  };
  visit(document);
  return found;
}
