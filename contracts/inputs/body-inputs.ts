import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { isObject, type OpenApiDocument } from '../../spec/document';
import type { MediaModel, RequestBodyModel } from '../../spec/operation';
import type { SuiteSpec } from '../suite-spec';
import { coerce, invalidTexts } from './invalid-values';
import { resolveSchema, validSamples, valueArbitrary, type Schema } from './schema-values';

/** A request body as sent: its media type and text. */
export interface BodyInput {
  readonly mediaType: string;
  readonly text: string;
}

/**
 * The request bodies of one operation, derived from its first media type's schema: valid ones
 * (examples, listed samples, and generated ones, each member repaired from a sample when the
 * generator strays), and invalid ones that break one rule each: malformed JSON, a wrong type, a
 * missing required member, a member of the wrong type or outside its range, enum, length, pattern or
 * format, an undocumented member where none is allowed; one level into nested objects too.
 */
export class BodyInputs {
  readonly media: MediaModel | undefined;
  /** Valid bodies (values), most telling first; empty when none could be derived. */
  readonly samples: readonly unknown[];
  private readonly document: OpenApiDocument;
  private readonly validate: ValidateFunction | undefined;
  private readonly schema: Schema;

  constructor(
    private readonly spec: SuiteSpec,
    requestBody: RequestBodyModel | undefined,
  ) {
    this.document = spec.document;
    this.media = requestBody?.content.find((m) => m.mediaType !== '*/*') ?? requestBody?.content[0];
    const pointer = this.media?.schemaPointer;
    this.validate = pointer === undefined ? undefined : spec.validator(pointer);
    this.schema = pointer === undefined ? {} : resolveSchema(this.document, { $ref: pointer });
    this.samples = this.media ? dedupe(this.candidates(this.media)) : [];
  }

  /** The body of a value, as the media type writes it. */
  input(value: unknown): BodyInput | undefined {
    if (!this.media || value === undefined) return undefined;
    return { mediaType: this.media.mediaType, text: bodyText(this.media.mediaType, value) };
  }

  /** Any valid body: a sample, or a generated value whose invalid members are taken from a sample. */
  arbitrary(): fc.Arbitrary<unknown> {
    const pointer = this.media?.schemaPointer;
    if (!this.media || pointer === undefined || !isJson(this.media.mediaType) || this.samples.length === 0)
      return fc.constantFrom(...this.samples);
    return fc
      .oneof(fc.constantFrom(...this.samples), valueArbitrary(this.document, { $ref: pointer }, 'body'))
      .map((value) => this.repaired(value));
  }

  /** Bodies that break one rule each, as text (so malformed JSON can be one). */
  invalid(): { text: string; what: string }[] {
    const media = this.media;
    if (!media || !isJson(media.mediaType)) return [];
    const out: { text: string; what: string }[] = [
      { text: '{"unterminated', what: 'a body that is not JSON' },
    ];
    const validate = this.validate;
    if (!validate) return out;
    const candidates: [unknown, string][] = [
      [[], 'an array for the body'],
      ['text', 'a string for the body'],
      [null, 'null for the body'],
    ];
    // Broken one member at a time on the fullest sample, so every documented member is tried.
    const sample = this.samples
      .filter(isObject)
      .reduce<Record<string, unknown> | undefined>(
        (a, b) => (a && Object.keys(a).length >= Object.keys(b).length ? a : b),
        undefined,
      );
    if (sample) candidates.push(...memberBreaks(this.document, this.schema, sample, ''));
    for (const [value, what] of candidates)
      if (!validate(value)) out.push({ text: JSON.stringify(value), what });
    return out;
  }

  private candidates(media: MediaModel): unknown[] {
    const fromExamples = [...media.examples.values()];
    if (media.schemaPointer === undefined)
      return fromExamples.length > 0 ? fromExamples : ['contract-suite body'];
    const listed = [...fromExamples, ...validSamples(this.document, { $ref: media.schemaPointer }, 'body')];
    return listed.filter((v) => this.validate?.(v) ?? true);
  }

  /** A generated value made valid: each top-level member that fails is replaced by a sample's, or dropped. */
  private repaired(value: unknown): unknown {
    const validate = this.validate;
    const fallback = this.samples[0];
    if (!validate) return value;
    const valid: boolean = validate(value);
    if (valid) return value;
    if (!isObject(value) || !isObject(fallback)) return fallback;
    const failing = new Set((validate.errors ?? []).map((error) => error.instancePath.split('/')[1] ?? ''));
    const missing = (validate.errors ?? []).flatMap((error) =>
      error.keyword === 'required' && error.instancePath === '' ? [String(error.params.missingProperty)] : [],
    );
    const members = Object.fromEntries([
      ...Object.entries(value).flatMap(([name, member]): [string, unknown][] =>
        !failing.has(name) ? [[name, member]] : name in fallback ? [[name, fallback[name]]] : [],
      ),
      ...missing.filter((name) => name in fallback).map((name): [string, unknown] => [name, fallback[name]]),
    ]);
    return validate(members) ? members : fallback;
  }
}

/**
 * One broken member each, on top of a valid object: missing when required, of a wrong type, and
 * every invalid text its schema yields (as JSON: `'5'` for an integer stays a string, a wrong type;
 * `'0'` below a minimum of 1 is the number 0), and an undocumented member where none is allowed.
 * Nested objects are broken one level down (`owner.email`).
 */
function memberBreaks(
  document: OpenApiDocument,
  raw: Schema,
  sample: Record<string, unknown>,
  at: string,
): [unknown, string][] {
  const schema = resolveSchema(document, raw);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const out: [unknown, string][] = [];
  const name = (member: string): string => (at === '' ? member : `${at}.${member}`);
  // A `readOnly` member is the server's to send: a request may leave it out, required or not.
  const readOnly = (member: string): boolean =>
    resolveSchema(document, properties[member] ?? {}).readOnly === true;
  for (const member of required.filter((m) => !readOnly(m)))
    out.push([
      Object.fromEntries(Object.entries(sample).filter(([key]) => key !== member)),
      `a body without the required ${name(member)}`,
    ]);
  for (const [member, memberSchema] of Object.entries(properties)) {
    out.push([{ ...sample, [member]: { wrong: ['type'] } }, `${name(member)} of the wrong type`]);
    const resolved = resolveSchema(document, memberSchema);
    // The schema judges the whole body afterwards: a candidate that turns out valid is dropped there.
    for (const { text, why } of invalidTexts(document, resolved, () => false))
      out.push([{ ...sample, [member]: coerce(text, resolved) }, `${name(member)}: ${why}`]);
    const listed = sample[member];
    const items: readonly unknown[] = Array.isArray(listed) ? (listed as unknown[]) : [];
    if (items.length > 0) {
      if (resolved.uniqueItems === true)
        out.push([{ ...sample, [member]: [...items, items[0]] }, `${name(member)} with a repeated item`]);
      if (typeof resolved.maxItems === 'number' && resolved.maxItems <= 100)
        out.push([
          {
            ...sample,
            [member]: Array.from({ length: resolved.maxItems + 1 }, (_, i) => `${String(items[0])}${i}`),
          },
          `${name(member)} with more than ${resolved.maxItems} items`,
        ]);
    }
    const nested = sample[member];
    if (at === '' && isObject(nested))
      out.push(
        ...memberBreaks(document, resolved, nested, member).map(([value, what]): [unknown, string] => [
          { ...sample, [member]: value },
          what,
        ]),
      );
  }
  if (schema.additionalProperties === false)
    out.push([{ ...sample, undocumentedMember: 1 }, `an undocumented member in ${at || 'the body'}`]);
  return out;
}

export function isJson(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json$/i.test(mediaType.split(';')[0]?.trim() ?? '');
}

/** JSON as JSON; a form as `application/x-www-form-urlencoded` writes it (arrays repeated, objects as JSON); text as itself. */
function bodyText(mediaType: string, value: unknown): string {
  if (isJson(mediaType)) return JSON.stringify(value);
  if (/x-www-form-urlencoded/i.test(mediaType) && isObject(value)) {
    const form = new URLSearchParams();
    for (const [key, member] of Object.entries(value))
      for (const item of Array.isArray(member) ? member : [member])
        form.append(key, typeof item === 'string' ? item : JSON.stringify(item));
    return form.toString();
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function dedupe(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
