import type { OpenAPIV3_1 } from 'openapi-types';
import { escapePointer, follow, isObject, type OpenApiDocument } from './document';

/**
 * A read-only view of one operation of the OpenAPI document, with every `$ref` followed and the
 * JSON pointer of each schema kept, so validators can be compiled against the document itself.
 */
export interface OperationModel {
  /** The operation's `operationId`, or `METHOD /path` when it has none. */
  readonly operationId: string;
  readonly method: string;
  /** The path template as the document writes it: `/pets/{petId}`. */
  readonly path: string;
  /** The JSON pointer of the operation object: `#/paths/~1pets~1{petId}/get`. */
  readonly pointer: string;
  /** Path-item parameters merged with the operation's own (which win, by name and location). */
  readonly parameters: readonly ParameterModel[];
  readonly requestBody: RequestBodyModel | undefined;
  readonly responses: ReadonlyMap<ResponseKey, ResponseModel>;
  /** Alternatives: any one requirement satisfies; every scheme inside one is needed. Empty: public. */
  readonly security: readonly (readonly SecuritySchemeModel[])[];
}

export type ParameterLocation = 'query' | 'header' | 'path' | 'cookie';

export interface ParameterModel {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  /** OpenAPI's serialization style, defaulted: `form` for query and cookie, `simple` for path and header. */
  readonly style: string;
  /** Defaulted: true for `form`, false otherwise. */
  readonly explode: boolean;
  /** A parameter described by `content` (a JSON value in one string) rather than by `schema`. */
  readonly mediaType: string | undefined;
  readonly schemaPointer: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface RequestBodyModel {
  readonly required: boolean;
  readonly content: readonly MediaModel[];
}

/** A documented status code, a range (`4XX`), or `default`. */
export type ResponseKey = number | `${1 | 2 | 3 | 4 | 5}XX` | 'default';

export interface ResponseModel {
  readonly key: ResponseKey;
  readonly headers: readonly string[];
  /** Empty for a response without a body (204, or any response the document gives no content). */
  readonly content: readonly MediaModel[];
}

export interface MediaModel {
  readonly mediaType: string;
  /** Undefined when the media type has no schema (any content). */
  readonly schemaPointer: string | undefined;
  /** Named examples; the media type's lone `example`, if any, is named `example`. */
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

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A mistake in the document, with the JSON pointer of the node it is in. */
export class SpecStructureError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(`${pointer}: ${message}`);
    this.name = 'SpecStructureError';
  }
}

/** Every operation of the document, in the document's order. */
export function describeOperations(document: OpenApiDocument): OperationModel[] {
  const operations: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const itemPointer = `#/paths/${escapePointer(path)}`;
    const item = follow(document, rawItem, itemPointer);
    if (!isObject(item.node)) throw new SpecStructureError(itemPointer, 'a path item must be an object');
    const pathItem = item.node as OpenAPIV3_1.PathItemObject;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      const pointer = `${item.pointer}/${method}`;
      if (!isObject(operation)) throw new SpecStructureError(pointer, 'an operation must be an object');
      operations.push(describe(document, path, method, pathItem, operation, pointer));
    }
  }
  return operations;
}

/** Finds an operation by its `operationId` and describes it. */
export function describeOperation(document: OpenApiDocument, operationId: string): OperationModel {
  const found = describeOperations(document).find((o) => o.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId} in the OpenAPI document`);
  return found;
}

/**
 * The documented response for a status: its own entry, else its range (`4XX`), else `default`, which
 * the document keeps for the error statuses (4xx, 5xx: decision D7), not for a success or redirect
 * the operation does not list.
 */
export function responseFor(operation: OperationModel, status: number): ResponseModel | undefined {
  const range = `${Math.floor(status / 100)}XX` as ResponseKey;
  return (
    operation.responses.get(status) ??
    operation.responses.get(range) ??
    (status >= 400 ? operation.responses.get('default') : undefined)
  );
}

/** The statuses the operation documents explicitly (not ranges, not `default`), ascending. */
export function documentedStatuses(operation: OperationModel): number[] {
  return [...operation.responses.keys()]
    .filter((k): k is number => typeof k === 'number')
    .sort((a, b) => a - b);
}

/** The status a successful call answers with: the lowest documented 2xx (or 2XX range as 200). */
export function successStatus(operation: OperationModel): number | undefined {
  const explicit = documentedStatuses(operation).find((s) => s >= 200 && s < 300);
  if (explicit !== undefined) return explicit;
  return operation.responses.has('2XX') ? 200 : undefined;
}

function describe(
  document: OpenApiDocument,
  path: string,
  method: (typeof HTTP_METHODS)[number],
  item: OpenAPIV3_1.PathItemObject,
  operation: OpenAPIV3_1.OperationObject,
  pointer: string,
): OperationModel {
  if (!isObject(operation.responses) || Object.keys(operation.responses).length === 0) {
    throw new SpecStructureError(`${pointer}/responses`, 'an operation must document at least one response');
  }
  const inherited = (item.parameters ?? []).map((p, i) =>
    describeParameter(document, p, `#/paths/${escapePointer(path)}/parameters/${i}`),
  );
  const own = (operation.parameters ?? []).map((p, i) =>
    describeParameter(document, p, `${pointer}/parameters/${i}`),
  );
  const parameters = [
    ...inherited.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
    ...own,
  ];
  for (const segment of path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === segment[1])) {
      throw new SpecStructureError(pointer, `the path parameter {${segment[1] ?? ''}} is not described`);
    }
  }
  return {
    operationId: operation.operationId ?? `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path,
    pointer,
    parameters,
    requestBody: describeRequestBody(document, operation.requestBody, `${pointer}/requestBody`),
    responses: describeResponses(document, operation.responses, `${pointer}/responses`),
    security: describeSecurity(document, operation.security ?? document.security ?? [], pointer),
  };
}

function describeParameter(document: OpenApiDocument, node: unknown, pointer: string): ParameterModel {
  const resolved = follow(document, node, pointer);
  if (!isObject(resolved.node))
    throw new SpecStructureError(resolved.pointer, 'a parameter must be an object');
  const parameter = resolved.node as unknown as OpenAPIV3_1.ParameterObject;
  const location = parameter.in as ParameterLocation;
  if (!['query', 'header', 'path', 'cookie'].includes(location)) {
    throw new SpecStructureError(resolved.pointer, `unknown parameter location '${parameter.in}'`);
  }
  if (typeof parameter.name !== 'string' || parameter.name === '') {
    throw new SpecStructureError(resolved.pointer, 'a parameter needs a name');
  }
  let mediaType: string | undefined;
  let schemaNode: unknown = parameter.schema;
  let schemaPointer = `${resolved.pointer}/schema`;
  if (parameter.schema === undefined && isObject(parameter.content)) {
    const [first] = Object.entries(parameter.content);
    if (first) {
      mediaType = first[0];
      schemaNode = first[1].schema;
      schemaPointer = `${resolved.pointer}/content/${escapePointer(first[0])}/schema`;
    }
  }
  const schema =
    schemaNode === undefined ? { node: {}, pointer: '' } : follow(document, schemaNode, schemaPointer);
  const style = parameter.style ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
  return {
    name: parameter.name,
    in: location,
    // Path parameters are always required (OpenAPI 3.1, section 4.8.12.1).
    required: location === 'path' || parameter.required === true,
    style,
    explode: parameter.explode ?? style === 'form',
    mediaType,
    schemaPointer: schema.pointer,
    schema: isObject(schema.node) ? schema.node : {},
  };
}

function describeRequestBody(
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

function describeResponses(
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
      content: describeContent(document, response.content ?? {}, `${resolved.pointer}/content`),
    });
  }
  return described;
}

function responseKey(code: string, pointer: string): ResponseKey {
  if (code === 'default') return 'default';
  if (/^[1-5]XX$/i.test(code)) return code.toUpperCase() as ResponseKey;
  if (/^[1-5]\d\d$/.test(code)) return Number(code);
  throw new SpecStructureError(pointer, `'${code}' is not a status code, a range such as 4XX, or default`);
}

function describeContent(
  document: OpenApiDocument,
  content: Record<string, OpenAPIV3_1.MediaTypeObject>,
  pointer: string,
): MediaModel[] {
  return Object.entries(content).map(([mediaType, media]) => {
    const mediaPointer = `${pointer}/${escapePointer(mediaType)}`;
    const examples = new Map<string, unknown>(
      Object.entries(media.examples ?? {}).map(([name, example]) => [
        name,
        (
          follow(document, example, `${mediaPointer}/examples/${escapePointer(name)}`)
            .node as OpenAPIV3_1.ExampleObject
        ).value,
      ]),
    );
    if (media.example !== undefined && !examples.has('example')) examples.set('example', media.example);
    return {
      mediaType,
      schemaPointer:
        media.schema === undefined
          ? undefined
          : follow(document, media.schema, `${mediaPointer}/schema`).pointer,
      examples,
    };
  });
}

function describeSecurity(
  document: OpenApiDocument,
  requirements: readonly OpenAPIV3_1.SecurityRequirementObject[],
  pointer: string,
): SecuritySchemeModel[][] {
  const schemes = document.components?.securitySchemes ?? {};
  return requirements.map((requirement) =>
    Object.keys(requirement).map((name): SecuritySchemeModel => {
      const schemePointer = `#/components/securitySchemes/${escapePointer(name)}`;
      if (schemes[name] === undefined) {
        throw new SpecStructureError(
          pointer,
          `the security scheme '${name}' is not defined at ${schemePointer}`,
        );
      }
      const scheme = follow(document, schemes[name], schemePointer).node as OpenAPIV3_1.SecuritySchemeObject;
      if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') return { name, kind: 'bearer' };
      if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic') return { name, kind: 'basic' };
      if (scheme.type === 'apiKey' && ['header', 'query', 'cookie'].includes(scheme.in)) {
        return { name, kind: 'apiKey', in: scheme.in as 'header' | 'query' | 'cookie', key: scheme.name };
      }
      throw new SpecStructureError(
        schemePointer,
        `the kit mocks http bearer, http basic and apiKey schemes, not ${scheme.type}${scheme.type === 'http' ? ` ${scheme.scheme}` : ''}`,
      );
    }),
  );
}
