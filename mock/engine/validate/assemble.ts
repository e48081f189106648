import type { Shape } from './shape';

/** What reading one parameter from a request gives: nothing (it is absent), its value, or why not. */
export type Read = undefined | { readonly value: unknown } | { readonly invalid: string };

/** Turns one piece of a serialized value into text; undefined when it cannot be decoded. */
export type Decode = (text: string) => string | undefined;

/** The query and cookies arrive decoded already. */
export const asIs: Decode = (text) => text;

/** Path parameters arrive as they were matched: still percent-encoded. */
export const percentDecode: Decode = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
};

export const UNDECODABLE: Read = { invalid: 'is not valid percent-encoded UTF-8' };

/**
 * An object without a prototype: a request may name a key `__proto__` or `constructor`, and here it
 * is only a key, never a way to reach `Object.prototype`.
 */
export function record(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** The one piece a primitive is serialized as, decoded. */
export function primitive(text: string, decode: Decode): Read {
  const decoded = decode(text);
  return decoded === undefined ? UNDECODABLE : { value: decoded };
}

/**
 * Builds an array or an object from the pieces a style split its value into: an array of them; an
 * object from `name,value,name,value` pairs; or, `exploded`, from `name=value` pieces. Pieces are
 * decoded after splitting, so an encoded delimiter (`%2C`) stays part of a value.
 */
export function assemble(
  pieces: readonly string[],
  shape: Exclude<Shape, 'primitive'>,
  exploded: boolean,
  decode: Decode,
): Read {
  if (shape === 'array') {
    const items = pieces.map(decode);
    return items.every((item) => item !== undefined) ? { value: items } : UNDECODABLE;
  }
  const object = record();
  if (exploded) {
    for (const piece of pieces) {
      const equals = piece.indexOf('=');
      if (equals < 0) return { invalid: 'must be name=value pairs' };
      const name = decode(piece.slice(0, equals));
      const value = decode(piece.slice(equals + 1));
      if (name === undefined || value === undefined) return UNDECODABLE;
      object[name] = value;
    }
    return { value: object };
  }
  if (pieces.length % 2 !== 0) return { invalid: 'must be name,value pairs' };
  for (let i = 0; i < pieces.length; i += 2) {
    const name = decode(pieces[i] ?? '');
    const value = decode(pieces[i + 1] ?? '');
    if (name === undefined || value === undefined) return UNDECODABLE;
    object[name] = value;
  }
  return { value: object };
}

/** Splits a serialized list; the empty string is the empty list (OpenAPI's "empty" example row). */
export function splitList(text: string, delimiter: string): string[] {
  return text === '' ? [] : text.split(delimiter);
}
