import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { unescapePointer } from '../../../spec/document';

/** Enough for a string to become an array, then its items numbers, through a few `oneOf`s. */
const ROUNDS = 8;

const NOT_COERCED = Symbol('not coerced');

/**
 * Validates text that arrived as strings (parameters, form fields), first turning each string into
 * the type the schema asks for where it can: `"5"` into 5 for an `integer`, `"true"` into true, `""`
 * into null, a lone value into a one-item array. It is guided by Ajv's own `type` errors, so it
 * follows `$ref`, `allOf` and `oneOf` as the schema does, then validates again.
 *
 * Done here rather than by Ajv's `coerceTypes` because that option belongs to a whole Ajv instance,
 * and the same instance validates JSON bodies, where `"5"` is not 5. `coercible` says which paths
 * hold such text (a parameter described by `content` holds JSON, typed already); `'array'` that a
 * lone value there may become a list but is not text to convert (a file of a multipart form).
 * @returns every error left once nothing more could be coerced; empty when valid
 */
export function validateCoercing(
  validate: ValidateFunction,
  data: unknown,
  coercible: (path: readonly string[]) => boolean | 'array',
): readonly ErrorObject[] {
  for (let round = 0; ; round++) {
    if (validate(data)) return [];
    const errors = validate.errors ?? [];
    if (round === ROUNDS || !coerceWhereAsked(data, errors, coercible)) return errors;
  }
}

function coerceWhereAsked(
  data: unknown,
  errors: readonly ErrorObject[],
  coercible: (path: readonly string[]) => boolean | 'array',
): boolean {
  let changed = false;
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    const how = coercible(path);
    if (how === false) continue;
    const slot = locate(data, path);
    if (slot === undefined) continue;
    const text = slot.get();
    if (typeof text !== 'string') continue;
    const asked: unknown = error.params.type;
    const types = typeof asked === 'string' ? asked.split(',') : Array.isArray(asked) ? asked : [];
    const coerced = coerce(text, how === 'array' ? types.filter((t) => t === 'array') : types);
    if (coerced === NOT_COERCED) continue;
    slot.set(coerced);
    changed = true;
  }
  return changed;
}

/** The same conversions as Ajv's `coerceTypes: 'array'`, stricter about numbers (no `" 5"`). */
function coerce(text: string, types: readonly unknown[]): unknown {
  for (const type of types) {
    if ((type === 'number' || type === 'integer') && NUMBER.test(text)) {
      const number = Number(text);
      if (type === 'number' ? Number.isFinite(number) : Number.isInteger(number)) return number;
    }
    if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    if (type === 'null' && text === '') return null;
    if (type === 'array') return [text];
  }
  return NOT_COERCED;
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

interface Slot {
  get(): unknown;
  set(value: unknown): void;
}

/** The place `path` names, if it exists: only own properties and indexes, never a prototype's. */
function locate(root: unknown, path: readonly string[]): Slot | undefined {
  let node = root;
  for (const [i, segment] of path.entries()) {
    let container: Record<string, unknown>;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment) || Number(segment) >= node.length) return undefined;
      container = node as unknown as Record<string, unknown>;
    } else if (typeof node === 'object' && node !== null && Object.hasOwn(node, segment)) {
      container = node as Record<string, unknown>;
    } else {
      return undefined;
    }
    if (i === path.length - 1) {
      return {
        get: () => container[segment],
        set: (value) => {
          container[segment] = value;
        },
      };
    }
    node = container[segment];
  }
  return undefined;
}
