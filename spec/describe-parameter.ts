import type { OpenAPIV3_1 } from 'openapi-types';
import { escapePointer, follow, isObject, type OpenApiDocument } from './document';
import type { ParameterLocation, ParameterModel } from './operation';
import { SpecStructureError } from './spec-structure-error';

export function describeParameter(document: OpenApiDocument, node: unknown, pointer: string): ParameterModel {
  const resolved = follow(document, node, pointer);
  if (!isObject(resolved.node))
    throw new SpecStructureError(resolved.pointer, 'a parameter must be an object');
  const parameter = resolved.node as unknown as OpenAPIV3_1.ParameterObject;
  const location = parameter.in as ParameterLocation;
  if (!['query', 'header', 'path', 'cookie'].includes(location)) {
    throw new SpecStructureError(resolved.pointer, `unknown parameter location '${parameter.in}'`);
  }
  if (typeof parameter.name !== 'string' || parameter.name === '') {
    throw new SpecStructureError(resolved.pointer, 'a parameter needs a name');
  }
  let mediaType: string | undefined;
  let schemaNode: unknown = parameter.schema ?? undefined;
  let schemaPointer = `${resolved.pointer}/schema`;
  if (parameter.schema === undefined && isObject(parameter.content)) {
    const [first] = Object.entries(parameter.content);
    if (first) {
      mediaType = first[0];
      schemaNode = first[1].schema;
      schemaPointer = `${resolved.pointer}/content/${escapePointer(first[0])}/schema`;
    }
  }
  const schema =
    schemaNode === undefined || schemaNode === null
      ? { node: {}, pointer: '' }
      : follow(document, schemaNode, schemaPointer);
  const style = parameter.style ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
  if (!STYLES[location].includes(style)) {
    throw new SpecStructureError(
      resolved.pointer,
      `the ${location} parameter '${parameter.name}' has style '${style}', which OpenAPI does not define there (${STYLES[location].join(', ')})`,
    );
  }
  const described = isObject(schema.node) ? schema.node : {};
  if (style === 'deepObject' && described.type !== 'object' && !isObject(described.properties)) {
    throw new SpecStructureError(
      resolved.pointer,
      `the query parameter '${parameter.name}' is a deepObject but not an object`,
    );
  }
  return {
    name: parameter.name,
    in: location,
    // Path parameters are always required (OpenAPI 3.1, section 4.8.12.1).
    required: location === 'path' || parameter.required === true,
    style,
    explode: parameter.explode ?? style === 'form',
    mediaType,
    schemaPointer: schema.pointer,
    schema: described,
  };
}

/** The styles OpenAPI 3.1 defines for each location (section 4.8.12.4). */
const STYLES: Readonly<Record<ParameterLocation, readonly string[]>> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};
