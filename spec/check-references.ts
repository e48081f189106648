import { escapePointer, isObject, resolvePointer, type OpenApiDocument } from './document';
import { SpecError } from './spec-error';

/** Keys whose values are data (examples, defaults, extensions), where a `$ref` is not a reference. */
const DATA_KEYS = new Set(['example', 'value', 'default', 'const', 'enum']);

/** Keys whose values map names to objects: their keys are names (a property may be called `example`). */
const NAME_MAPS = new Set([
  ...['paths', 'webhooks', 'schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers'],
  ...['securitySchemes', 'links', 'callbacks', 'pathItems', 'content', 'encoding', 'variables'],
  ...['properties', 'patternProperties', '$defs', 'dependentSchemas'],
]);

/** Every `$ref` in the document must resolve inside it: the engine follows only local references. */
export function checkReferences(document: OpenApiDocument, file: string | undefined): void {
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
