import { follow, isObject, nodeAt, type OpenApiDocument } from '../../../spec/document';

/**
 * The schema object a media type's pointer names, its `$ref`s followed: what an answer's shape
 * depends on beyond validation (a binary string, an event object). Undefined without a document, or
 * where the pointer leads to no object (a boolean schema, a reference the loader left as it is).
 */
export function schemaAt(
  document: OpenApiDocument | undefined,
  pointer: string | undefined,
): Readonly<Record<string, unknown>> | undefined {
  if (document === undefined || pointer === undefined) return undefined;
  try {
    const { node } = follow(document, nodeAt(document, pointer), pointer);
    return isObject(node) ? node : undefined;
  } catch {
    return undefined;
  }
}
