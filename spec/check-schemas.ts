import type Ajv2020 from 'ajv/dist/2020';
import { escapePointer, isObject, type OpenApiDocument } from './document';
import type { OperationModel } from './operation';
import { compileAt, createSpecAjv } from './schemas';
import { SpecError } from './spec-error';

/** Every schema the operations validate with must compile, as the engine will compile it. */
export function checkSchemas(
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
