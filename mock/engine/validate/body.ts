import { parse as parseForm } from 'node:querystring';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { OperationModel } from '../../../spec/operation';
import type { OpenApiDocument } from '../../../spec/document';
import { withoutWaived } from '../../../spec/read-write-only';
import { compileAt, describeErrors } from '../../../spec/schemas';
import { checkAjv } from './check-ajv';
import { decode, isSupported } from './decode';
import { validateCoercing } from './coerce';
import { isJson, matchMediaType, parseMediaType, type MediaType } from './media-type';
import { formOf } from './multipart-form';
import { parseMultipart } from './multipart';
import { parseJson } from './parse-json';
import type { RequestViolation } from './violations';

export type BodyValidation =
  | {
      readonly ok: true;
      /** Parsed as its media type: JSON, a form's fields, text; the bytes for any other type. */
      readonly value: unknown;
      /** The media type it was sent and read as (the Content-Type without parameters); none when empty. */
      readonly mediaType: string | undefined;
    }
  | { readonly ok: false; readonly status: 400 | 415; readonly violations: readonly RequestViolation[] };

/** Which paths of a read body hold text to coerce to its schema's types (see validateCoercing). */
type Coercible = (path: readonly string[]) => boolean | 'array';

type Reading =
  | { readonly value: unknown; readonly coerce: Coercible | false; readonly binary?: true }
  | { readonly status: 400 | 415; readonly message: string };

const NOTHING: BodyValidation = { ok: true, value: undefined, mediaType: undefined };
const REQUIRED: BodyValidation = {
  ok: false,
  status: 400,
  violations: [{ in: 'body', name: '', message: 'is required' }],
};

/**
 * Compiles, once per operation, the check of a request's body against its `requestBody`: the
 * Content-Type must be one the document lists (415 otherwise, naming those it accepts), and the body
 * is read as that type and validated against its schema, every violation reported with its JSON
 * path (400). JSON is validated as sent; a form's fields are strings, coerced to their schema's
 * types; a `multipart/form-data` body part by part (see formOf), files taken as they are. An operation without a `requestBody` ignores whatever is sent.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
export function compileBodyValidator(
  ajv: Ajv2020,
  operation: OperationModel,
  /** The document Ajv knows: with it, a `readOnly` property the schema requires may be left out. */
  document?: OpenApiDocument,
) {
  const body = operation.requestBody;
  const content = body?.content ?? [];
  checkAjv(ajv, 'compileBodyValidator', {
    validatesJson: content.some((m) => m.schemaPointer !== undefined),
  });
  const documented = content.map((media) => ({
    mediaType: media.mediaType,
    validate: media.schemaPointer === undefined ? undefined : compileAt(ajv, media.schemaPointer),
  }));
  const unsupported = (why: string): BodyValidation => ({
    ok: false,
    status: 415,
    violations: [
      { in: 'body', name: '', message: `${why}; accepted: ${content.map((m) => m.mediaType).join(', ')}` },
    ],
  });

  return (contentType: string | undefined, bytes: Buffer): BodyValidation => {
    if (body === undefined) return NOTHING;
    if (bytes.length === 0) return body.required ? REQUIRED : NOTHING;
    if (contentType === undefined) return unsupported('has no Content-Type');
    const sent = parseMediaType(contentType);
    // Not repeated back: it is not a media type, and could be anything the client put there.
    if (sent === undefined) return unsupported('has a Content-Type that is not a media type');
    const media = matchMediaType(sent, documented);
    if (media === undefined) return unsupported(`is ${sent.essence}`);
    const reading = read(sent, bytes);
    if ('status' in reading) {
      return {
        ok: false,
        status: reading.status,
        violations: [{ in: 'body', name: '', message: reading.message }],
      };
    }
    const violations =
      media.validate && !reading.binary
        ? validate(media.validate, reading.value, reading.coerce, document)
        : [];
    if (violations.length > 0) return { ok: false, status: 400, violations };
    return { ok: true, value: reading.value, mediaType: sent.essence };
  };
}

function read(sent: MediaType, bytes: Buffer): Reading {
  if (isJson(sent)) {
    // JSON is UTF-8 (RFC 8259 section 8.1), whatever charset the Content-Type claims.
    const text = decode(bytes, 'utf-8');
    if (text === undefined) return { status: 400, message: 'is not valid JSON: not UTF-8' };
    const parsed = parseJson(text);
    return parsed.ok
      ? { value: parsed.value, coerce: false }
      : { status: 400, message: `is not valid JSON: ${parsed.reason}` };
  }
  if (sent.essence === 'application/x-www-form-urlencoded') {
    // Fields are strings (repeated ones arrays), in an object without a prototype.
    return { value: parseForm(bytes.toString('utf8')), coerce: () => true };
  }
  if (sent.essence === 'multipart/form-data') {
    const parsed = parseMultipart(bytes, sent.parameters.get('boundary'));
    const form = parsed.ok ? formOf(parsed.parts) : parsed;
    if (!form.ok) return { status: 400, message: form.reason };
    // A file is never text to convert, but one file where a list is asked is a list of one.
    const { files } = form.form;
    return { value: form.form.value, coerce: ([name = '']) => (files.has(name) ? 'array' : true) };
  }
  if (sent.type === 'text') {
    const charset = sent.parameters.get('charset') ?? 'utf-8';
    if (!isSupported(charset)) return { status: 415, message: 'has a charset the mock cannot decode' };
    const text = decode(bytes, charset);
    return text === undefined
      ? { status: 400, message: 'is not valid text in its charset' }
      : { value: text, coerce: false };
  }
  // Bytes (an image, a PDF, other multipart types): a JSON Schema has nothing to say about them (OpenAPI 3.1
  // describes binary content by its media type, section 4.8.14.3), so they are taken as they are.
  return { value: bytes, coerce: false, binary: true };
}

function validate(
  check: ValidateFunction,
  value: unknown,
  coerce: Coercible | false,
  document: OpenApiDocument | undefined,
): RequestViolation[] {
  let errors: readonly ErrorObject[];
  try {
    errors = coerce ? validateCoercing(check, value, coerce) : check(value) ? [] : (check.errors ?? []);
  } catch (error) {
    // A recursive schema recurses as deep as the JSON nests, and the stack ends first.
    if (error instanceof RangeError)
      return [{ in: 'body', name: '', message: 'is nested too deeply to validate' }];
    throw error;
  }
  const kept = document === undefined ? errors : withoutWaived(document, errors, 'readOnly');
  return describeErrors(kept).map((v) => ({ in: 'body', name: v.path, message: v.message }));
}
