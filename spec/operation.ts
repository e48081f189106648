import type { OpenAPIV3_1 } from 'openapi-types';
import { escapePointer, follow, isObject, type OpenApiDocument } from './document';

/**
 * A read-only view of one operation of the OpenAPI document, with every `$ref` followed and the
 * JSON pointer of each schema kept, so validators can be compiled against the document itself.
 */
export interface OperationModel {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly ParameterModel[];
  readonly responses: ReadonlyMap<ResponseKey, ResponseModel>;
  /** Alternatives: any one requirement satisfies; every scheme inside one is needed. */
  readonly security: readonly (readonly SecuritySchemeModel[])[];
}

export interface ParameterModel {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required: boolean;
  readonly schemaPointer: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** A documented status code, or `default`. */
export type ResponseKey = number | 'default';

export interface ResponseModel {
  readonly key: ResponseKey;
  readonly headers: readonly string[];
  readonly content: readonly MediaModel[];
}

export interface MediaModel {
  readonly mediaType: string;
  readonly schemaPointer: string;
  readonly examples: ReadonlyMap<string, unknown>;
}

export type SecuritySchemeModel =
  | { readonly name: string; readonly kind: 'bearer' }
  | { readonly name: string; readonly kind: 'basic' }
  | {
      readonly name: string;
      readonly kind: 'apiKey';
      readonly in: 'header' | 'query' | 'cookie';
      readonly key: string;
    };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Finds an operation by its `operationId` and describes it. */
export function describeOperation(document: OpenApiDocument, operationId: string): OperationModel {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation?.operationId !== operationId) continue;
      const pointer = `#/paths/${escapePointer(path)}/${method}`;
      return {
        operationId,
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((p, i) =>
          describeParameter(document, p, `${pointer}/parameters/${i}`),
        ),
        responses: describeResponses(document, operation.responses, `${pointer}/responses`),
        security: describeSecurity(document, operation.security ?? document.security ?? []),
      };
    }
  }
  throw new Error(`No operation ${operationId} in the OpenAPI document`);
}

/**
 * The documented response for a status: its own entry; else `default`, which the document keeps for
 * the error statuses (4xx, 5xx: decision D7), not for a success or redirect the operation does not list.
 */
export function responseFor(operation: OperationModel, status: number): ResponseModel | undefined {
  return operation.responses.get(status) ?? (status >= 400 ? operation.responses.get('default') : undefined);
}

function describeParameter(document: OpenApiDocument, node: unknown, pointer: string): ParameterModel {
  const resolved = follow(document, node, pointer);
  const parameter = resolved.node as OpenAPIV3_1.ParameterObject;
  const schema = follow(document, parameter.schema, `${resolved.pointer}/schema`);
  if (!['query', 'header', 'path', 'cookie'].includes(parameter.in)) {
    throw new Error(`${resolved.pointer}: unknown parameter location ${parameter.in}`);
  }
  return {
    name: parameter.name,
    in: parameter.in as ParameterModel['in'],
    required: parameter.required === true,
    schemaPointer: schema.pointer,
    schema: isObject(schema.node) ? schema.node : {},
  };
}

function describeResponses(
  document: OpenApiDocument,
  responses: OpenAPIV3_1.ResponsesObject,
  pointer: string,
): Map<ResponseKey, ResponseModel> {
  const described = new Map<ResponseKey, ResponseModel>();
  for (const [code, node] of Object.entries(responses)) {
    const key: ResponseKey = code === 'default' ? 'default' : Number(code);
    const resolved = follow(document, node, `${pointer}/${code}`);
    const response = resolved.node as OpenAPIV3_1.ResponseObject;
    described.set(key, {
      key,
      headers: Object.keys(response.headers ?? {}),
      content: Object.entries(response.content ?? {}).map(([mediaType, media]) => {
        const mediaPointer = `${resolved.pointer}/content/${escapePointer(mediaType)}`;
        return {
          mediaType,
          schemaPointer: follow(document, media.schema, `${mediaPointer}/schema`).pointer,
          examples: new Map(
            Object.entries(media.examples ?? {}).map(([name, example]) => [
              name,
              (
                follow(document, example, `${mediaPointer}/examples/${name}`)
                  .node as OpenAPIV3_1.ExampleObject
              ).value,
            ]),
          ),
        };
      }),
    });
  }
  return described;
}

function describeSecurity(
  document: OpenApiDocument,
  requirements: readonly OpenAPIV3_1.SecurityRequirementObject[],
): SecuritySchemeModel[][] {
  const schemes = document.components?.securitySchemes ?? {};
  return requirements.map((requirement) =>
    Object.keys(requirement).map((name): SecuritySchemeModel => {
      const scheme = follow(document, schemes[name], `#/components/securitySchemes/${name}`).node as
        OpenAPIV3_1.SecuritySchemeObject | undefined;
      if (scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'bearer')
        return { name, kind: 'bearer' };
      if (scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'basic') return { name, kind: 'basic' };
      if (scheme?.type === 'apiKey') {
        return { name, kind: 'apiKey', in: scheme.in as 'header' | 'query' | 'cookie', key: scheme.name };
      }
      throw new Error(`Security scheme ${name} is missing or of a kind the kit does not support`);
    }),
  );
}
