import type Ajv2020 from 'ajv/dist/2020';
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
  // The document's own Ajv: parameter schemas in `match` may point into it and use its formats.
  const validate = compileWith(ajv, {
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
      match: matchSchema(operations),
    },
    // Each branch declares what it requires (Ajv's strict mode wants required properties defined).
    anyOf: ['status', 'delayMs', 'fault'].map((name) => ({ properties: { [name]: true }, required: [name] })),
  });
  return (body: unknown): DraftValidation => {
    if (!validate(body)) {
      const raw = validate.errors ?? [];
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

/** `match`'s schema, from the document: its operationIds, and each parameter name with its schema. */
function matchSchema(operations: readonly OperationModel[]): Record<string, unknown> {
  const parameters = new Map<string, Record<string, unknown>[]>();
  for (const parameter of operations.flatMap((o) => o.parameters)) {
    const schemas = parameters.get(parameter.name) ?? [];
    schemas.push(stripAnnotations(parameter.schema));
    parameters.set(parameter.name, schemas);
  }
  const properties: Record<string, unknown> = {
    operation: { enum: operations.map((o) => o.operationId) },
    userId: { type: 'string', minLength: 1 },
  };
  for (const [name, schemas] of parameters) {
    if (name === 'operation' || name === 'userId') continue;
    properties[name] = schemas.length === 1 ? schemas[0] : { anyOf: schemas };
  }
  return { type: 'object', additionalProperties: false, properties };
}

/**
 * A parameter's schema as a value check: what Ajv needs to compare a scenario's value, without
 * `default` (which Ajv would fill in: a match on every parameter) or OpenAPI annotations.
 */
function stripAnnotations(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { default: _default, ...rest } = schema;
  return rest;
}
