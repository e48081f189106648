import { escapePointer, isObject } from './document';

/** Keys whose values are data (examples, defaults), where nothing is a keyword or a reference. */
const DATA_KEYS = new Set(['example', 'value', 'default', 'const', 'enum']);

/** Keys whose values map names to objects: their keys are names (a property may be called `example`). */
const NAME_MAPS = new Set([
  ...['paths', 'webhooks', 'schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers'],
  ...['securitySchemes', 'links', 'callbacks', 'pathItems', 'content', 'encoding', 'variables'],
  ...['properties', 'patternProperties', '$defs', 'dependentSchemas', 'definitions'],
]);

/**
 * Visits every object of an OpenAPI document that can hold keywords or references, with its JSON
 * pointer, skipping data (examples, defaults, enums) and specification extensions, except the keys
 * named in `into` (where bundled files are kept). A key inside a map of names (`properties`,
 * `components/schemas` ...) is a name, so a property called `example` is still visited.
 */
export function walkObjects(
  root: unknown,
  visit: (node: Record<string, unknown>, pointer: string) => void,
  into: ReadonlySet<string> = new Set(),
): void {
  const step = (node: unknown, pointer: string, isNameMap: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        step(item, `${pointer}/${i}`, false);
      });
      return;
    }
    if (!isObject(node)) return;
    if (!isNameMap) visit(node, pointer);
    for (const [key, value] of Object.entries(node)) {
      const isData =
        !into.has(key) &&
        (DATA_KEYS.has(key) || key.startsWith('x-') || (key === 'examples' && Array.isArray(value)));
      if (isNameMap || !isData)
        step(value, `${pointer}/${escapePointer(key)}`, !isNameMap && NAME_MAPS.has(key));
    }
  };
  step(root, '#', false);
}
