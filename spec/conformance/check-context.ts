import type { ValidateFunction } from 'ajv';
import { loadSpec, type OpenApiDocument } from '../document';
import { describeOperation } from '../operation';
import { compileAt, createSpecAjv } from '../schemas';
import { CREATE_MFA_ENROLLMENT } from '../types';
import type { CheckContext } from './checks';

/** The checks' view of the spec: the operation, and its schemas compiled on first use. */
export function createCheckContext(
  document: OpenApiDocument = loadSpec(),
  operationId: string = CREATE_MFA_ENROLLMENT,
): CheckContext {
  const ajv = createSpecAjv(document);
  const compiled = new Map<string, ValidateFunction>();
  return {
    document,
    operation: describeOperation(document, operationId),
    validator: (pointer) => {
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = compileAt(ajv, pointer);
        compiled.set(pointer, validate);
      }
      return validate;
    },
  };
}
