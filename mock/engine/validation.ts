import type Ajv2020 from 'ajv/dist/2020';
import type { OperationModel, ParameterModel } from '../../spec/operation';
import { compileWith, describeErrors } from '../../spec/schemas';

export interface ParameterViolation {
  readonly in: ParameterModel['in'];
  readonly name: string;
  readonly message: string;
}

export type QueryValidation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly violations: readonly ParameterViolation[] };

/**
 * Validates a request's query against the operation's query parameters, compiled once from the
 * document: strings are coerced to the documented types (`"true"` → `true`), defaults are applied,
 * and every violation is reported, not just the first. Parameters the operation does not document
 * are ignored, as most servers do.
 * @see spec/nexus.openapi.yaml#/components/parameters
 */
export function compileQueryValidator<T>(
  ajv: Ajv2020,
  operation: OperationModel,
): (query: unknown) => QueryValidation<T> {
  const unsupported = operation.parameters.filter((p) => p.in !== 'query');
  if (unsupported.length > 0) {
    throw new Error(
      `Only query parameters are validated; ${operation.operationId} has ${unsupported.map((p) => p.name).join(', ')}`,
    );
  }
  const parameters = operation.parameters;
  const validate = compileWith(ajv, {
    type: 'object',
    // Inlined, not `$ref`ed: Ajv applies `default` only where it stands directly under `properties`.
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  });
  // A parameter that is not an array may appear once (`form` style, `explode: true`).
  const scalars = new Set(parameters.filter((p) => p.schema.type !== 'array').map((p) => p.name));
  const names = parameters.map((p) => p.name);
  return (query) => {
    // Only the documented parameters are validated (Ajv coerces and fills defaults into this copy).
    const value: Record<string, unknown> = {};
    let violations: ParameterViolation[] | undefined;
    for (const name of names) {
      const given = (query as Record<string, unknown>)[name];
      if (given === undefined) continue;
      if (Array.isArray(given) && scalars.has(name))
        (violations ??= []).push({ in: 'query', name, message: 'must be given once' });
      else value[name] = given;
    }
    if (validate(value) && !violations) return { ok: true, value: value as T };
    violations ??= [];
    for (const v of describeErrors(validate.errors))
      violations.push({ in: 'query', name: v.path.split('.')[0] ?? '', message: v.message });
    return { ok: false, violations };
  };
}

/** `query parameter 'factor' must be one of: otp, ...; query parameter 'isInteractive' must be boolean` */
export function describeViolations(violations: readonly ParameterViolation[]): string {
  return violations.map((v) => `${v.in} parameter '${v.name}' ${v.message}`).join('; ');
}
