import type { OpenAPIV3_1 } from 'openapi-types';
import { escapePointer, follow, isObject, type OpenApiDocument } from './document';
import { describeContent } from './describe-content';
import type { ResponseKey, ResponseModel } from './operation';
import { SpecStructureError } from './spec-structure-error';

export function describeResponses(
  document: OpenApiDocument,
  responses: OpenAPIV3_1.ResponsesObject,
  pointer: string,
): Map<ResponseKey, ResponseModel> {
  const described = new Map<ResponseKey, ResponseModel>();
  for (const [code, node] of Object.entries(responses)) {
    const key = responseKey(code, `${pointer}/${code}`);
    const resolved = follow(document, node, `${pointer}/${code}`);
    if (!isObject(resolved.node))
      throw new SpecStructureError(resolved.pointer, 'a response must be an object');
    const response = resolved.node as unknown as OpenAPIV3_1.ResponseObject;
    described.set(key, {
      key,
      headers: Object.keys(response.headers ?? {}),
      headerModels: Object.entries(response.headers ?? {}).map(([name, header]) => {
        const at = `${resolved.pointer}/headers/${escapePointer(name)}`;
        const node = follow(document, header, at);
        const described = node.node as OpenAPIV3_1.HeaderObject;
        const schema =
          described.schema === undefined || (described.schema as unknown) === null
            ? undefined
            : follow(document, described.schema, `${node.pointer}/schema`);
        return {
          name,
          required: described.required === true,
          schemaPointer: schema?.pointer,
          example: headerExample(document, described, schema?.node),
        };
      }),
      content: describeContent(document, response.content ?? {}, `${resolved.pointer}/content`),
    });
  }
  return described;
}

function headerExample(
  document: OpenApiDocument,
  header: OpenAPIV3_1.HeaderObject,
  schema: unknown,
): unknown {
  if (header.example !== undefined) return header.example;
  const [first] = Object.values(header.examples ?? {});
  if (first !== undefined) return (follow(document, first, '#').node as OpenAPIV3_1.ExampleObject).value;
  if (!isObject(schema)) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0] as unknown;
  return schema.example ?? schema.default;
}

function responseKey(code: string, pointer: string): ResponseKey {
  if (code === 'default') return 'default';
  if (/^[1-5]XX$/i.test(code)) return code.toUpperCase() as ResponseKey;
  if (/^[1-5]\d\d$/.test(code)) return Number(code);
  throw new SpecStructureError(pointer, `'${code}' is not a status code, a range such as 4XX, or default`);
}
