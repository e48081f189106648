import fc from 'fast-check';
import { follow, isObject, type OpenApiDocument } from '../../spec/document';

/**
 * Values derived from a JSON Schema of the document: the interesting valid ones, listed (every enum
 * member, boundaries, the examples), and a fast-check arbitrary over the rest. Callers check every
 * value against the compiled schema before sending it, so a keyword this reads loosely (`allOf`,
 * `not`) can only lose a value, never send an invalid one as valid.
 */
export type Schema = Readonly<Record<string, unknown>>;

/** Where a value travels: only bodies carry JSON structure, and header values must stay ASCII. */
export type Carrier = 'query' | 'path' | 'header' | 'cookie' | 'body';

const MAX_GENERATED_LENGTH = 24;
/** RFC 3986's unreserved characters, less the dot (`.` and `..` are path segments of their own). */
const UNRESERVED = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).filter((c) =>
  /[A-Za-z0-9_~-]/.test(c),
);
const MAX_GENERATED_ITEMS = 3;

export function resolveSchema(document: OpenApiDocument, schema: unknown): Schema {
  const node = follow(document, schema, '#').node;
  return isObject(node) ? node : {};
}

/** The first non-null type the schema names (`['string', 'null']` → `string`). */
export function primaryType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (Array.isArray(schema.enum)) return typeof schema.enum[0];
  if (isObject(schema.properties)) return 'object';
  return undefined;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Inclusive bounds of a numeric schema, from `minimum` / `exclusiveMinimum` (2020-12: numbers). */
export function numericBounds(schema: Schema): { min: number | undefined; max: number | undefined } {
  const step = primaryType(schema) === 'integer' ? 1 : 0.5;
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  return {
    min: num(schema.minimum) ?? (exclusiveMin === undefined ? undefined : exclusiveMin + step),
    max: num(schema.maximum) ?? (exclusiveMax === undefined ? undefined : exclusiveMax - step),
  };
}

/** The listed valid candidates: examples and defaults first, then enum members and boundaries. */
export function validSamples(
  document: OpenApiDocument,
  raw: unknown,
  carrier: Carrier,
  depth = 0,
): unknown[] {
  const schema = resolveSchema(document, raw);
  const samples: unknown[] = [];
  if (schema.default !== undefined) samples.push(schema.default);
  if (schema.example !== undefined) samples.push(schema.example);
  if (Array.isArray(schema.examples)) samples.push(...(schema.examples as unknown[]));
  if (schema.const !== undefined) samples.push(schema.const);
  if (Array.isArray(schema.enum)) samples.push(...(schema.enum as unknown[]).filter((v) => v !== null));
  const members = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
  if (members && depth < 4)
    samples.push(...members.flatMap((m) => validSamples(document, m, carrier, depth + 1)));
  switch (primaryType(schema)) {
    case 'boolean':
      samples.push(true, false);
      break;
    case 'integer':
    case 'number': {
      const { min, max } = numericBounds(schema);
      samples.push(min ?? max ?? 1, max ?? (min === undefined ? 1 : min + 1));
      break;
    }
    case 'string':
      samples.push(...stringSamples(schema, carrier));
      break;
    case 'array': {
      const items = depth < 4 ? validSamples(document, schema.items, carrier, depth + 1) : [];
      const minItems = num(schema.minItems) ?? 0;
      const first = items[0];
      if (first !== undefined) {
        samples.push(Array.from({ length: Math.max(minItems, 1) }, (_, i) => items[i % items.length]));
        const maxItems = num(schema.maxItems);
        if (maxItems !== undefined && maxItems <= 10)
          samples.push(Array.from({ length: maxItems }, (_, i) => items[i % items.length]));
      } else if (minItems === 0) samples.push([]);
      break;
    }
    case 'object':
      if (depth < 4) samples.push(...objectSamples(document, schema, carrier, depth));
      break;
  }
  return samples;
}

function stringSamples(schema: Schema, carrier: Carrier): string[] {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength);
  switch (schema.format) {
    case 'uuid':
      return ['4f6c2a9e-8d1b-4c3a-9e2f-7a5b6c8d9e0f'];
    case 'date-time':
      return ['2026-01-02T03:04:05Z'];
    case 'date':
      return ['2026-01-02'];
    case 'email':
      return ['someone@example.com'];
    case 'uri':
    case 'url':
      return ['https://example.com/a'];
    case 'binary':
    case 'byte':
      return ['AAEC'];
  }
  const out = ['a'.repeat(Math.max(minLength, 1))];
  if (maxLength !== undefined && maxLength <= 256) out.push('b'.repeat(maxLength));
  // Where nothing forbids it, a value beyond ASCII is as valid as any (not in a header, which is Latin-1).
  if (
    carrier !== 'header' &&
    carrier !== 'path' &&
    schema.pattern === undefined &&
    (maxLength ?? 8) >= 4 &&
    minLength <= 4
  )
    out.push('Zoë😀');
  return out;
}

function objectSamples(document: OpenApiDocument, schema: Schema, carrier: Carrier, depth: number): object[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const first = (name: string): unknown => validSamples(document, properties[name], carrier, depth + 1)[0];
  const build = (names: readonly string[]): Record<string, unknown> =>
    Object.fromEntries(names.flatMap((n) => (first(n) === undefined ? [] : [[n, first(n)]])));
  return [build(required), build(Object.keys(properties))];
}

/** A fast-check arbitrary over valid values (most of them: see the module comment). */
export function valueArbitrary(
  document: OpenApiDocument,
  raw: unknown,
  carrier: Carrier,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolveSchema(document, raw);
  const listed = validSamples(document, schema, carrier, depth);
  if (Array.isArray(schema.enum) || schema.const !== undefined)
    return listed.length > 0 ? fc.constantFrom(...listed) : fc.constant(undefined);
  const members = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
  if (members && members.length > 0 && depth < 4)
    return fc.oneof(...members.map((m) => valueArbitrary(document, m, carrier, depth + 1)));
  const generated = generatedArbitrary(document, schema, carrier, depth);
  return listed.length > 0 ? fc.oneof(fc.constantFrom(...listed), generated) : generated;
}

function generatedArbitrary(
  document: OpenApiDocument,
  schema: Schema,
  carrier: Carrier,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (primaryType(schema)) {
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      // An open side is a million from the other bound (or from zero), so the range is never empty.
      const { min, max } = numericBounds(schema);
      const low = Math.ceil(min ?? Math.min(max ?? 0, 0) - 1_000_000);
      const high = Math.floor(max ?? Math.max(low, 0) + 1_000_000);
      return fc.integer({ min: low, max: Math.max(low, high) });
    }
    case 'number': {
      const { min, max } = numericBounds(schema);
      const low = Math.ceil((min ?? Math.min(max ?? 0, 0) - 10_000) * 100);
      const high = Math.floor((max ?? Math.max(low / 100, 0) + 10_000) * 100);
      return fc.integer({ min: low, max: Math.max(low, high) }).map((n) => n / 100);
    }
    case 'string':
      return stringArbitrary(schema, carrier);
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.max(
        minLength,
        Math.min(num(schema.maxItems) ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
      );
      return depth < 4
        ? fc.array(valueArbitrary(document, schema.items, carrier, depth + 1), { minLength, maxLength })
        : fc.constant([]);
    }
    case 'object': {
      if (depth >= 4) return fc.constant({});
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const model = Object.fromEntries(
        Object.keys(properties).map((name) => [
          name,
          valueArbitrary(document, properties[name], carrier, depth + 1),
        ]),
      );
      return fc.record(model, { requiredKeys: required.filter((r) => r in model) });
    }
    default:
      return fc.constant('x');
  }
}

function stringArbitrary(schema: Schema, carrier: Carrier): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
        .map((ms) => new Date(ms).toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.max(
    minLength,
    Math.min(num(schema.maxLength) ?? MAX_GENERATED_LENGTH, MAX_GENERATED_LENGTH),
  );
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern), { maxLength })
        .filter((s) => s.length >= minLength && s.length <= maxLength);
    } catch {
      return fc.constant('a'.repeat(Math.max(minLength, 1)));
    }
  }
  // A path segment from unreserved characters only: '', '.', '..' or an encoded '/' is normalised
  // or refused by proxies and servers (Tomcat, Apache) before the API sees it.
  if (carrier === 'path')
    return fc.string({
      minLength: Math.max(minLength, 1),
      maxLength: Math.max(maxLength, 1),
      unit: fc.constantFrom(...UNRESERVED),
    });
  return fc.string({ minLength, maxLength, unit: carrier === 'header' ? 'grapheme-ascii' : 'grapheme' });
}
