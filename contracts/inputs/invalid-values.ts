import type { OpenApiDocument } from '../../spec/document';
import { numericBounds, primaryType, resolveSchema, type Schema } from './schema-values';

/** A value the schema forbids, sent as this exact text, and why it is invalid (for the failure message). */
export interface InvalidText {
  readonly text: string;
  readonly why: string;
}

/**
 * Texts a parameter's schema forbids: a wrong type, out-of-range numbers, a value outside the enum,
 * overlong, short, pattern-breaking and non-ASCII strings, malformed formats. Each is kept only if it
 * stays invalid after the coercion a server applies to a parameter's text (`'5'` is the integer 5),
 * checked with the compiled schema, so none is a value the spec allows.
 */
export function invalidTexts(
  document: OpenApiDocument,
  raw: unknown,
  isValid: (value: unknown) => boolean,
): InvalidText[] {
  const schema = resolveSchema(document, raw);
  const type = primaryType(schema);
  const candidates: InvalidText[] = [];
  const add = (text: string, why: string): void => {
    candidates.push({ text, why });
  };
  if (Array.isArray(schema.enum)) {
    add('not-a-documented-value', `not one of ${schema.enum.map(String).join(', ')}`);
    const first = schema.enum.find((v): v is string => typeof v === 'string');
    if (first !== undefined) add(`${first}x`, 'an enum member with a character added');
  }
  switch (type) {
    case 'integer':
    case 'number': {
      add('abc', `not a number (${type})`);
      if (type === 'integer') add('1.5', 'not an integer');
      const { min, max } = numericBounds(schema);
      if (min !== undefined)
        add(String(type === 'integer' ? min - 1 : min - 1.5), `below the minimum ${min}`);
      if (max !== undefined)
        add(String(type === 'integer' ? max + 1 : max + 1.5), `above the maximum ${max}`);
      if (schema.format === 'int32') add('2147483648', 'beyond int32');
      break;
    }
    case 'boolean':
      add('maybe', 'not a boolean');
      add('yes', 'not a boolean');
      break;
    case 'string':
      candidates.push(...stringTexts(schema));
      break;
    case 'array':
    case 'object':
      // Structured parameters: their items are checked through `items`, their count below.
      break;
  }
  return candidates.filter(({ text }) => !isValid(coerce(text, schema)));
}

function stringTexts(schema: Schema): InvalidText[] {
  const out: InvalidText[] = [];
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  if (maxLength !== undefined) out.push({ text: 'a'.repeat(maxLength + 1), why: `longer than ${maxLength}` });
  if (minLength > 1) out.push({ text: 'a'.repeat(minLength - 1), why: `shorter than ${minLength}` });
  const fill = (text: string): string => text.padEnd(Math.max(minLength, text.length), text.slice(-1));
  if (typeof schema.pattern === 'string') {
    for (const text of ['!!!', 'é ñ', '12 34', '<x>', '名前'])
      out.push({ text: fill(text), why: `does not match ${schema.pattern}` });
  }
  switch (schema.format) {
    case 'uuid':
      out.push({ text: 'not-a-uuid', why: 'not a UUID' });
      break;
    case 'date-time':
      out.push({ text: 'yesterday', why: 'not a date-time' });
      break;
    case 'date':
      out.push({ text: '2026-13-45', why: 'not a date' });
      break;
    case 'email':
      out.push({ text: 'not-an-email', why: 'not an email address' });
      break;
    case 'uri':
      out.push({ text: 'not a uri', why: 'not an absolute URI' });
      break;
  }
  return out;
}

/** What a server makes of a parameter's text before it validates it (the mock does the same). */
export function coerce(text: string, schema: Schema): unknown {
  const type = primaryType(schema);
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [type];
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
