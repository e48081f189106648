import type { ErrorObject } from 'ajv/dist/2020';
import { follow, isObject, nodeAt, type OpenApiDocument } from './document';

/**
 * Ajv's errors without the `required` ones OpenAPI waives: a `readOnly` property is sent by the
 * server only, so a request need not have it; a `writeOnly` one by the client only, so an answer
 * need not (OpenAPI 3.1, section 4.8.24.4, and JSON Schema's annotations). Ajv reports where the
 * `required` is (`#/components/schemas/Pet/required`): the property's schema is looked up there.
 */
export function withoutWaived(
  document: OpenApiDocument,
  errors: readonly ErrorObject[],
  waived: 'readOnly' | 'writeOnly',
): ErrorObject[] {
  return errors.filter((error) => {
    // `#/components/...`, or `<the document's key in Ajv>#/components/...` at the top of a `$ref`.
    const at = error.schemaPath.slice(error.schemaPath.indexOf('#'));
    if (error.keyword !== 'required' || !at.startsWith('#/')) return true;
    const owner = nodeAt(document, at.slice(0, -'/required'.length));
    const properties = isObject(owner) ? owner.properties : undefined;
    const name = String(error.params.missingProperty);
    if (!isObject(properties) || !(name in properties)) return true;
    const property = follow(document, properties[name], '#').node;
    return !(isObject(property) && property[waived] === true);
  });
}
