import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { OpenApiDocument } from '../../../spec/document';
import { withoutWaived } from '../../../spec/read-write-only';
import { compileAt } from '../../../spec/schemas';

/**
 * What in a value the mock is about to answer with breaks the schema at a pointer, as an answer is
 * judged (a `writeOnly` member may be missing): nothing when it holds. Each schema is compiled once,
 * when first asked about; the generator and the answers it checks share one (app.ts).
 */
export type SchemaViolations = (schemaPointer: string, value: unknown) => readonly ErrorObject[];

/** Whether a value holds against the schema at a pointer (see SchemaViolations). */
export type SchemaCheck = (schemaPointer: string, value: unknown) => boolean;

export function createSchemaViolations(
  ajv: Ajv2020,
  document: OpenApiDocument | undefined,
): SchemaViolations {
  const validators = new Map<string, ValidateFunction>();
  return (pointer, value) => {
    let validate = validators.get(pointer);
    if (!validate) validators.set(pointer, (validate = compileAt(ajv, pointer)));
    if (validate(value)) return [];
    const errors = validate.errors ?? [];
    return document === undefined ? errors : withoutWaived(document, errors, 'writeOnly');
  };
}

export function holdsBy(violations: SchemaViolations): SchemaCheck {
  return (pointer, value) => violations(pointer, value).length === 0;
}
