import type Ajv2020 from 'ajv/dist/2020';
import { unescapePointer } from '../../../spec/document';
import type { ErrorObject } from 'ajv/dist/2020';
import type { OperationModel, ParameterModel } from '../../../spec/operation';
import { compileWith, describeErrors } from '../../../spec/schemas';
import { record } from './assemble';
import { checkAjv } from './check-ajv';
import { validateCoercing } from './coerce';
import { readerFor, Sources, type RawParameters } from './read-parameter';
import type { RequestViolation } from './violations';

export type { RawParameters } from './read-parameter';

export type ParameterValidation =
  | {
      readonly ok: true;
      /** By location and documented name: coerced to their schemas' types, defaults applied. */
      readonly values: {
        path: Record<string, unknown>;
        query: Record<string, unknown>;
        header: Record<string, unknown>;
        cookie: Record<string, unknown>;
      };
    }
  | { readonly ok: false; readonly violations: readonly RequestViolation[] };

const NO_PARAMETERS: Record<string, unknown> = Object.freeze(record());

/** OpenAPI 3.1, section 4.8.12.1: these header parameters "SHALL be ignored"; HTTP itself carries them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * Compiles, once per operation, the check of a request's parameters against the document: each is
 * read from its location in its style (see `readPathParameter`, `readQueryParameter`; headers are
 * `simple`, cookies `form`), turned into its schema's types, given its default when absent, and
 * validated. Every violation is reported, in the document's order of the parameters: a missing
 * required one (`is required`), a scalar given twice (`must be given once`), anything its schema
 * refuses. Parameters the document does not describe are ignored, as most servers do.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
export function compileParameterValidator(ajv: Ajv2020, operation: OperationModel) {
  checkAjv(ajv, 'compileParameterValidator', { validatesJson: false });
  const parameters = operation.parameters.filter(
    (p) => !(p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase())),
  );
  const validate = compileWith(ajv, {
    type: 'object',
    properties: Object.fromEntries(
      (['path', 'query', 'header', 'cookie'] as const).map((location) => [
        location,
        {
          type: 'object',
          // Inlined, not `$ref`ed: Ajv applies `default` only where it stands directly under `properties`.
          properties: Object.fromEntries(
            parameters.filter((p) => p.in === location).map((p) => [p.name, p.schema]),
          ),
        },
      ]),
    ),
  });
  const plans = parameters.map((parameter, index) => ({
    parameter,
    index,
    read: readerFor(parameter, parameters, operation),
  }));
  const byKey = new Map(plans.map((plan) => [keyOf(plan.parameter.in, plan.parameter.name), plan]));
  const coercible = (path: readonly string[]): boolean =>
    byKey.get(keyOf(path[0] ?? '', path[1] ?? ''))?.parameter.mediaType === undefined;

  const located = new Set(parameters.map((p) => p.in));
  // A location without parameters gets the shared empty record: nothing is written to it (Ajv adds
  // defaults only under the document's parameters), and a new one per request cost a dictionary.
  const recordFor = (location: ParameterModel['in']): Record<string, unknown> =>
    located.has(location) ? record() : NO_PARAMETERS;

  return (raw: RawParameters): ParameterValidation => {
    const values = {
      path: recordFor('path'),
      query: recordFor('query'),
      header: recordFor('header'),
      cookie: recordFor('cookie'),
    };
    const found: { index: number; violation: RequestViolation }[] = [];
    const sources = new Sources(raw);
    for (const { parameter, index, read } of plans) {
      const { in: location, name } = parameter;
      const result = read(sources);
      if (result === undefined && parameter.required) {
        found.push({ index, violation: { in: location, name, message: 'is required' } });
      } else if (result === undefined) {
        // Also done here, not left to Ajv's `useDefaults`, so it does not depend on the instance's options.
        if (Object.hasOwn(parameter.schema, 'default')) {
          const fallback: unknown = parameter.schema.default;
          // A copy for an object or array (the caller may change it); a primitive is its own copy.
          values[location][name] =
            typeof fallback === 'object' && fallback !== null ? structuredClone(fallback) : fallback;
        }
      } else if ('invalid' in result) {
        found.push({ index, violation: { in: location, name, message: result.invalid } });
      } else {
        values[location][name] = coerceScalar(parameter, result.value);
      }
    }
    for (const error of validateCoercing(validate, values, coercible)) {
      const [location = '', name = '', ...inner] = error.instancePath
        .split('/')
        .slice(1)
        .map(unescapePointer);
      // Only the objects built above are validated, so every error is under a parameter of them.
      const plan = byKey.get(keyOf(location, name));
      if (plan) found.push({ index: plan.index, violation: violationOf(plan.parameter, inner, error) });
    }
    if (found.length === 0) return { ok: true, values };
    return { ok: false, violations: found.sort((a, b) => a.index - b.index).map((f) => f.violation) };
  };
}

/**
 * The common case done at once: a string for a parameter whose schema is a plain boolean, integer or
 * number becomes that type when it reads as one, so validation passes the first time instead of
 * failing, coercing and validating again. Anything else is left to `validateCoercing`.
 */
function coerceScalar(parameter: ParameterModel, value: unknown): unknown {
  if (typeof value !== 'string' || parameter.mediaType !== undefined) return value;
  switch (parameter.schema.type) {
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'integer':
    case 'number':
      return NUMBER.test(value) ? Number(value) : value;
    default:
      return value;
  }
}

/** A JSON number (RFC 8259 section 6): what a numeric parameter may be written as. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function violationOf(parameter: ParameterModel, inner: string[], error: ErrorObject): RequestViolation {
  const where: unknown =
    error.keyword === 'required'
      ? error.params.missingProperty
      : error.keyword === 'additionalProperties'
        ? error.params.additionalProperty
        : undefined;
  if (typeof where === 'string') inner.push(where);
  const message = describeErrors([error])[0]?.message ?? `fails ${error.keyword}`;
  // Inside an array or object parameter: `item 1 must be integer`, `property 'x' is required`.
  const within = inner
    .map((segment) => (/^\d+$/.test(segment) ? `item ${segment} ` : `property '${segment}' `))
    .join('');
  return { in: parameter.in, name: parameter.name, message: `${within}${message}` };
}

function keyOf(location: string, name: string): string {
  return `${location}\u0000${name}`;
}
