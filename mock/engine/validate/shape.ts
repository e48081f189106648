/** What a parameter's serialization depends on: OpenAPI serializes primitives, arrays and objects differently. */
export type Shape = 'primitive' | 'array' | 'object';

/**
 * The shape the parameter's schema declares. A schema that says neither (`oneOf`, or no `type`) is
 * read as a primitive: its one string is handed to the schema, which may still coerce it.
 */
export function shapeOf(schema: Readonly<Record<string, unknown>>): Shape {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('array') || (schema.type === undefined && schema.items !== undefined)) return 'array';
  if (types.includes('object') || (schema.type === undefined && schema.properties !== undefined)) {
    return 'object';
  }
  return 'primitive';
}
