import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import type { OpenApiDocument } from '../../../spec/document';
import { withoutWaived } from '../../../spec/read-write-only';
import { compileAt } from '../../../spec/schemas';

/**
 * Whether a value the mock is about to answer with holds against the schema at a pointer, as an
 * answer is judged (a `writeOnly` member may be missing). Each schema is compiled once, when first
 * asked about.
 */
export type SchemaCheck = (schemaPointer: string, value: unknown) => boolean;

export function createSchemaCheck(ajv: Ajv2020, document: OpenApiDocument | undefined): SchemaCheck {
  const validators = new Map<string, ValidateFunction>();
  return (pointer, value) => {
    let validate = validators.get(pointer);
    if (!validate) validators.set(pointer, (validate = compileAt(ajv, pointer)));
    if (validate(value)) return true;
    return document !== undefined && withoutWaived(document, validate.errors ?? [], 'writeOnly').length === 0;
  };
}
