import type { OpenAPIV3_1 } from 'openapi-types';
import { describeParameter } from './describe-parameter';
import { describeRequestBody } from './describe-request-body';
import { describeResponses } from './describe-responses';
import { describeSecurity } from './describe-security';
import { escapePointer, follow, isObject, type OpenApiDocument } from './document';
import { SpecStructureError } from './spec-structure-error';

export { documentedStatuses, responseFor, responseKeyFor, successStatus } from './responses';
export { SpecStructureError } from './spec-structure-error';

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
  /** The same headers with what the document says of each. */
  readonly headerModels: readonly HeaderModel[];
  /** Empty for a response without a body (204, or any response the document gives no content). */
  readonly content: readonly MediaModel[];
}

export interface HeaderModel {
  readonly name: string;
  readonly required: boolean;
  /** Undefined when the header has no schema. */
  readonly schemaPointer: string | undefined;
  /** The header's example (`example`, its first `examples`, or its schema's), if the document gives one. */
  readonly example?: unknown;
}

export interface MediaModel {
  readonly mediaType: string;
  /** Undefined when the media type has no schema (any content). */
  readonly schemaPointer: string | undefined;
  /** Named examples; the media type's lone `example`, if any, is named `example`. */
  readonly examples: ReadonlyMap<string, unknown>;
}

/**
 * One security scheme of a requirement, as the mock checks it. OAuth 2 (every flow) and OpenID
 * Connect are bearer tokens on the wire (RFC 6750), so they are `bearer`, with the scopes the
 * requirement asks for (shown, not enforced) and where the token comes from.
 */
export type SecuritySchemeModel =
  | {
      readonly name: string;
      readonly kind: 'bearer';
      /** Undefined for an http bearer scheme; the document's type for a token another server issues. */
      readonly issuer?: 'oauth2' | 'openIdConnect';
      /** The scopes the requirement lists (OAuth 2, OpenID Connect); empty when it lists none. */
      readonly scopes?: readonly string[];
    }
  | { readonly name: string; readonly kind: 'basic' }
  | {
      readonly name: string;
      readonly kind: 'apiKey';
      readonly in: 'header' | 'query' | 'cookie';
      readonly key: string;
    }
  /** Any other HTTP authentication scheme (Digest, HOBA, Negotiate ...): its name in `Authorization`. */
  | { readonly name: string; readonly kind: 'http'; readonly scheme: string }
  /** A client certificate, which plain HTTP cannot show: taken as satisfied, and said so. */
  | { readonly name: string; readonly kind: 'mutualTLS' };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Every operation of the document, in the document's order. What a real document does that a
 * router cannot serve twice is served once and said once through `warn`: two operations that claim
 * one method and path (`/pets/{id}` and `/pets/{petId}`, or path keys told apart by a `#` or `?`
 * suffix, as some documents write variants) serve the first; a repeated operationId is given to the
 * first, the others are named by method and path.
 */
export function describeOperations(
  document: OpenApiDocument,
  warn: (message: string) => void = () => undefined,
): OperationModel[] {
  const operations: OperationModel[] = [];
  // Who serves each method of each path shape: `/pets/{id}` and `/pets/{petId}` are one path to a
  // router (section 4.8.8.2).
  const claimed = new Map<string, string>();
  const ids = new Set<string>();
  for (const [key, rawItem] of Object.entries(document.paths ?? {})) {
    // Specification extensions (`x-...`) may stand among the paths (OpenAPI 3.1, section 4.8.8).
    if (key.startsWith('x-')) continue;
    const itemPointer = `#/paths/${escapePointer(key)}`;
    const path = routePath(key);
    const item = follow(document, rawItem, itemPointer);
    if (!isObject(item.node)) throw new SpecStructureError(itemPointer, 'a path item must be an object');
    const pathItem = item.node as OpenAPIV3_1.PathItemObject;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      const pointer = `${item.pointer}/${method}`;
      if (!isObject(operation)) throw new SpecStructureError(pointer, 'an operation must be an object');
      const route = `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;
      const first = claimed.get(route);
      if (first !== undefined) {
        warn(`${pointer} is not served: ${first} already serves ${method.toUpperCase()} ${path}`);
        continue;
      }
      claimed.set(route, pointer);
      const described = describe(document, path, method, pathItem, operation, pointer);
      // Behaviours, scenarios and the journal name operations by id: one id names one operation.
      if (ids.has(described.operationId)) {
        const renamed = `${described.method} ${path}`;
        warn(
          `${pointer}/operationId '${described.operationId}' is taken by an earlier operation: named '${renamed}'`,
        );
        operations.push({ ...described, operationId: renamed });
      } else operations.push(described);
      ids.add(operations[operations.length - 1]?.operationId ?? '');
    }
  }
  return operations;
}

/** The path a request is routed by: the key without the `#...` or `?...` some documents add to tell variants apart. */
function routePath(key: string): string {
  const cut = key.search(/[#?]/);
  return cut === -1 ? key : key.slice(0, cut);
}

/** Finds an operation by its `operationId` and describes it. */
export function describeOperation(document: OpenApiDocument, operationId: string): OperationModel {
  const found = describeOperations(document).find((o) => o.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId} in the OpenAPI document`);
  return found;
}

function describe(
  document: OpenApiDocument,
  path: string,
  method: (typeof HTTP_METHODS)[number],
  item: OpenAPIV3_1.PathItemObject,
  operation: OpenAPIV3_1.OperationObject,
  pointer: string,
): OperationModel {
  const inherited = (item.parameters ?? []).map((p, i) =>
    describeParameter(document, p, `${pointer.slice(0, pointer.lastIndexOf('/'))}/parameters/${i}`),
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
    // Optional in 3.1: an operation that documents none is answered 204 (the engine says why).
    responses: describeResponses(document, operation.responses ?? {}, `${pointer}/responses`),
    security: describeSecurity(document, operation.security ?? document.security ?? [], pointer),
  };
}
