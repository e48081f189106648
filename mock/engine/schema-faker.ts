import type { faker as Faker } from '@faker-js/faker/locale/en';
import { isObject, resolvePointer, type OpenApiDocument } from '../../spec/document';

type Schema = Readonly<Record<string, unknown>>;

/**
 * Generates a value that validates against a schema of the document, with faker (Prism's
 * `dynamic=true`). Covers what the Nexus schemas use: objects, nullable type lists, enums, strings
 * with formats, integers with int32, booleans, arrays and local `$ref`s.
 */
export function fakeFromSchema(
  document: OpenApiDocument,
  schema: unknown,
  faker: typeof Faker,
  depth = 0,
): unknown {
  if (!isObject(schema) || depth > 8) return null;
  if (typeof schema.$ref === 'string')
    return fakeFromSchema(document, resolvePointer(document, schema.$ref), faker, depth + 1);
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return faker.helpers.arrayElement(schema.enum as unknown[]);
  if ('const' in schema) return schema.const;
  const types = [schema.type].flat().filter((t): t is string => typeof t === 'string');
  // Nullable values are null now and then, as real data is.
  const type =
    types.includes('null') && types.length > 1 && faker.number.int(3) === 0
      ? 'null'
      : (types.find((t) => t !== 'null') ?? 'null');
  switch (type) {
    case 'object':
      return fakeObject(document, schema, faker, depth);
    case 'array':
      return Array.from({ length: faker.number.int({ min: 0, max: 3 }) }, () =>
        fakeFromSchema(document, schema.items, faker, depth + 1),
      );
    case 'string':
      return fakeString(schema, faker);
    case 'integer':
      return schema.format === 'int32'
        ? faker.number.int({ min: 0, max: 2 ** 31 - 1 })
        : faker.number.int({ min: 0, max: 1_000_000 });
    case 'number':
      return faker.number.float({ min: 0, max: 1000, fractionDigits: 2 });
    case 'boolean':
      return faker.datatype.boolean();
    default:
      return null;
  }
}

function fakeObject(
  document: OpenApiDocument,
  schema: Schema,
  faker: typeof Faker,
  depth: number,
): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  const value: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    // Optional members are present most of the time, so a client sees them.
    if (required.includes(name) || faker.number.int(4) > 0)
      value[name] = fakeFromSchema(document, property, faker, depth + 1);
  }
  return value;
}

function fakeString(schema: Schema, faker: typeof Faker): string {
  switch (schema.format) {
    case 'uri':
    case 'url':
      return `${faker.internet.url({ appendSlash: false })}/${faker.string.alphanumeric(12)}`;
    case 'uuid':
      return faker.string.uuid();
    case 'email':
      return faker.internet.exampleEmail();
    case 'date-time':
      return faker.date.recent().toISOString();
    case 'date':
      return faker.date.recent().toISOString().slice(0, 10);
    default:
      return faker.lorem.sentence({ min: 2, max: 6 });
  }
}
