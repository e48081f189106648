import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv/dist/2020';
import { responseFor, type OperationModel } from '../../spec/operation';
import { compileWith, describeErrors } from '../../spec/schemas';
import { explainChoice, type Refusal } from '../engine/negotiate/choose';
import { FAULTS, type ScenarioDraft } from '../state/scenarios';

export type DraftValidation =
  | { readonly ok: true; readonly draft: ScenarioDraft }
  | { readonly ok: false; readonly errors: readonly { field: string; message: string }[] };

/**
 * Checks a scenario body and names every bad field. The choice (status, example, dynamic) is checked
 * as `Prefer` is (`explainChoice`), against the operation the scenario names, or, without one,
 * against every operation: one of them must be able to serve it. `match` takes the document's
 * operationIds and parameter names, each parameter value checked against its schema.
 */
export function createDraftValidator(ajv: Ajv2020, operations: readonly OperationModel[]) {
  const parameters = parameterSchemas(operations);
  // A parameter's check is compiled when a scenario first matches on it: a document of a thousand
  // operations has thousands of parameters, and compiling them all cost most of a second at start.
  const parameterChecks = new Map<string, ReturnType<typeof compileWith>>();
  const checkParameter = (name: string, value: unknown): ErrorObject[] => {
    const schemas = parameters.get(name);
    if (schemas === undefined)
      return [
        {
          keyword: 'additionalProperties',
          instancePath: '/match',
          schemaPath: '#/properties/match/additionalProperties',
          params: { additionalProperty: name },
        },
      ];
    let check = parameterChecks.get(name);
    if (!check) {
      // The document's own Ajv: parameter schemas may point into it and use its formats.
      check = compileWith(ajv, schemas.length === 1 ? (schemas[0] ?? {}) : { anyOf: schemas });
      parameterChecks.set(name, check);
    }
    if (check(value)) return [];
    const path = `/match/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return (check.errors ?? []).map((e) => ({ ...e, instancePath: `${path}${e.instancePath}` }));
  };
  const validateShape = compileWith(ajv, {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: 'string', maxLength: 500 },
      status: { type: 'integer', minimum: 100, maximum: 599 },
      times: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      delayMs: { type: 'integer', minimum: 0, maximum: 120_000 },
      fault: { enum: [...FAULTS] },
      example: { type: 'string', minLength: 1 },
      dynamic: { type: 'boolean' },
      match: {
        type: 'object',
        properties: {
          // A document without operations (webhooks only) has none to match: `enum` must not be empty.
          operation: operations.length === 0 ? { not: {} } : { enum: operations.map((o) => o.operationId) },
          userId: { type: 'string', minLength: 1 },
        },
      },
    },
    // Each branch declares what it requires (Ajv's strict mode wants required properties defined).
    anyOf: ['status', 'delayMs', 'fault'].map((name) => ({ properties: { [name]: true }, required: [name] })),
  });
  const validate = (body: unknown): ErrorObject[] => {
    const errors = validateShape(body) ? [] : [...(validateShape.errors ?? [])];
    const match = (body as { match?: unknown } | null)?.match;
    if (typeof match === 'object' && match !== null && !Array.isArray(match))
      for (const [name, value] of Object.entries(match))
        if (name !== 'operation' && name !== 'userId') errors.push(...checkParameter(name, value));
    return errors;
  };
  return (body: unknown): DraftValidation => {
    const raw = validate(body);
    if (raw.length > 0) {
      // The anyOf's three `required` failures say one thing: the scenario does nothing.
      const doesNothing = raw.some((e) => e.keyword === 'anyOf');
      const rest = raw.filter(
        (e) => e.keyword !== 'anyOf' && !(e.keyword === 'required' && e.instancePath === ''),
      );
      const errors = describeErrors(rest).map((v) => ({ field: v.path || '(body)', message: v.message }));
      if (doesNothing)
        errors.unshift({ field: 'status', message: 'a scenario needs status, delayMs or fault' });
      return { ok: false, errors };
    }
    const draft = body as ScenarioDraft;
    const refused = refusal(operations, draft);
    return refused ? { ok: false, errors: [refused] } : { ok: true, draft };
  };
}

function refusal(operations: readonly OperationModel[], draft: ScenarioDraft): Refusal | undefined {
  const named = draft.match?.operation;
  const targets = named === undefined ? operations : operations.filter((o) => o.operationId === named);
  const refusals = targets.map((operation) => explainChoice(operation, draft));
  if (refusals.some((r) => r === undefined)) return undefined;
  if (targets.length === 1 || draft.status === undefined) return refusals[0];
  // Without an operation, name what is missing across the document, not one operation's view of it.
  const nobody = !operations.some((o) => responseFor(o, draft.status ?? 0));
  return nobody
    ? { field: 'status', message: `${draft.status} has no documented response in any operation` }
    : refusals[0];
}

/** Each parameter name of the document with the schemas it has (one per operation that names it). */
function parameterSchemas(operations: readonly OperationModel[]): Map<string, Record<string, unknown>[]> {
  const parameters = new Map<string, Record<string, unknown>[]>();
  for (const parameter of operations.flatMap((o) => o.parameters)) {
    if (parameter.name === 'operation' || parameter.name === 'userId') continue;
    const schemas = parameters.get(parameter.name) ?? [];
    schemas.push(stripAnnotations(parameter.schema));
    parameters.set(parameter.name, schemas);
  }
  return parameters;
}

/**
 * A parameter's schema as a value check: what Ajv needs to compare a scenario's value, without
 * `default` (which Ajv would fill in: a match on every parameter) or OpenAPI annotations.
 */
function stripAnnotations(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { default: _default, ...rest } = schema;
  return rest;
}
