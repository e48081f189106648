import type { OpenAPIV3_1 } from 'openapi-types';
import { follow, isObject, type OpenApiDocument } from './document';
import { describeContent } from './describe-content';
import type { RequestBodyModel } from './operation';
import { SpecStructureError } from './spec-structure-error';

export function describeRequestBody(
  document: OpenApiDocument,
  node: unknown,
  pointer: string,
): RequestBodyModel | undefined {
  if (node === undefined) return undefined;
  const resolved = follow(document, node, pointer);
  const body = resolved.node as OpenAPIV3_1.RequestBodyObject;
  if (!isObject(body) || !isObject(body.content)) {
    throw new SpecStructureError(resolved.pointer, 'a request body needs content');
  }
  return {
    required: body.required === true,
    content: describeContent(document, body.content, `${resolved.pointer}/content`),
  };
}
