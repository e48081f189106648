import type Ajv2020 from 'ajv/dist/2020';
import { escapePointer, isObject, nodeAt, type OpenApiDocument } from './document';
import type { OperationModel } from './operation';
import { createSpecAjv } from './schemas';
import { SpecError } from './spec-error';

/**
 * Every schema the operations validate with must be JSON Schema 2020-12, checked against its
 * meta-schema (with every `pattern` a regular expression), so a broken schema stops start-up naming
 * the smallest subschema at fault. Schemas are compiled when an operation is first called, not here:
 * compiling every schema of GitHub's REST description (1 223 operations) takes some ten seconds,
 * checking them under one. What strict mode finds while the schemas are read is said once.
 */
export function checkSchemas(
  document: OpenApiDocument,
  operations: readonly OperationModel[],
  file: string | undefined,
  warn: (warning: string) => void = () => undefined,
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
  // Findings are said once, at start-up: Ajv logs one each time a schema is compiled, and the engine
  // compiles some again later (request views), when nobody should hear of them again.
  const findings = new Set<string>();
  let listening = true;
  let ajv: ReturnType<typeof createSpecAjv>;
  try {
    // With useDefaults, as the engine compiles its validators: strict mode then also refuses a
    // `default` that Ajv would ignore, which the engine would trip on.
    ajv = createSpecAjv(document, {
      useDefaults: true,
      onFinding: (message) => {
        if (listening) findings.add(message);
      },
    });
  } catch (error) {
    throw new SpecError(file, `the schemas cannot be loaded: ${(error as Error).message}`);
  }
  const failureOf = (at: string): string | undefined => metaSchemaFailure(ajv, document, at);
  for (const pointer of pointers) {
    const failure = failureOf(pointer);
    if (failure !== undefined) {
      // Ajv does not say where inside the schema the problem is; narrowing to the smallest failing
      // subschema costs nothing on the happy path and turns "unknown keyword" into a place to look.
      const at = narrow(failureOf, document, pointer, new Set());
      throw new SpecError(file, failureOf(at) ?? failure, { pointer: at });
    }
  }
  listening = false;
  if (findings.size > 0) {
    const [first] = findings;
    warn(
      `${findings.size} schema finding${findings.size === 1 ? '' : 's'} of JSON Schema's strict mode, served as valid JSON Schema (first: ${first ?? ''})`,
    );
  }
  return ajv;
}

/** Why the schema at `pointer` is not JSON Schema 2020-12, by the meta-schema; undefined when it is. */
function metaSchemaFailure(
  ajv: ReturnType<typeof createSpecAjv>,
  document: OpenApiDocument,
  pointer: string,
): string | undefined {
  const node = nodeAt(document, pointer);
  if (typeof node === 'boolean') return undefined;
  if (!isObject(node)) return 'a schema must be an object or a boolean';
  // The meta-schema says a pattern is a regular expression, but does not check it.
  for (const pattern of [
    node.pattern,
    ...Object.keys(isObject(node.patternProperties) ? node.patternProperties : {}),
  ]) {
    if (typeof pattern !== 'string') continue;
    try {
      new RegExp(pattern);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (ajv.validateSchema(node)) return undefined;
  const [first] = ajv.errors ?? [];
  if (first === undefined) return 'not a JSON Schema';
  const where = first.instancePath.slice(1).replace(/\//g, '.');
  const allowed = first.keyword === 'enum' ? `: ${(first.params.allowedValues as unknown[]).join(', ')}` : '';
  return `${where === '' ? 'the schema' : where} ${first.message ?? 'is invalid'}${allowed}`;
}

const SUBSCHEMA = ['not', 'items', 'contains', 'if', 'then', 'else', 'additionalProperties', 'propertyNames'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/** The deepest subschema of the (failing) schema at `pointer` that still fails to compile on its own. */
function narrow(
  failureOf: (pointer: string) => string | undefined,
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
  const failing = children.find((child) => !seen.has(child) && failureOf(child) !== undefined);
  return failing === undefined ? pointer : narrow(failureOf, document, failing, seen);
}
