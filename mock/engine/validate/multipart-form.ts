import { decode } from './decode';
import { isJson, parseMediaType } from './media-type';
import type { MultipartPart } from './multipart';
import { parseJson } from './parse-json';

/** A form read from its parts, and which of its members are files (never coerced but to a list). */
export interface MultipartForm {
  readonly value: Record<string, unknown>;
  readonly files: ReadonlySet<string>;
}

/**
 * The object a schema of a `multipart/form-data` body describes, built from its parts: a text part
 * is a string (coerced later to its schema's type, as a URL-encoded form's fields are), a JSON part
 * its parsed value, a file (a part with a file name or any other Content-Type) its bytes as a
 * `latin1` string, one character a byte, so that `type: string` with `format: binary` or
 * `contentMediaType` takes it and `maxLength` counts bytes. A repeated name is an array.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
export function formOf(
  parts: readonly MultipartPart[],
): { ok: true; form: MultipartForm } | { ok: false; reason: string } {
  const collected = new Map<string, unknown[]>();
  const files = new Set<string>();
  for (const part of parts) {
    // Without a Content-Type a part is text/plain (RFC 7578 section 4.4).
    const type = part.contentType === undefined ? undefined : parseMediaType(part.contentType);
    let member: unknown;
    if (part.filename === undefined && type !== undefined && isJson(type)) {
      const parsed = parseJson(part.data.toString('utf8'));
      if (!parsed.ok)
        return { ok: false, reason: `has a part "${part.name}" that is not valid JSON: ${parsed.reason}` };
      member = parsed.value;
    } else if (part.filename === undefined && (part.contentType === undefined || type?.type === 'text')) {
      const text = decode(part.data, 'utf-8');
      if (text === undefined)
        return { ok: false, reason: `has a part "${part.name}" that is not UTF-8 text` };
      member = text;
    } else {
      files.add(part.name);
      member = part.data.toString('latin1');
    }
    const values = collected.get(part.name);
    if (values) values.push(member);
    else collected.set(part.name, [member]);
  }
  // Without a prototype: a part named `__proto__` or `constructor` is a member like any other.
  const value = Object.create(null) as Record<string, unknown>;
  for (const [name, values] of collected) value[name] = values.length === 1 ? values[0] : values;
  return { ok: true, form: { value, files } };
}
