import { escapePointer, follow, isObject, type OpenApiDocument } from './document';
import { HTTP_METHODS } from './operation';
import { SpecError } from './spec-error';

/** What `describeOperations` takes for granted (lists are lists, maps are maps), checked with a pointer. */
export function checkShapes(document: OpenApiDocument, file: string | undefined): void {
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
